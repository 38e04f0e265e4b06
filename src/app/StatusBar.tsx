// Save state, read-only reason and notices (with Undo). A failed save is always visible.
import { useStore } from './store';
import { takeOver } from './workspace';

export function StatusBar() {
  const save = useStore((s) => s.saveState);
  const readOnly = useStore((s) => s.readOnlyReason);
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);
  return (
    <div className="statusbar">
      <span className={`save-state ${save.kind}`} role="status" aria-label="Save status">
        {save.kind === 'saving' ? 'Saving…' : save.kind === 'error'
          ? `Not saved: ${save.message}. Retrying in ${Math.ceil(save.retryInMs / 1000)} s — your text is kept in this tab.`
          : 'All changes saved'}
      </span>
      {readOnly && (
        <div className="readonly-banner" role="alert">
          {readOnly} <button type="button" onClick={() => void takeOver()}>Edit here</button>
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
