// Save state, read-only reason and notices (with Undo). A failed save is always visible.
import { useEffect, useState } from 'react';
import { useStore } from './store';
import { takeOver } from './workspace';
import type { SaveState } from '../storage/saver';

export function StatusBar() {
  const saver = useStore((s) => s.saveState);
  // A shared document is saved in two places; this says the browser's, the sync status beside "Share" the server's.
  // The browser's copy is the app's own records and the Y.Doc's (y-indexeddb): saved only once both are.
  const shared = useStore((s) => !!s.collab);
  const localSaving = useStore((s) => !!s.collab?.localSaving);
  // A write the browser refused to the shared document's copy is a failed save like any other (never "Saving…").
  const localError = useStore((s) => s.collab?.localSaveError ?? null);
  const save: SaveState = saver.kind === 'error' ? saver : localError ? { kind: 'error', ...localError }
    : saver.kind === 'idle' && localSaving ? { kind: 'saving' } : saver;
  const readOnly = useStore((s) => s.readOnlyReason);
  // "Edit here" takes the document back from another tab; a read-only link has nothing to take back.
  const tabLocked = useStore((s) => !!s.tabLockReason);
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  const blocked = useBlockedKeystrokes(!!readOnly);
  return (
    <div className="statusbar">
      <span className={`save-state ${save.kind}`} role="status" aria-label="Save status">
        {save.kind === 'saving' ? 'Saving…' : save.kind === 'error'
          ? `Not saved: ${save.message}. Retrying in ${Math.ceil(save.retryInMs / 1000)} s — your text is kept in this tab.`
          : shared ? 'Saved in this browser' : 'All changes saved'}
      </span>
      {readOnly && (
        <div key={blocked} className={`readonly-banner${blocked ? ' flash' : ''}`} role="alert">
          {blocked > 0 && <strong>Not typed: {tabLocked ? 'this tab is read-only' : 'this document is read-only here'}. </strong>}
          {readOnly} {tabLocked && <button type="button" onClick={() => void takeOver()}>Edit here</button>}
        </div>
      )}
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          {n.undo && <button type="button" onClick={() => { n.undo!(); dismiss(n.id); }}>Undo</button>}
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(n.id)}>×</button>
        </div>
      ))}
    </div>
  );
}

// A read-only tab ignores keystrokes; counting them lets the banner say so (and flash) instead of letting
// the writer's words vanish without a sign.
function useBlockedKeystrokes(readOnly: boolean): number {
  const [blocked, setBlocked] = useState(0);
  useEffect(() => {
    setBlocked(0);
    if (!readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      // The read-only editor loses focus, so the keys land on the page; keys into a field that still takes
      // them (a search box, a dialog) are not the writer's lost words.
      const t = e.target as HTMLElement | null;
      if (t?.isContentEditable) return;
      if ((t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && !t.readOnly && !t.disabled) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key.length === 1 || e.key === 'Enter' || e.key === 'Backspace' || e.key === 'Delete') setBlocked((n) => n + 1);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [readOnly]);
  return blocked;
}
