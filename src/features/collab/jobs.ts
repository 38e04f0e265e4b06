// The document-wide jobs of a shared document: Write all and Plan outline run in the browser that started them
// and write many sections (or the whole outline), so two of them at once — or a Generate section on a section
// such a job has yet to reach — would write the same text twice. Each browser publishes its running job in
// awareness (field `job`); the others read it into the collab slice and the generation commands stay disabled
// while it lasts. Awareness drops a browser's state when it leaves, so the lock cannot outlive its owner.
import type { AppState } from '../../app/store';

export type JobKind = 'write-all' | 'plan';

/** What a browser publishes: the kind of job and the sections it will still write. */
export interface JobLock {
  kind: JobKind;
  /** Sections the job has not finished with (queued or being written); empty for Plan outline. */
  sections: string[];
  /** A paused Write all still holds its sections: Resume goes on with them. */
  paused?: boolean;
}

/** A collaborator's job as this browser shows it. */
export interface RemoteJob extends JobLock { by: string }

const FINISHED_PHASES = new Set(['done', 'failed', 'cancelled']);

/** This browser's running job, as collaborators must see it (null when none runs). */
export function ownJob(s: Pick<AppState, 'run' | 'gen' | 'planning' | 'sections'>): JobLock | null {
  const run = s.run;
  if (run && !run.finished) {
    // A run restored for another document has no section here: it locks nothing in this one.
    const ids = run.ids.filter((id) => s.sections[id]);
    if (ids.length) {
      const sections = ids.filter((id) => !FINISHED_PHASES.has(s.gen[id]?.phase ?? 'queued'));
      return run.paused ? { kind: 'write-all', sections, paused: true } : { kind: 'write-all', sections };
    }
  }
  if (s.planning?.active) return { kind: 'plan', sections: [] };
  return null;
}

/** A collaborator's awareness `job` field, checked (it comes from another browser), or null. */
export function readJob(value: unknown, by: string): RemoteJob | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<JobLock>;
  if (v.kind !== 'write-all' && v.kind !== 'plan') return null;
  const sections = Array.isArray(v.sections) ? v.sections.filter((x): x is string => typeof x === 'string') : [];
  return v.paused === true ? { kind: v.kind, sections, paused: true, by } : { kind: v.kind, sections, by };
}
