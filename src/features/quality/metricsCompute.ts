// The heavy half of the metrics: repetition, readability and 8-gram sets per text (cached by hash), and the
// overlap across the document. Runs in a worker (metrics.worker.ts) so a 6,000-word section never blocks
// typing; the same code runs inline where workers do not exist (tests).
import { seqRep } from '../../core/metrics/repetition';
import { readability, type Readability } from '../../core/metrics/readability';
import { documentOverlap, gramSet } from '../../core/metrics/documentOverlap';
import { countWords } from '../../core/wordCount';
import type { SectionMetricsView } from './slice';

export interface MetricsInput { id: string; hash: string; text?: string }
/** `prime`: only measure the texts given (cached by hash) and reply with no figures; a later request without
 * texts gets them, with the overlap across the document. */
export interface MetricsRequest { seq: number; sections: MetricsInput[]; prime?: boolean }
export interface MetricsReply { seq: number; metrics: Record<string, SectionMetricsView>; missing: string[] }

interface Figures { words: number; seqRep4: number; readability: Readability | null; grams: Set<string> }

const MAX_CACHED = 400;

export function createMetricsComputer() {
  const byHash = new Map<string, Figures>();
  return (req: MetricsRequest): MetricsReply => {
    const metrics: Record<string, SectionMetricsView> = {};
    const missing: string[] = [];
    const present: { id: string; hash: string; f: Figures }[] = [];
    for (const s of req.sections) {
      let f = byHash.get(s.hash);
      if (!f && s.text !== undefined) {
        f = { words: countWords(s.text), seqRep4: seqRep(s.text, 4), readability: readability(s.text), grams: gramSet(s.text, 8) };
        byHash.set(s.hash, f);
        if (byHash.size > MAX_CACHED) byHash.delete(byHash.keys().next().value!);
      }
      if (f) present.push({ id: s.id, hash: s.hash, f }); else missing.push(s.id);
    }
    if (req.prime) return { seq: req.seq, metrics, missing: [] };
    const overlap = documentOverlap(present.map((p) => ({ id: p.id, grams: p.f.grams })));
    for (const p of present) {
      metrics[p.id] = { hash: p.hash, words: p.f.words, seqRep4: p.f.seqRep4, readability: p.f.readability, overlap: overlap[p.id]! };
    }
    return { seq: req.seq, metrics, missing };
  };
}
