// LongBench-Write's length score (Bai et al. 2024): 100 at the target, falling linearly to 0 at 4× over or
// 3× under. Being short is punished harder than being long, as readers notice missing content more.

/** x = target words, y = actual words. Null when there is no target to score against. */
export function lengthScore(target: number, actual: number): number | null {
  if (!(target > 0)) return null;
  if (actual <= 0) return 0;
  if (actual > target) return 100 * Math.max(0, 1 - (actual / target - 1) / 3);
  return 100 * Math.max(0, 1 - (target / actual - 1) / 2);
}

export type LengthBand = 'good' | 'ok' | 'poor';

/** Colour band for a score: good ≥ 90 (roughly −17% to +30% of target), ok ≥ 70, else poor. */
export function lengthBand(score: number): LengthBand {
  if (score >= 90) return 'good';
  if (score >= 70) return 'ok';
  return 'poor';
}

export interface SectionLength { target: number; words: number }
export interface DocumentLengthScore {
  /** Plain mean over sections that have a target (LongBench-Write's document figure). */
  mean: number | null;
  /** Mean weighted by target words: a 6,000-word chapter counts more than a 500-word interlude. */
  weighted: number | null;
  /** Sections that had a target. */
  scored: number;
}

export function documentLengthScore(sections: readonly SectionLength[]): DocumentLengthScore {
  let sum = 0, weightedSum = 0, weights = 0, scored = 0;
  for (const s of sections) {
    const score = lengthScore(s.target, s.words);
    if (score === null) continue;
    scored++;
    sum += score;
    weightedSum += score * s.target;
    weights += s.target;
  }
  if (!scored) return { mean: null, weighted: null, scored: 0 };
  return { mean: sum / scored, weighted: weightedSum / weights, scored };
}
