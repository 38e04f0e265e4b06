import { describe, expect, it } from 'vitest';
import { addToTally, dayKey, transactionOrigin } from './provenance';

const tr = (meta: Record<string, unknown>) => ({ getMeta: (k: string) => meta[k] });

describe('transactionOrigin', () => {
  it('reads the generated marker, skips streamed chunks (their commit counts), undo/redo and plain typing', () => {
    expect(transactionOrigin(tr({ 'longhand:origin': 'generated' }))).toBe('generated');
    expect(transactionOrigin(tr({ addToHistory: false, 'longhand:streaming': true }))).toBeNull();
    expect(transactionOrigin(tr({ addToHistory: false }))).toBeNull();
    expect(transactionOrigin(tr({ 'history$': { redo: false } }))).toBeNull();
    expect(transactionOrigin(tr({}))).toBe('typed');
    expect(transactionOrigin(tr({ 'longhand:origin': 'typed' }))).toBe('typed');
  });
});

describe('dayKey and addToTally', () => {
  it('uses the local calendar day', () => {
    expect(dayKey(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
  it('adds positive counts to the right side only', () => {
    const t = addToTally({ typed: 1, generated: 2 }, 'typed', 3);
    expect(t).toEqual({ typed: 4, generated: 2 });
    expect(addToTally(t, 'generated', 10)).toEqual({ typed: 4, generated: 12 });
    expect(addToTally(t, 'generated', -5)).toBe(t);
  });
});
