// Writes a long section with a short-winded model: models stop near 2,000 words a call whatever they are
// asked, so a 6,000-word section takes several Continue calls. Each call asks for an even share of what is
// missing (never more than perCallWords), so the last call is not a 200-word stub, until the section is in
// the ±10% band or the call cap is reached.
import { decideFit, type FitDecision } from './decideFit';

export interface WriteCall { call: number; requested: number; written: number; total: number }
export type WriteStop = 'in-band' | 'over' | 'cap' | 'stalled' | 'aborted';
export interface WriteResult { calls: WriteCall[]; words: number; stopped: WriteStop; decision: FitDecision }

export interface WriteToTargetOptions {
  target: number;
  /** Writes (the first call) or continues the section with about `words` words; resolves to words written. */
  generate: (words: number, call: number) => Promise<{ words: number }>;
  /** Words already in the section. */
  initialWords?: number;
  /** Default ceil(target / 1500) + 3. */
  maxCalls?: number;
  /** Largest request per call; above ~2,000 models stop early anyway. */
  perCallWords?: number;
  tolerance?: number;
  onCall?: (call: WriteCall) => void;
  signal?: AbortSignal;
}

export const PER_CALL_WORDS = 1500;

export function defaultMaxCalls(target: number): number {
  return Math.ceil(Math.max(0, target) / PER_CALL_WORDS) + 3;
}

/** Words to ask for next: an even share of the missing words over the calls still needed. */
export function nextRequest(missing: number, perCallWords = PER_CALL_WORDS): number {
  return Math.round(missing / Math.ceil(missing / perCallWords));
}

export async function writeToTarget(opts: WriteToTargetOptions): Promise<WriteResult> {
  const maxCalls = opts.maxCalls ?? defaultMaxCalls(opts.target);
  const calls: WriteCall[] = [];
  let words = opts.initialWords ?? 0, idle = 0;
  for (;;) {
    const decision = decideFit(words, opts.target, opts.tolerance);
    if (decision.action === 'ok') return { calls, words, stopped: 'in-band', decision };
    if (decision.action === 'shorten') return { calls, words, stopped: 'over', decision };
    if (opts.signal?.aborted) return { calls, words, stopped: 'aborted', decision };
    if (calls.length >= maxCalls) return { calls, words, stopped: 'cap', decision };
    // Two calls in a row that add nothing: the model has nothing more to say; stop paying for it.
    if (idle >= 2) return { calls, words, stopped: 'stalled', decision };
    const requested = nextRequest(decision.missingWords, opts.perCallWords);
    const { words: written } = await opts.generate(requested, calls.length + 1);
    words += Math.max(0, written);
    idle = written > 0 ? 0 : idle + 1;
    const entry = { call: calls.length + 1, requested, written, total: words };
    calls.push(entry);
    opts.onCall?.(entry);
  }
}
