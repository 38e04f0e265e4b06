// Story bible (issue 13): the page-level entry list, each section's extract / consistency controls, the editor's
// mention marks, and the extraction run after the pipeline writes a section.
import { lazy } from 'react';
import './bible.css';

// The panel, the section controls and the model requests behind them load as their own chunk: a book opens and
// takes keystrokes without them (the editor's mention marks stay in the page). Render inside Suspense.
export const BiblePanel = lazy(() => import('./BiblePanel').then((m) => ({ default: m.BiblePanel })));
export const SectionBible = lazy(() => import('./SectionBible').then((m) => ({ default: m.SectionBible })));
// Its command definitions, for the app's registry: their own chunk, loaded with the registry after the first
// load (a re-export here would put them in it, since this index is part of it).
export const loadBibleCommands = async () => (await import('./commands')).bibleCommands;
export { bibleExtensions } from './editorExtensions';

/** Extract entries from a section (the service loads on first use). */
export async function extractEntries(sectionId: string, opts?: { auto?: boolean; signal?: AbortSignal }): Promise<number> {
  return (await import('./service')).extractEntries(sectionId, opts);
}
