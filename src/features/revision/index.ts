// Revision: the per-section review flow, and proposing a revision for other features (checklist Fix, fit).
import { lazy } from 'react';
import type { ProposeOptions, proposeRevision as propose } from './service';
import { REVISE_MENU_SHORTCUT, REVISION_PRESETS } from '../../core/revision/presets';

// The review UI (bubble menu with its floating-ui positioning, the diff view) loads as its own chunk: a book opens
// and takes keystrokes without it. Render it inside a Suspense boundary.
export const SectionRevision = lazy(() => import('./SectionRevision').then((m) => ({ default: m.SectionRevision })));
// Its command definitions, for the app's registry: their own chunk, loaded with the registry after the first
// load (a re-export here would put them in it, since this index is part of it).
export const loadRevisionCommands = async () => (await import('./commands')).revisionCommands;
// The keys those commands take, known before their chunk is there: the app holds such a key press until then.
export const revisionShortcuts: readonly string[] = [...REVISION_PRESETS.flatMap((p) => (p.shortcut ? [p.shortcut] : [])), REVISE_MENU_SHORTCUT];

/** Proposes a revision of a passage (the service, with Markdown conversion, loads on first use). */
export async function proposeRevision(sectionId: string, opts: ProposeOptions): ReturnType<typeof propose> {
  return (await import('./service')).proposeRevision(sectionId, opts);
}
