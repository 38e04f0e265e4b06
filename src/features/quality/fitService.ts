// "Fit to target": the section pipeline (src/features/engine/pipeline.ts) run from the section's length:
// too short → Continue calls for the missing words (logged as kind "fit") until the ±10% band or the call
// cap; too long → a Shorten revision, shown as a proposal or, in auto mode, applied directly. The same
// runner as Generate section and Write all; this file only says what happened.
import { useStore } from '../../app/store';
import { formatCount } from '../../core/wordCount';
import { inBand } from '../../core/fit/decideFit';
import { generateSection, stopSection } from './integrations';
import { sectionPlainText } from './sectionText';
import { countWords } from '../../core/wordCount';
import type { PipelineResult } from '../engine';

export function stopFit(sectionId: string): void {
  void stopSection(sectionId);
}

export interface FitOutcome { result: PipelineResult | null; count: number; error?: string }

export async function fitToTarget(sectionId: string, opts: { auto?: boolean } = {}): Promise<FitOutcome | null> {
  const s = useStore.getState();
  const section = s.sections[sectionId];
  if (!section || !(section.targetWords > 0) || s.readOnlyReason || s.qualityJobs[`fit:${sectionId}`]) return null;
  const target = section.targetWords;
  const say = (text: string, tone: 'info' | 'error' = 'info') => useStore.getState().setQualityMessage(sectionId, text, tone);
  const before = countWords(await sectionPlainText(sectionId));
  if (inBand(before, target)) {
    say(`Already within 10% of the target: ${formatCount(before)} of ${formatCount(target)} words.`);
    return { result: null, count: before };
  }
  s.setQualityJob(sectionId, 'fit', true);
  say('Fitting to target…');
  try {
    const result = await generateSection(sectionId, {
      mode: 'continue', shorten: opts.auto ? 'apply' : 'propose', continueKind: 'fit', check: false,
    });
    const count = countWords(await sectionPlainText(sectionId));
    say(describe(result, count, target));
    return { result, count };
  } catch (e) {
    const count = countWords(await sectionPlainText(sectionId));
    const error = (e as Error).message || String(e);
    say(`Fitting failed: ${error}. The text so far is kept.`, 'error');
    return { result: null, count, error };
  } finally {
    useStore.getState().setQualityJob(sectionId, 'fit', false);
  }
}

function describe(r: PipelineResult, count: number, target: number): string {
  const n = r.calls + (r.end === 'shortened' || r.end === 'proposed' ? 1 : 0);
  const rounds = `${n} round${n === 1 ? '' : 's'}`;
  const where = `${formatCount(count)} of ${formatCount(target)} words`;
  if (r.end === 'proposed') return `A shorten proposal is ready for review below (${where}).`;
  if (r.end === 'stopped') return `Fitting stopped: ${where}. The text so far is kept.`;
  if (inBand(count, target)) return `In band after ${rounds}: ${where}.`;
  if (r.end === 'stalled') return `Stopped: the last round did not change the length (${where}).`;
  return `Stopped after ${rounds} (the cap): ${where}. Edit or run Fit to target again.`;
}
