// @vitest-environment jsdom
// The save status of a shared document tells the truth about this browser's copy: "Saved in this browser" only
// once the app's own saver is idle and the Y.Doc's copy (y-indexeddb) has stored every update.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/preact';
import { unmountAll } from '../testing/ui';
import type { CollabView } from '../features/collab';

vi.mock('./workspace', () => ({ takeOver: vi.fn() }));

import { StatusBar } from './StatusBar';
import { useStore } from './store';

afterEach(() => { unmountAll(); useStore.setState({ collab: null, saveState: { kind: 'idle' } }); });

const view = (localSaving: boolean) => ({
  docId: 'd_1', secret: 's', readOnly: false, session: {} as CollabView['session'], ready: true, peers: [], locks: {},
  job: null, sync: { kind: 'synced' }, localSaving,
}) as CollabView;

const status = () => screen.getByRole('status', { name: 'Save status' });

describe('StatusBar save status', () => {
  it('says "Saving…" while the shared document\'s local copy still has updates to store', () => {
    useStore.setState({ collab: view(true), saveState: { kind: 'idle' } });
    render(<StatusBar />);
    expect(status().textContent).toBe('Saving…');
    act(() => useStore.getState().patchCollab('d_1', { localSaving: false }));
    expect(status().textContent).toBe('Saved in this browser');
  });

  it('says "Saving…" while the app\'s own saver writes, whatever the Y.Doc copy', () => {
    useStore.setState({ collab: view(false), saveState: { kind: 'saving' } });
    render(<StatusBar />);
    expect(status().textContent).toBe('Saving…');
  });

  it('shows a failed save before a pending local copy', () => {
    useStore.setState({ collab: view(true), saveState: { kind: 'error', message: 'Disk full', retryInMs: 2000 } });
    render(<StatusBar />);
    expect(status().textContent).toMatch(/^Not saved: Disk full\./);
  });

  it('a write the browser refused to the shared document\'s copy is an error, not "Saving…" nor saved', () => {
    useStore.setState({ collab: { ...view(true), localSaveError: { message: 'Storage is full', retryInMs: 4000 } }, saveState: { kind: 'idle' } });
    render(<StatusBar />);
    expect(status().textContent).toBe('Not saved: Storage is full. Retrying in 4 s — your text is kept in this tab.');
    act(() => useStore.getState().patchCollab('d_1', { localSaving: false }));
    expect(status().textContent).toMatch(/^Not saved: Storage is full\./);
    act(() => useStore.getState().patchCollab('d_1', { localSaveError: null }));
    expect(status().textContent).toBe('Saved in this browser');
  });

  it('an unshared document is unchanged', () => {
    useStore.setState({ collab: null, saveState: { kind: 'idle' } });
    render(<StatusBar />);
    expect(status().textContent).toBe('All changes saved');
  });
});
