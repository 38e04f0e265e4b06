// What a browser publishes about its Write all / Plan outline, and how a collaborator's field is read.
import { describe, expect, it } from 'vitest';
import { claimRefusal, decideClaim, ownJob, readJob } from './jobs';
import type { SectionMeta } from '../../core/model';
import type { AppState } from '../../app/store';

const sections = Object.fromEntries(['s1', 's2', 's3'].map((id) => [id, { id } as SectionMeta]));
type JobState = Parameters<typeof ownJob>[0];
const state = (over: Partial<JobState>): JobState => ({ run: null, gen: {}, planning: null, sections, ...over });
const run = (over: Partial<NonNullable<AppState['run']>> = {}): AppState['run'] => ({
  mode: 'sequential', limit: 1, ids: ['s1', 's2', 's3'], startedAt: 1, paused: false, cancelled: false, finished: false, ...over,
});

describe('ownJob', () => {
  it('is null when nothing runs', () => {
    expect(ownJob(state({}))).toBeNull();
    expect(ownJob(state({ run: run({ finished: true }) }))).toBeNull();
    expect(ownJob(state({ planning: { active: false, message: 'Planned 3 sections.' } }))).toBeNull();
  });

  it('a running Write all holds the sections it has not finished with', () => {
    const gen = { s1: { phase: 'done' as const }, s2: { phase: 'streaming' as const }, s3: { phase: 'queued' as const } };
    expect(ownJob(state({ run: run(), gen }))).toEqual({ kind: 'write-all', sections: ['s2', 's3'] });
    const failed = { ...gen, s2: { phase: 'failed' as const } };
    expect(ownJob(state({ run: run(), gen: failed }))).toEqual({ kind: 'write-all', sections: ['s3'] });
  });

  it('a paused run still holds them (Resume writes them), and says it is paused', () => {
    expect(ownJob(state({ run: run({ paused: true }) }))).toEqual({ kind: 'write-all', sections: ['s1', 's2', 's3'], paused: true });
  });

  it('a run left over from another document locks nothing here', () => {
    expect(ownJob(state({ run: run({ ids: ['elsewhere'] }) }))).toBeNull();
  });

  it('planning is a job without sections', () => {
    expect(ownJob(state({ planning: { active: true } }))).toEqual({ kind: 'plan', sections: [] });
  });
});

describe('readJob', () => {
  it('reads a well-formed field with the collaborator\'s name', () => {
    expect(readJob({ kind: 'write-all', sections: ['s1'] }, 'Ada')).toEqual({ kind: 'write-all', sections: ['s1'], by: 'Ada' });
    expect(readJob({ kind: 'plan', sections: [], paused: true }, 'Ben')).toEqual({ kind: 'plan', sections: [], paused: true, by: 'Ben' });
  });

  it('ignores what is not a job (no field, another kind, junk sections)', () => {
    expect(readJob(undefined, 'Ada')).toBeNull();
    expect(readJob(null, 'Ada')).toBeNull();
    expect(readJob({ kind: 'delete-everything' }, 'Ada')).toBeNull();
    expect(readJob({ kind: 'write-all', sections: ['s1', 3, null] }, 'Ada')).toEqual({ kind: 'write-all', sections: ['s1'], by: 'Ada' });
    expect(readJob({ kind: 'write-all', sections: 's1' }, 'Ada')).toEqual({ kind: 'write-all', sections: [], by: 'Ada' });
  });
});

describe('decideClaim (a claim at its echo from the server)', () => {
  const ada = { user: { name: 'Ada' }, job: { kind: 'write-all', sections: ['s1'] } };
  it('holds when no collaborator has a job: this browser\'s own claim does not count', () => {
    expect(decideClaim(7, [[7, ada], [3, { user: { name: 'Ben' } }], [9, { user: { name: 'Cy' }, job: null }]])).toBeNull();
  });

  it('withdraws for any collaborator\'s job or claim seen at the echo, whatever its timestamp or client id', () => {
    // Only the later of two claims sees the earlier: the one that sees must be the one that yields (see jobs.ts).
    expect(decideClaim(1, [[1, ada], [9, { user: { name: 'Ben' }, job: { kind: 'write-all', sections: ['s1', 's2'] } }]]))
      .toEqual({ kind: 'write-all', sections: ['s1', 's2'], by: 'Ben' });
    expect(decideClaim(1, [[5, { user: { name: 'Ben' }, job: { kind: 'plan', sections: [] } }]])).toEqual({ kind: 'plan', sections: [], by: 'Ben' });
    expect(decideClaim(1, [[5, { user: { name: 'Ben' }, job: { kind: 'write-all', sections: [], paused: true } }]]))
      .toEqual({ kind: 'write-all', sections: [], paused: true, by: 'Ben' });
  });

  it('names the same collaborator in every browser (the lowest client id), and ignores what is not a job', () => {
    const states: [number, Record<string, unknown>][] = [
      [8, { user: { name: 'Cy' }, job: { kind: 'plan', sections: [] } }],
      [4, { user: { name: 'Ben' }, job: { kind: 'write-all', sections: ['s2'] } }],
      [2, { user: { name: 'Dan' }, job: { kind: 'delete-everything' } }],
      [6, { job: { kind: 'write-all', sections: [] } }],
    ];
    expect(decideClaim(1, states)?.by).toBe('Ben');
    expect(decideClaim(1, [[6, { job: { kind: 'write-all', sections: [] } }]])?.by).toBe('Anonymous');
  });
});

describe('claimRefusal', () => {
  it('says whose job runs, and that nothing was started here', () => {
    expect(claimRefusal('write-all', { kind: 'write-all', sections: [], by: 'Ada' }))
      .toBe('Write all is already running in Ada\'s browser: it was started there first, so it was not started here too.');
    expect(claimRefusal('plan', { kind: 'write-all', sections: [], paused: true, by: 'Ada' }))
      .toBe('Plan outline was not started: Write all is already paused in Ada\'s browser.');
  });
});
