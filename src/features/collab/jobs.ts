// The document-wide jobs of a shared document: Write all and Plan outline run in the browser that started them
// and write many sections (or the whole outline), so two of them at once — or a Generate section on a section
// such a job has yet to reach — would write the same text twice. Each browser publishes its running job in
// awareness (field `job`); the others read it into the collab slice and the generation commands stay disabled
// while it lasts. Awareness drops a browser's state when it leaves, so the lock cannot outlive its owner.
import type { AppState } from '../../app/store';
import type { StartJobKind } from '../../shared/collab';

export type JobKind = StartJobKind;

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

// Starting a job: the simultaneous start. Two browsers that press Write all (or Plan outline) within the time it
// takes awareness to travel both see no other job and would both run, writing every section twice. So a browser
// first publishes its claim (the job it is about to run) and waits for the server to echo that claim back: the
// sync server applies every awareness update in one order and sends each to every connection, the sender's too,
// as it applies it, over one ordered socket per browser. When the echo arrives, this browser has therefore
// received every claim the server applied before its own, and none applied after. Of two claims, the later one
// sees the earlier and the earlier never sees the later: "a claim that sees another job at its echo withdraws"
// leaves exactly one, the first the server applied, in both browsers, without a server change.
//
// Why not the claims' timestamps with the client id as a tie-break: only the later claim sees the earlier one, so
// if the later had the older timestamp (clocks differ, or the earlier one's message was slow) it would win in its
// own browser while the earlier, which never saw it, also won in its own: both would run. The server's order is
// the only one both browsers can know.
//
// Across instances (REDIS_URL) there is no single order of awareness messages: a claim relayed through Redis can
// arrive after the other's echo, so both could withdraw (each sees the other) or both run. So before publishing
// anything, a browser takes the server's start lease (src/server/collab/startLease.ts): one Redis key set only if
// absent, the one place every instance's claims meet. The loser is refused there and publishes nothing; the winner
// then goes through the echo above, which still finds a job started earlier whose lease has expired.

/** A collaborator's job that this browser's claim found at its echo, or null when the claim holds. The name shown
 * is the same in every browser: the lowest client id's. */
export function decideClaim(self: number, states: Iterable<[number, Record<string, unknown>]>): RemoteJob | null {
  let holder: { clientId: number; job: RemoteJob } | null = null;
  for (const [clientId, st] of states) {
    if (clientId === self) continue;
    const by = (st.user as { name?: unknown } | undefined)?.name;
    const job = readJob(st.job, typeof by === 'string' && by ? by : 'Anonymous');
    if (job && (!holder || clientId < holder.clientId)) holder = { clientId, job };
  }
  return holder?.job ?? null;
}

const jobName = (kind: JobKind) => (kind === 'plan' ? 'Plan outline' : 'Write all');

/** What the browser that withdrew its claim tells its writer. */
export function claimRefusal(mine: JobKind, holder: RemoteJob): string {
  const theirs = `${jobName(holder.kind)} is already ${holder.paused ? 'paused' : 'running'} in ${holder.by}'s browser`;
  return mine === holder.kind ? `${theirs}: it was started there first, so it was not started here too.`
    : `${jobName(mine)} was not started: ${theirs}.`;
}
