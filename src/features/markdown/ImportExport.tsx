// Markdown in (a new document, one section per heading of the chosen level). Export is in the "Export" menu
// (src/features/interchange).
import { useState } from 'react';
import { importMarkdown } from '../../app/workspace';
import { useStore } from '../../app/store';

export function ImportExport() {
  const [level, setLevel] = useState('auto');
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      await importMarkdown(await file.text(), file.name, level === 'auto' ? undefined : Number(level));
    } catch (e) {
      useStore.getState().notify(`Could not import ${file.name}: ${(e as Error).message}`, { tone: 'error' });
    } finally { setBusy(false); }
  };
  return (
    <div className="import-export">
      <label className="file-button">
        <span>Import Markdown</span>
        <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" aria-label="Import Markdown" disabled={busy}
          onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
      </label>
      <select aria-label="Heading level for sections" value={level} onChange={(e) => setLevel(e.target.value)} title="Headings of this level become sections">
        <option value="auto">Sections: auto</option>
        {[1, 2, 3, 4].map((l) => <option key={l} value={l}>{'#'.repeat(l)} headings</option>)}
      </select>
    </div>
  );
}
