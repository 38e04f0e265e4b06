// "Import file" (plain text, Markdown, Word, HTML) with a preview dialog, and the "Export" menu (Markdown, Word,
// standard manuscript format, HTML, plain text). Parsing lives in src/core/interchange and ./importers.
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../app/store';
import { exportMarkdown, exportSections, importSections } from '../../app/workspace';
import { downloadText } from '../markdown';
import { selectedSectionIds } from '../outline';
import type { RichDoc } from '../../core/model';
import { resolveBibleEntries } from '../../core/interchange/bibleMarkdown';
import { newId } from '../../core/ids';
import type { JsonNode } from '../../core/interchange/linkSafety';
import { ACCEPT, readImportFile, type ImportSource, type Preview } from './importers';
import { storyBibleAppendix } from './bibleAppendix';
import './interchange.css';

export function Interchange() {
  return (
    <div className="interchange">
      <ImportFile />
      <ExportMenu />
    </div>
  );
}

function ImportFile() {
  const [source, setSource] = useState<ImportSource | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(0);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    started.current = performance.now();
    setBusy(true);
    try { setSource(await readImportFile(file)); } catch (e) {
      useStore.getState().notify(`Could not import ${file.name}: ${(e as Error).message}`, { tone: 'error' });
    } finally { setBusy(false); }
  };
  return (
    <>
      <label className="file-button">
        <span>Import file</span>
        <input type="file" accept={ACCEPT} aria-label="Import file" disabled={busy}
          onChange={(e) => { void onFile(e.target.files?.[0]); e.target.value = ''; }} />
      </label>
      {source && <ImportPreview source={source} startedAt={started.current} onClose={() => { source.dispose(); setSource(null); }} />}
    </>
  );
}

function ImportPreview({ source, startedAt, onClose }: { source: ImportSource; startedAt: number; onClose: () => void }) {
  const [split, setSplit] = useState(source.defaultSplit);
  const [busy, setBusy] = useState(false);
  // The preview of another split comes from the parser worker; the old list stays until it arrives.
  const [preview, setPreview] = useState<Preview>(source.initial);
  const total = preview.sections.reduce((n, s) => n + s.words, 0);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (split === source.defaultSplit) { setPreview(source.initial); return; }
    let live = true;
    source.preview(split).then((p) => { if (live) setPreview(p); }, (e: unknown) => {
      if (live) useStore.getState().notify(`Could not split ${source.fileName}: ${(e as Error).message}`, { tone: 'error' });
    });
    return () => { live = false; };
  }, [source, split]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('select')?.focus();
    // File chosen → preview on screen, in the page (the bench and e2e read it; 1 MB must take under a second).
    ref.current?.setAttribute('data-preview-ms', String(Math.round(performance.now() - startedAt)));
  }, [startedAt]);
  const doImport = async () => {
    setBusy(true);
    try {
      // The editor JSON is built now, not for the preview (same split, same sections as listed).
      const built = await source.build(split);
      const bible = source.bible;
      await importSections(built.title, built.sections.map((s) => ({ title: s.title, doc: s.doc as RichDoc, wordCount: s.wordCount })),
        bible?.length ? { bible: (ids) => resolveBibleEntries(bible, ids, () => newId('b'), Date.now()) } : {});
      useStore.getState().notify(`Imported ${built.sections.length} section${built.sections.length === 1 ? '' : 's'} from ${source.fileName}.`);
      onClose();
    } catch (e) {
      useStore.getState().notify(`Could not import ${source.fileName}: ${(e as Error).message}`, { tone: 'error' });
      setBusy(false);
    }
  };
  return (
    <div className="import-backdrop">
      <div role="dialog" aria-modal="true" aria-label="Import preview" className="import-preview" ref={ref}
        onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
        <h2>Import {source.fileName}</h2>
        <p className="import-summary">
          <span data-testid="import-title">“{preview.title}”</span>: <span role="status">{preview.sections.length} sections, {total.toLocaleString('en-US')} words</span>
        </p>
        {source.notices.map((n) => <p key={n} className="import-notice" role="note">{n}</p>)}
        <label className="field-inline">
          <span>Split into sections at</span>
          <select aria-label="Split into sections at" value={split} onChange={(e) => setSplit(e.target.value)}>
            {source.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </label>
        <ol className="import-sections" aria-label="Detected sections">
          {preview.sections.map((s, i) => (
            <li key={i}>
              <span className="import-section-title">{s.title || <em>Untitled opening</em>}</span>
              <span className="import-section-words">{s.words.toLocaleString('en-US')} words</span>
            </li>
          ))}
        </ol>
        <div className="import-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="primary" disabled={busy} onClick={() => void doImport()}>Import</button>
        </div>
      </div>
    </div>
  );
}

