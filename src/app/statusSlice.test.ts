// Notices: ids are never reused, and a message provoked by every keystroke (`once`) is shown once, not piled up.
import { afterEach, describe, expect, it } from 'vitest';
import { useStore } from './store';

const s = () => useStore.getState();
afterEach(() => { for (const n of s().notices) s().dismiss(n.id); });

describe('notify', () => {
  it('`once` keeps a single copy of a message while it is shown, and shows it again after it is dismissed', () => {
    const a = s().notify('Locked.', { once: true });
    expect(s().notify('Locked.', { once: true })).toBe(a);
    expect(s().notices.filter((n) => n.text === 'Locked.')).toHaveLength(1);
    s().dismiss(a);
    const b = s().notify('Locked.', { once: true });
    expect(b).not.toBe(a);
    expect(s().notices.map((n) => n.text)).toEqual(['Locked.']);
  });

  it('without `once` the same text is shown again; a dismissed id is never handed out again', () => {
    const a = s().notify('Saved.');
    s().dismiss(a);
    const b = s().notify('Saved.');
    const c = s().notify('Saved.');
    expect(new Set([a, b, c]).size).toBe(3);
    // A late dismiss of the first notice closes nothing that is shown now.
    s().dismiss(a);
    expect(s().notices.map((n) => n.id)).toEqual([b, c]);
  });
});
