// Generation UI state: each section's place in a run (queued, streaming, done, failed), the Write-all run,
// planning, and which take each section shows. Section text and metadata stay in their own homes.
import type { StateCreator } from 'zustand';
import type { AppState } from '../../app/store';
import type { QueueState } from '../../core/generation/memory';
import type { QueueMode } from '../../core/generation/writeQueue';
import type { PipelineStep } from '../../core/pipeline/phase';

export interface SectionGenState {
  phase: QueueState;
  error?: string;
  /** The stream was stopped because it repeated itself. */
  loop?: boolean;
  /** The section pipeline is running (write, continue, shorten, check, summary). */
  active?: boolean;
  /** Model calls the pipeline made for this section. */
  calls?: number;
  /** What the running pipeline is doing, with the section's target: shown with the live word count as
   * "Writing · 1,840 of 4,500 words · call 2". */
  step?: PipelineStep;
  target?: number;
  /** A message about the section's last run instead ("Stopped · 1,200 words kept"). */
  text?: string;
}

export type WriteAllCoverage = 'empty' | 'short' | 'all';

export interface WriteAllRun {
  mode: QueueMode;
  limit: number;
  ids: string[];
  coverage?: WriteAllCoverage;
  /** Restored after a reload or a crash: paused until the writer resumes or cancels. */
  interrupted?: boolean;
  startedAt: number;
  paused: boolean;
  cancelled: boolean;
  finished: boolean;
  finishedAt?: number;
}

/** The Write-all run as stored in IndexedDB: the run plus each section's phase, calls and words. */
export interface WriteAllJob extends WriteAllRun {
  items: Record<string, { phase: QueueState; calls: number; words: number }>;
}

export interface PlanningState { active: boolean; message?: string; tone?: 'info' | 'error'; found?: number }

export interface GenerationSlice {
  gen: Record<string, SectionGenState>;
  run: WriteAllRun | null;
  planning: PlanningState | null;
  /** Take id each section currently shows (after a generation or a switch). */
  currentTake: Record<string, string>;
  /** Plan outline is asking whether to replace the outline or fill it in (the button or the palette asked). */
  planAsking: boolean;
  setPlanAsking(asking: boolean): void;
  setGen(id: string, state: SectionGenState | null): void;
  setRun(run: WriteAllRun | null): void;
  setPlanning(p: PlanningState | null): void;
  setCurrentTake(sectionId: string, takeId: string | null): void;
}

export const createGenerationSlice: StateCreator<AppState, [], [], GenerationSlice> = (set, get) => ({
  gen: {},
  run: null,
  planning: null,
  currentTake: {},
  planAsking: false,
  setPlanAsking: (planAsking) => set({ planAsking }),
  setGen(id, state) {
    const next = { ...get().gen };
    if (state) next[id] = state; else delete next[id];
    set({ gen: next });
  },
  setRun: (run) => set({ run }),
  setPlanning: (planning) => set({ planning }),
  setCurrentTake(sectionId, takeId) {
    const next = { ...get().currentTake };
    if (takeId) next[sectionId] = takeId; else delete next[sectionId];
    set({ currentTake: next });
  },
});
