import { describe, expect, it } from 'vitest';
import { runFitLoop, type FitRound } from './runFitLoop';

/** A section whose length the fake writer changes: continue adds `gain` × asked, shorten removes `cut` × asked. */
function fakeSection(start: number, gain = 1, cut = 1) {
  let count = start;
  const calls: string[] = [];
  return {
    calls,
    getCount: () => count,
    continueBy: async (n: number) => { calls.push(`continue ${n}`); count += Math.round(n * gain); },
    shortenBy: async (n: number) => { calls.push(`shorten ${n}`); count -= Math.round(n * cut); },
  };
}

describe('runFitLoop', () => {
  it('does nothing for a section already in band', async () => {
    const s = fakeSection(95);
    expect(await runFitLoop({ ...s, target: 100 })).toEqual({ rounds: [], count: 95, stopped: 'in-band' });
    expect(s.calls).toEqual([]);
  });

  it('continues a short section for the missing words and stops in band', async () => {
    const s = fakeSection(50);
    const r = await runFitLoop({ ...s, target: 100 });
    expect(s.calls).toEqual(['continue 50']);
    expect(r).toMatchObject({ stopped: 'in-band', count: 100 });
  });

  it('shortens a long section by the excess', async () => {
    const s = fakeSection(300);
    const r = await runFitLoop({ ...s, target: 200 });
    expect(s.calls).toEqual(['shorten 100']);
    expect(r.stopped).toBe('in-band');
  });

  it('goes back and forth when a round overshoots, and logs every round', async () => {
    const s = fakeSection(100, 2.5, 0.9); // continue writes 2.5× what is asked; shorten removes 90%
    const logged: FitRound[] = [];
    const r = await runFitLoop({ ...s, target: 1000, onRound: (x) => logged.push(x) });
    // 100 → +2250 = 2350 → −1215 = 1135 → −122 = 1013
    expect(s.calls).toEqual(['continue 900', 'shorten 1350', 'shorten 135']);
    expect(r).toMatchObject({ stopped: 'in-band', count: 1013 });
    expect(logged.map((l) => [l.round, l.before, l.after])).toEqual([[1, 100, 2350], [2, 2350, 1135], [3, 1135, 1013]]);
  });

  it('stops after 3 rounds however far off it still is', async () => {
    const s = fakeSection(100, 0.2); // a model that writes a fifth of what it is asked for
    const r = await runFitLoop({ ...s, target: 1000 });
    expect(s.calls).toHaveLength(3);
    expect(r.stopped).toBe('max-rounds');
    expect(r.rounds).toHaveLength(3);
    const capped = fakeSection(100, 0.2);
    expect((await runFitLoop({ ...capped, target: 1000, maxRounds: 1 })).rounds).toHaveLength(1);
  });

  it('stops when a round changes nothing (e.g. a shorten proposal waiting for review)', async () => {
    const s = fakeSection(500, 1, 0);
    const r = await runFitLoop({ ...s, target: 200 });
    expect(r).toMatchObject({ stopped: 'no-progress', count: 500 });
    expect(r.rounds).toHaveLength(1);
  });

  it('reports a failed round with its error and stops; an aborted signal stops before the next round', async () => {
    const s = fakeSection(10);
    const boom = new Error('upstream 500');
    const logged: FitRound[] = [];
    const r = await runFitLoop({ ...s, target: 100, continueBy: async () => { throw boom; }, onRound: (x) => logged.push(x) });
    expect(r.stopped).toBe('error');
    expect(logged[0]).toMatchObject({ round: 1, error: boom });
    const ac = new AbortController();
    ac.abort();
    expect((await runFitLoop({ ...fakeSection(10), target: 100, signal: ac.signal })).stopped).toBe('aborted');
  });
});
