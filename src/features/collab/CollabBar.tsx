// The document header's sharing row: "Share" (opens "Share document"), who is here, and whether the shared
// document is synced. Unshared documents show only the button.
import { useEffect, useId, useRef, useState } from 'react';
import { useStore } from '../../app/store';
import { collab } from '../../app/collab';
import { shareLink } from './service';
import { cutOffFrom, type SyncState } from './slice';

export function CollabBar() {
  const [open, setOpen] = useState(false);
  const shared = useStore((s) => !!s.collab);
  const peers = useStore((s) => s.collab?.peers);
  // Another tab holds the document: this one must not share it. A read-only link's reader may open the dialog
  // (their link, their name, why New link and Stop sharing are not theirs).
  const tabLocked = useStore((s) => !!s.tabLockReason);
  return (
    <div className="collab-bar">
      <button type="button" onClick={() => setOpen(true)} disabled={tabLocked} aria-haspopup="dialog">Share</button>
      {shared && (
        <ul className="collab-people" aria-label="People here">
          {(peers ?? []).map((p) => (
            <li key={p.clientId} title={p.self ? 'You' : undefined}>
              <span className="collab-dot" style={{ background: p.color }} aria-hidden="true" />{p.name}
            </li>
          ))}
        </ul>
      )}
      <SyncStatus />
      {open && <ShareDialog onClose={() => setOpen(false)} />}
    </div>
  );
}

export function syncText(sync: SyncState): string {
  switch (sync.kind) {
    case 'synced': return 'Synced';
    case 'connecting': return 'Connecting…';
    case 'syncing': return `Syncing ${sync.waiting} change${sync.waiting === 1 ? '' : 's'}…`;
    case 'offline': return `Offline — ${sync.waiting} change${sync.waiting === 1 ? '' : 's'} waiting`;
    case 'refused': return `Not synced: ${sync.message}`;
  }
}

function SyncStatus() {
  const sync = useStore((s) => s.collab?.sync);
  if (!sync) return null;
  return <span className={`collab-sync ${sync.kind}`} role="status" aria-label="Sync status">{syncText(sync)}</span>;
}

function ShareDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  const ownerNoteId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const docId = useStore((s) => s.doc?.id);
  const current = useStore((s) => (s.collab && s.collab.docId === s.doc?.id ? s.collab.secret : null));
  const [link, setLink] = useState(current && docId ? shareLink(docId, current) : '');
  // The owner's read-only link (null for everyone else), and whether this browser's own link is a read-only one.
  const [readLink, setReadLink] = useState<string | null>(null);
  const readOnly = useStore((s) => s.collab?.docId === docId && !!s.collab?.readOnly);
  const readOnlyNoteId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [copied, setCopied] = useState<'' | 'link' | 'read'>('');
  const [replaced, setReplaced] = useState(false);
  const [name, setName] = useState(() => { const n = collab.user().name; return n === 'Anonymous' ? '' : n; });
  // Only the browser that shared the document (it holds the owner key) may replace the link or stop sharing;
  // null while that is being looked up.
  const [mayManage, setMayManage] = useState<boolean | null>(null);
  // A collaborator cut off for good (sharing stopped, the link replaced) may still stop sharing here: that only
  // makes the document an ordinary one in this browser, with every word it shows.
  const cutOff = useStore((s) => cutOffFrom(s.collab, docId));
  const mayLeave = mayManage === false && cutOff;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    document.addEventListener('keydown', onKey);
    return () => { document.removeEventListener('keydown', onKey); opener?.focus?.(); };
  }, [onClose]);

  // Opening the dialog shares the document (or shows the link it already has).
  useEffect(() => {
    if (link) return;
    let live = true;
    setBusy(true);
    collab.share().then((l) => { if (live) setLink(l); }, (e: Error) => { if (live) setError(e.message || String(e)); }).finally(() => live && setBusy(false));
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!link || !docId) return;
    let live = true;
    collab.mayManage(docId).then((may) => { if (live) setMayManage(may); }, () => { if (live) setMayManage(false); });
    // After New link the read-only link is the new one too.
    collab.links(docId).then((l) => { if (live) setReadLink(l.readLink); }, () => {});
    return () => { live = false; };
  }, [link, docId]);

  const copy = async (which: 'link' | 'read') => {
    try { await navigator.clipboard.writeText(which === 'read' ? readLink ?? '' : link); setCopied(which); } catch { setError('The browser did not allow copying: select the link and copy it.'); }
  };
  const replace = async () => {
    setBusy(true);
    setError('');
    setCopied('');
    setReplaced(false);
    try { setLink(await collab.newLink()); setReplaced(true); } catch (e) { setError((e as Error).message); } finally { setBusy(false); }
  };
  const stop = async () => {
    setBusy(true);
    try { await collab.stop(); onClose(); } catch (e) { setError((e as Error).message); setBusy(false); }
  };

  return (
    <div className="settings-backdrop" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div className="settings-dialog collab-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={ref} tabIndex={-1}>
        <div className="settings-head">
          <h2 id={titleId}>Share document</h2>
          <button type="button" onClick={onClose}>Close</button>
        </div>
        {readOnly ? (
          <p id={readOnlyNoteId}>This is a read-only link: you can read this document and follow its changes, not edit it.</p>
        ) : (
          <p>Anyone with this link can open, edit and generate in this document. Keep it private. “New link” replaces it
            (the old one stops working; the document stays shared); “Stop sharing” ends sharing.</p>
        )}
        <label className="collab-field">
          <span>Share link</span>
          <input aria-label="Share link" readOnly value={busy && !link ? 'Creating a link…' : link} onFocus={(e) => e.currentTarget.select()} />
        </label>
        <div className="doc-row">
          <button type="button" onClick={() => void copy('link')} disabled={!link}>Copy link</button>
          <span role="status">{copied ? 'Copied.' : replaced ? 'This is a new link: the old one no longer opens the document.' : ''}</span>
        </div>
        {readLink && !readOnly && (
          <>
            <p className="collab-note">The share link lets people edit and generate; the read-only link lets them read and follow the changes, not edit.</p>
            <label className="collab-field">
              <span>Read-only link</span>
              <input aria-label="Read-only link" readOnly value={readLink} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <div className="doc-row">
              <button type="button" onClick={() => void copy('read')}>Copy read-only link</button>
            </div>
          </>
        )}
        <label className="collab-field">
          <span>Your name</span>
          <input aria-label="Your name" value={name} placeholder="Shown to the people you share with"
            onChange={(e) => { setName(e.target.value); collab.setName(e.target.value.trim()); }} />
        </label>
        {error && <p className="collab-error" role="alert">{error}</p>}
        <div className="doc-row">
          <button type="button" onClick={() => void replace()} disabled={busy || !link || !mayManage}
            aria-describedby={mayManage === false ? ownerNoteId : undefined}
            title="The old link stops working; people using it keep their changes and need the new link to go on">New link</button>
          <button type="button" onClick={() => void stop()} disabled={busy || !link || !(mayManage || mayLeave)}
            aria-describedby={mayManage === false ? ownerNoteId : undefined}>Stop sharing</button>
        </div>
        {mayManage === false && (
          <p className="collab-note" id={ownerNoteId}>{mayLeave
            ? 'This link no longer opens the document. “Stop sharing” keeps it in this browser as an ordinary document, with every word you see.'
            : 'Only the person who shared this document can replace its link or stop sharing.'}</p>
        )}
      </div>
    </div>
  );
}

/** Shown in a section a collaborator is generating: it is read-only here until they finish. */
export function SectionLock({ sectionId }: { sectionId: string }) {
  const by = useStore((s) => s.collab?.locks[sectionId]);
  if (!by) return null;
  return <p className="streaming-flag" role="status">Being written by {by}</p>;
}
