// Generation: per-section controls, the outline's state badge, and Generate / Stop for other features.
import { lazy } from 'react';
import type { GenerateOptions, GenerateResult } from './service';

// The section controls (takes, summary, request log) and the pipeline behind them load as their own chunk: a book
// opens and takes keystrokes without them. Render inside a Suspense boundary.
export const SectionGenerationControls = lazy(() => import('./SectionGenerationControls').then((m) => ({ default: m.SectionGenerationControls })));
export { OutlineSectionState } from './OutlineSectionState';
// Its command definitions, for the app's registry: their own chunk, loaded with the registry after the first
// load (a re-export here would put them in it, since this index is part of it).
export const loadGenerationCommands = async () => (await import('./commands')).generationCommands;

/** Generate / Continue a section (the pipeline loads on first use). */
export async function generateSection(sectionId: string, opts?: GenerateOptions): Promise<GenerateResult> {
  return (await import('./service')).generateSection(sectionId, opts);
}

/** Stops a section's pipeline; with the pipeline not loaded yet nothing runs, so nothing needs stopping. */
export async function stopSection(sectionId: string): Promise<void> {
  (await import('./service')).stopSection(sectionId);
}
