// "Fit to target": the CogWriter loop, capped at 3 rounds. Too short → a Continue request for the missing
// words (generation service, logged as kind "fit"); too long → a Shorten revision, shown as a proposal or, in
// auto mode, applied directly. A proposal waits for the writer, so the loop ends there.
import { useStore } from '../../app/store';
import { countWords, formatCount } from '../../core/wordCount';
import { runFitLoop, type FitResult, type FitRound } from '../../core/fit/runFitLoop';
import { shortenInstruction } from '../../core/fit/decideFit';
import { appendLog } from '../../storage/logs';
import { resolveModel } from '../settings/providers';
import { generateSection, proposeRevision } from './integrations';
import { sectionPlainText } from './sectionText';

export const FIT_MAX_ROUNDS = 3;
const running = new Map<string, AbortController>();

export function stopFit(sectionId: string): void {
  running.get(sectionId)?.abort();
}

export async function fitToTarget(sectionId: string, opts: { auto?: boolean } = {}): Promise<FitResult | null> {
  const s = useStore.getState();
  const section = s.sections[sectionId];
  if (!section || !(section.targetWords > 0) || running.has(sectionId) || s.readOnlyReason) return null;
  const ac = new AbortController();
  running.set(sectionId, ac);
  s.setQualityJob(sectionId, 'fit', true);
  s.setQualityMessage(sectionId, 'Fitting to target…');
  let proposalWaiting = false;
  let roundStarted = 0;
  const say = (text: string, tone: 'info' | 'error' = 'info') => useStore.getState().setQualityMessage(sectionId, text, tone);
  try {
    const result = await runFitLoop({
      target: section.targetWords,
      maxRounds: FIT_MAX_ROUNDS,
      signal: ac.signal,
      getCount: async () => countWords(await sectionPlainText(sectionId)),
      continueBy: async (words, round) => {
        roundStarted = performance.now();
        say(`Round ${round} of ${FIT_MAX_ROUNDS}: writing about ${formatCount(words)} more words…`);
        await generateSection(sectionId, { mode: 'continue', wordsWanted: words, logKind: 'fit', signal: ac.signal });
      },
      shortenBy: async (words, round) => {
        roundStarted = performance.now();
        say(`Round ${round} of ${FIT_MAX_ROUNDS}: shortening by about ${formatCount(words)} words…`);
        const r = await proposeRevision(sectionId, {
          instruction: shortenInstruction(words), label: `Fit to target: shorten by ${formatCount(words)} words`,
          range: 'section', auto: !!opts.auto, targetWords: section.targetWords,
        });
        if (r.status === 'failed' || r.status === 'stopped') throw new Error(`the shorten revision ${r.status}`);
        if (r.status === 'ready') proposalWaiting = true;
      },
      onRound: (round) => void logRound(sectionId, round, !!opts.auto, Math.round(performance.now() - roundStarted)),
    });
    say(describe(result, section.targetWords, proposalWaiting), result.stopped === 'error' ? 'error' : 'info');
    return result;
  } finally {
    running.delete(sectionId);
    useStore.getState().setQualityJob(sectionId, 'fit', false);
  }
}

function describe(r: FitResult, target: number, proposalWaiting: boolean): string {
  const n = r.rounds.length;
  const rounds = `${n} round${n === 1 ? '' : 's'}`;
  const where = `${formatCount(r.count)} of ${formatCount(target)} words`;
  switch (r.stopped) {
    case 'in-band': return n ? `In band after ${rounds}: ${where}.` : `Already within 10% of the target: ${where}.`;
    case 'max-rounds': return `Stopped after ${rounds} (the cap): ${where}. Edit or run Fit to target again.`;
    case 'no-progress': return proposalWaiting
      ? `A shorten proposal is ready for review below (${rounds} so far, ${where}).`
      : `Stopped: the last round did not change the length (${where}).`;
    case 'aborted': return `Fitting stopped: ${where}. The text so far is kept.`;
    case 'error': return `Fitting failed in round ${n}: ${String((r.rounds[n - 1]?.error as Error)?.message ?? 'unknown error')}. The text so far is kept.`;
  }
}

// Continue rounds are logged by the generation service (kind "fit", with tokens). Shorten rounds go through
// the revision service (kind "revise"), so a "fit" entry records that they belonged to this loop; a failed
// round is logged here in any case.
async function logRound(sectionId: string, round: FitRound, auto: boolean, durationMs: number): Promise<void> {
  if (round.decision.action === 'continue' && !round.error) return;
  const model = await resolveModel().catch(() => ({ provider: '', model: '' }));
  const what = round.decision.action === 'continue'
    ? `continue for ${formatCount(round.decision.missingWords)} words`
    : `shorten by ${formatCount(round.decision.excessWords)} words (${auto ? 'applied' : 'proposal'})`;
  await appendLog({
    sectionId, kind: 'fit', provider: model.provider, model: model.model, durationMs,
    finishReason: round.error ? 'error' : 'stop',
    error: round.error ? (round.error as Error).message : undefined,
    note: `Fit round ${round.round} of ${FIT_MAX_ROUNDS}: ${what}; ${formatCount(round.before)} → ${round.after === undefined ? '?' : formatCount(round.after)} words`,
  });
}
