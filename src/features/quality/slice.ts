// Quality state that is not document data: what is running per section, the last fit/check outcome, metrics
// computed in idle time, and today's typed vs generated word counts. Checklist items and their states are
// document data and live on the section / document records (persisted with them).
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';
import type { Readability } from '../../core/metrics/readability';
import type { OverlapResult } from '../../core/metrics/documentOverlap';
import { keepUnchanged } from './keepUnchanged';

export interface SectionMetricsView {
  /** Hash of the text these figures were computed from. */
  hash: string;
  words: number;
  seqRep4: number;
  readability: Readability | null;
  overlap: OverlapResult;
}

export interface WordsToday { day: string; typed: number; generated: number }

export type QualityJob = 'fit' | 'check';

export interface QualitySlice {
  /** Running jobs, keyed `${job}:${sectionId}` (a fit and a check may run side by side). */
  qualityJobs: Record<string, true>;
  /** Last fit or check outcome per section, shown under the section's quality bar. */
  qualityMessages: Record<string, { text: string; tone: 'info' | 'error' } | undefined>;
  metrics: Record<string, SectionMetricsView>;
  metricsComputedAt: number | null;
  wordsToday: WordsToday;
  setQualityJob(sectionId: string, job: QualityJob, running: boolean): void;
  setQualityMessage(sectionId: string, text: string | null, tone?: 'info' | 'error'): void;
  setMetrics(metrics: Record<string, SectionMetricsView>): void;
  setWordsToday(w: WordsToday): void;
}

export const createQualitySlice: StateCreator<AppState, [], [], QualitySlice> = (set, get) => ({
  qualityJobs: {},
  qualityMessages: {},
  metrics: {},
  metricsComputedAt: null,
  wordsToday: { day: '', typed: 0, generated: 0 },
  setQualityJob(sectionId, job, running) {
    const jobs = { ...get().qualityJobs };
    if (running) jobs[`${job}:${sectionId}`] = true; else delete jobs[`${job}:${sectionId}`];
    set({ qualityJobs: jobs });
  },
  setQualityMessage(sectionId, text, tone = 'info') {
    const msgs = { ...get().qualityMessages };
    if (text) msgs[sectionId] = { text, tone }; else delete msgs[sectionId];
    set({ qualityMessages: msgs });
  },
  // Unchanged figures keep their objects, so only the rows and bars whose figures moved re-render.
  setMetrics: (metrics) => set({ metrics: keepUnchanged(get().metrics, metrics), metricsComputedAt: Date.now() }),
  setWordsToday: (wordsToday) => set({ wordsToday }),
});
