// The fit-to-target loop: measure, then continue or shorten, up to maxRounds. CogWriter loops without a cap;
// a model that ignores length instructions would then spend forever, so we stop after 3 rounds, and
// earlier when a round changed nothing.
import { decideFit, type FitDecision } from './decideFit';

export interface FitRound {
  round: number;
  decision: Exclude<FitDecision, { action: 'ok' }>;
  before: number;
  /** Count after the round's effect; undefined when it failed. */
  after?: number;
  error?: unknown;
}

export type FitStop = 'in-band' | 'max-rounds' | 'no-progress' | 'aborted' | 'error';
export interface FitResult { rounds: FitRound[]; count: number; stopped: FitStop }

export interface FitLoopOptions {
  getCount: () => number | Promise<number>;
  target: number;
  /** Appends about n words (a Continue request with the section so far as context). */
  continueBy: (words: number, round: number) => Promise<unknown>;
  /** Removes about n words (a Shorten revision, applied or proposed). */
  shortenBy: (words: number, round: number) => Promise<unknown>;
  maxRounds?: number;
  tolerance?: number;
  /** Every round, including a failed one, for the request log. */
  onRound?: (round: FitRound) => void;
  signal?: AbortSignal;
}

export async function runFitLoop(opts: FitLoopOptions): Promise<FitResult> {
  const maxRounds = opts.maxRounds ?? 3;
  const rounds: FitRound[] = [];
  let count = await opts.getCount();
  for (let round = 1; ; round++) {
    const decision = decideFit(count, opts.target, opts.tolerance);
    if (decision.action === 'ok') return { rounds, count, stopped: 'in-band' };
    if (round > maxRounds) return { rounds, count, stopped: 'max-rounds' };
    if (opts.signal?.aborted) return { rounds, count, stopped: 'aborted' };
    const entry: FitRound = { round, decision, before: count };
    try {
      if (decision.action === 'continue') await opts.continueBy(decision.missingWords, round);
      else await opts.shortenBy(decision.excessWords, round);
    } catch (error) {
      entry.error = error;
      rounds.push(entry);
      opts.onRound?.(entry);
      return { rounds, count: await opts.getCount(), stopped: opts.signal?.aborted ? 'aborted' : 'error' };
    }
    const after = await opts.getCount();
    entry.after = after;
    rounds.push(entry);
    opts.onRound?.(entry);
    if (after === count) return { rounds, count, stopped: 'no-progress' };
    count = after;
  }
}
