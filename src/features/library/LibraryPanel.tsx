// Every document with its title, word count and last edit; create, open, rename, delete with Undo.
import { useState } from 'react';
import { useStore } from '../../app/store';
import { formatCount } from '../../core/wordCount';
import { createDocument, deleteDocument, openDocument, renameDocument } from '../../app/workspace';

export function LibraryPanel() {
  const library = useStore((s) => s.library);
  const currentId = useStore((s) => s.doc?.id);
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <section className="library" aria-label="Documents">
      <div className="library-head">
        <h2>Documents</h2>
        <button type="button" onClick={() => void createDocument()}>New document</button>
      </div>
      <ul className="library-list">
        {library.map((d) => {
          const title = d.title.trim() || 'Untitled document';
          return (
            <li key={d.id} className={d.id === currentId ? 'current' : ''} aria-current={d.id === currentId ? 'true' : undefined}>
              {renaming === d.id ? (
                <input
                  autoFocus aria-label={`Rename ${title}`} defaultValue={d.title}
                  onBlur={(e) => { void renameDocument(d.id, e.target.value); setRenaming(null); }}
                  onKeyDown={(e) => { if (e.key === 'Enter') e.currentTarget.blur(); if (e.key === 'Escape') setRenaming(null); }}
                />
              ) : (
                <button type="button" className="library-open" onClick={() => void openDocument(d.id)} aria-label={`Open ${title}`}>
                  <span className="library-title">{title}</span>
                  <span className="library-meta">{formatCount(d.wordCount)} words · {relativeTime(d.updatedAt)}</span>
                </button>
              )}
              <button type="button" aria-label={`Rename document ${title}`} title="Rename" onClick={() => setRenaming(d.id)}>✎</button>
              <button type="button" aria-label={`Delete document ${title}`} title="Delete" onClick={() => void deleteDocument(d.id)}>✕</button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function relativeTime(t: number): string {
  const s = Math.round((Date.now() - t) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString();
}