const safeName = (title: string) => (title || 'document').replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'document';

function saveBlob(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = filename;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Format = 'markdown' | 'docx' | 'manuscript' | 'html' | 'text';
const ITEMS: Array<[Format, string]> = [
  ['markdown', 'Export Markdown'], ['docx', 'Word (.docx)'], ['manuscript', 'Manuscript format (.docx)'], ['html', 'HTML'], ['text', 'Plain text'],
];

async function runExport(format: Format, withBible = false) {
  // The sections selected in the outline, or (none selected) the whole document.
  const only = selectedSectionIds(useStore.getState());
  if (format === 'markdown') {
    const f = await exportMarkdown(only);
    if (f) downloadText(f.filename, f.text, 'text/markdown');
    return;
  }
  const data = await exportSections(only);
  if (!data) return;
  const d = { title: data.doc.title, authorName: data.doc.authorName, contactLines: data.doc.contactLines,
    sections: data.sections.map((s) => ({ title: s.title, doc: s.doc as JsonNode | null })) };
  // "Include story bible": a "Story bible" appendix after the last section of the Word export.
  if (withBible && format === 'docx') d.sections.push(...storyBibleAppendix(data.doc));
  const name = safeName(data.doc.title);
  if (format === 'html' || format === 'text') {
    const { documentToHtml, documentToPlainText } = await import('../../core/interchange/textExport');
    if (format === 'html') downloadText(`${name}.html`, documentToHtml(d), 'text/html');
    else downloadText(`${name}.txt`, documentToPlainText(d), 'text/plain');
    return;
  }
  // docx is large: loaded only when a Word export is asked for.
  const [{ Packer }, { buildWordDocument, buildManuscript }] = await Promise.all([import('docx'), import('../../core/interchange/docxExport')]);
  const doc = format === 'docx' ? buildWordDocument(d) : buildManuscript(d, data.doc.manuscriptFont ?? 'Courier New');
  saveBlob(format === 'docx' ? `${name}.docx` : `${name} (manuscript).docx`, await Packer.toBlob(doc));
}

function ExportMenu() {
  const hasDoc = useStore((s) => !!s.doc);
  const selected = useStore((s) => selectedSectionIds(s).length);
  const total = useStore((s) => s.doc?.sectionIds.length ?? 0);
  const [open, setOpen] = useState(false);
  const [withBible, setWithBible] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      if (!menuRef.current?.contains(e.target as Node) && e.target !== buttonRef.current) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const choose = (f: Format) => {
    setOpen(false);
    runExport(f, withBible).catch((e: unknown) => useStore.getState().notify(`Export failed: ${(e as Error).message}`, { tone: 'error' }));
  };
  return (
    <div className="export-menu-wrap">
      <button type="button" ref={buttonRef} disabled={!hasDoc} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Export
      </button>
      {/* With sections selected in the outline, every export covers just those, and says so. */}
      {selected > 0 && <span className="export-scope" id="export-scope">Exporting {selected} of {total} sections</span>}
      {open && (
        <div role="menu" aria-label="Export" aria-describedby={selected ? 'export-scope' : undefined} className="export-menu" ref={menuRef} onKeyDown={(e) => {
          const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
          const i = items.indexOf(document.activeElement as HTMLElement);
          if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length]?.focus(); }
          else if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length]?.focus(); }
          else if (e.key === 'Escape') { setOpen(false); buttonRef.current?.focus(); }
        }}>
          {ITEMS.map(([f, label]) => (
            <button key={f} type="button" role="menuitem" tabIndex={-1} onClick={() => choose(f)}>{label}</button>
          ))}
          <button type="button" role="menuitemcheckbox" aria-checked={withBible} tabIndex={-1} className="export-option"
            title="Word (.docx): add the story bible as an appendix" onClick={() => setWithBible((v) => !v)}>
            <span aria-hidden="true">{withBible ? '☑' : '☐'} </span>Include story bible
          </button>
        </div>
      )}
    </div>
  );
}
