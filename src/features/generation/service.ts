// Generate section / Continue: thin entry points onto the section pipeline (src/features/engine/pipeline.ts),
// which writes, continues to the target band, shortens, checks and summarises. Takes switch here.
import { useStore } from '../../app/store';
import { content, pipeline } from '../../app/services';
import { newId } from '../../core/ids';
import { saveTake, getTake, listTakes } from './takes';
import type { PipelineOptions, PipelineResult } from '../engine';

export interface GenerateOptions extends PipelineOptions {}
export type GenerateResult = PipelineResult;

export function isGenerating(sectionId: string): boolean {
  return pipeline.isRunning(sectionId);
}

/** Stops a section's pipeline at once: the request is aborted upstream and the text so far stays. */
export function stopSection(sectionId: string): void {
  pipeline.stop(sectionId);
}

export function generateSection(sectionId: string, opts: GenerateOptions = {}): Promise<GenerateResult> {
  return pipeline.run(sectionId, opts);
}

/**
 * Shows another take in the section as one undoable step. The text being replaced is kept as a take first
 * when no take holds it (so switching back to the writer's own version is always possible).
 */
export async function switchTake(sectionId: string, takeId: string): Promise<void> {
  const take = await getTake(takeId);
  if (!take || pipeline.isRunning(sectionId)) return;
  const current = await content.read(sectionId);
  const takes = await listTakes(sectionId);
  if (current.trim() && !takes.some((t) => t.text === current)) {
    await saveTake({ id: newId('take'), sectionId, text: current, provider: 'writer', model: 'your version', createdAt: Date.now(), finishReason: 'edited', mode: 'replace' });
  }
  await content.replace(sectionId, take.text);
  useStore.getState().setCurrentTake(sectionId, takeId);
}

