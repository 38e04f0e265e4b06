import { describe, expect, it } from 'vitest';
import { createTabLock } from './tabLock';

// For "nothing happened" checks only: a short pause. What must happen is waited for with `until`, since a
// BroadcastChannel message on a busy machine can take longer than any fixed pause.
const tick = () => new Promise((r) => setTimeout(r, 30));
async function until(cond: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; !cond();) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('tab lock', () => {
  it('the newest claim wins; the old holder is told, and a late flush makes the claimant reload', async () => {
    const lost: string[] = [];
    const reload: string[] = [];
    const name = `test-${Math.random()}`;
    const a = createTabLock(async (id) => { lost.push(`a:${id}`); return true; }, (id) => reload.push(`a:${id}`), name);
    const b = createTabLock(async (id) => { lost.push(`b:${id}`); return false; }, (id) => reload.push(`b:${id}`), name);
    a.claim('doc1');
    await tick();
    expect(lost).toEqual([]);
    b.claim('doc1');
    await until(() => reload.length > 0, 'the claimant is told to reload');
    expect(lost).toEqual(['a:doc1']);
    expect(reload).toEqual(['b:doc1']);
    // A claim for another document leaves the holder alone.
    a.claim('doc2');
    await tick();
    expect(lost).toEqual(['a:doc1']);
    a.close(); b.close();
  });
});
