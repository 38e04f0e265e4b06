// The read-only mode's two sources: the tab lock and a read-only share link. Clearing one never drops the other,
// and the link's part ends with its session.
import { afterEach, describe, expect, it } from 'vitest';
import type { CollabView } from '../features/collab';
import { READ_ONLY_LINK_REASON } from './readOnly';
import { useStore } from './store';

const view = (readOnly: boolean) => ({
  docId: 'd_1', secret: 's', readOnly, session: {} as CollabView['session'], ready: true, peers: [], locks: {},
  job: null, sync: { kind: 'synced' }, localSaving: false,
}) as CollabView;

afterEach(() => { useStore.getState().setReadOnly(null); useStore.getState().setCollab(null); });

describe('readOnlyReason', () => {
  const TAB = 'This document is open for editing in another tab.';
  const reason = () => useStore.getState().readOnlyReason;

  it('a read-only link sets it; the tab lock clearing (every open does) keeps it; the session ending ends it', () => {
    useStore.getState().setCollab(view(true));
    expect(reason()).toBe(READ_ONLY_LINK_REASON);
    useStore.getState().setReadOnly(TAB);
    expect(reason()).toBe(TAB);
    useStore.getState().setReadOnly(null);
    expect(reason()).toBe(READ_ONLY_LINK_REASON);
    useStore.getState().setCollab(null);
    expect(reason()).toBeNull();
  });

  it('the scope learned later (patchCollab) switches it; a read-write session leaves the tab lock alone', () => {
    useStore.getState().setCollab(view(false));
    expect(reason()).toBeNull();
    useStore.getState().patchCollab('d_1', { readOnly: true });
    expect(reason()).toBe(READ_ONLY_LINK_REASON);
    useStore.getState().patchCollab('d_1', { readOnly: false });
    useStore.getState().setReadOnly(TAB);
    useStore.getState().patchCollab('d_1', { sync: { kind: 'connecting' } });
    expect(reason()).toBe(TAB);
  });
});
