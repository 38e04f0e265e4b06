import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('./checkService', () => ({ checkSection: vi.fn(async () => null) }));
vi.mock('./metricsEngine', () => ({ startMetricsEngine: () => {} }));
vi.mock('./provenance', () => ({ loadWordsToday: async () => {} }));

import type { AppState } from '../../app/store';
import type { SectionMeta } from '../../core/model';
import { checkSection } from './checkService';
import { recheckAfterWriting } from './watch';

const sec = (p: Partial<SectionMeta> = {}): SectionMeta => ({
  id: 's1', docId: 'd', title: '', brief: '', targetWords: 0, status: 'draft', wordCount: 10, summary: '',
  checklist: [{ id: 'i', text: 'x', state: 'unchecked' }], updatedAt: 0, ...p,
});
const state = (section: SectionMeta, proposal = false) => ({
  doc: { id: 'd', sectionIds: ['s1'], checklist: [] }, sections: { s1: section }, proposals: proposal ? { s1: {} } : {},
}) as unknown as AppState;

beforeEach(() => { vi.useFakeTimers(); vi.mocked(checkSection).mockClear(); });
afterEach(() => vi.useRealTimers());

describe('recheckAfterWriting', () => {
  it('re-checks when a stream ends, once, after a short delay', () => {
    const streaming = state(sec({ streaming: { startedAt: 1, takeId: 't' } }));
    recheckAfterWriting(streaming, state(sec()));
    recheckAfterWriting(state(sec({ status: 'generated', wordCount: 500 })), streaming);
    expect(checkSection).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(checkSection).toHaveBeenCalledTimes(1);
  });

  it('re-checks after an accepted revision, not after a rejected one', () => {
    const before = state(sec({ status: 'generated' }));
    const pending = state(sec({ status: 'generated' }), true);
    recheckAfterWriting(pending, before);
    recheckAfterWriting(state(sec({ status: 'generated' })), pending); // rejected
    vi.advanceTimersByTime(1000);
    expect(checkSection).not.toHaveBeenCalled();
    recheckAfterWriting(pending, before);
    const applied = state(sec({ status: 'revised', wordCount: 14 }), true);
    recheckAfterWriting(applied, pending);
    recheckAfterWriting(state(sec({ status: 'revised', wordCount: 14 })), applied); // accepted
    vi.advanceTimersByTime(1000);
    expect(checkSection).toHaveBeenCalledTimes(1);
  });

  it('does nothing for a section without checklist items', () => {
    const streaming = state(sec({ checklist: [], streaming: { startedAt: 1, takeId: 't' } }));
    recheckAfterWriting(state(sec({ checklist: [] })), streaming);
    vi.advanceTimersByTime(1000);
    expect(checkSection).not.toHaveBeenCalled();
  });
});
