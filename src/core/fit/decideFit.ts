// What to do about a section's length: CogWriter's monitor, with its ±10% band (inclusive at the edges).

export type FitDecision =
  | { action: 'ok' }
  | { action: 'continue'; missingWords: number }
  | { action: 'shorten'; excessWords: number };

export const FIT_TOLERANCE = 0.1;

export function decideFit(count: number, target: number, tolerance = FIT_TOLERANCE): FitDecision {
  if (!(target > 0)) return { action: 'ok' };
  if (count < target * (1 - tolerance)) return { action: 'continue', missingWords: Math.round(target - count) };
  if (count > target * (1 + tolerance)) return { action: 'shorten', excessWords: Math.round(count - target) };
  return { action: 'ok' };
}

export function inBand(count: number, target: number, tolerance = FIT_TOLERANCE): boolean {
  return decideFit(count, target, tolerance).action === 'ok';
}

/** The Shorten instruction of a fit round, phrased as CogWriter's length monitor does. */
export function shortenInstruction(words: number): string {
  return `Shorten by ${Math.round(words).toLocaleString('en-US')} words, keep the meaning`;
}
