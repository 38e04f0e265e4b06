// The page: library and outline on the left, the document and its manuscript in the middle, stats below.
import { lazy, Suspense, useDeferredValue, useEffect } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './queryClient';
import { startWorkspace, createDocument } from './workspace';
import { useStore } from './store';
import { LibraryPanel } from '../features/library/LibraryPanel';
import { OutlinePanel } from '../features/outline/OutlinePanel';
import { DocumentSettings } from '../features/document/DocumentSettings';
import { Manuscript } from '../features/section/Manuscript';
import { ModelPicker } from '../features/settings/ModelPicker';
import { DocumentGenerationBar } from '../features/generation/DocumentGenerationBar';
import { StatusBar } from './StatusBar';
import { BiblePanel } from '../features/bible';
import { CommandPalette, useCommandShortcuts } from '../features/commands';
import { commands } from './commands';
import { CollabBar, parseShareHash } from '../features/collab';
import { collab } from './collab';

// Not needed for the first keystroke: stats (with the quality engine) load as a separate chunk after the page is
// up, so opening a long book does not wait to parse them.
const StatsView = lazy(() => import('../features/stats/StatsView').then((m) => ({ default: m.StatsView })));
// Import and export (with DOMPurify and the file parsers) are not needed to open a book and type: their own chunks.
const ImportExport = lazy(() => import('../features/markdown/ImportExport').then((m) => ({ default: m.ImportExport })));
const Interchange = lazy(() => import('../features/interchange').then((m) => ({ default: m.Interchange })));

export function App() {
  useEffect(() => {
    void startWorkspace().then(() => {
      collab.start();
      // A share link (#/shared/<id>/<secret>): the secret stays in the fragment, which no server sees. It is
      // kept with the document, so the address bar drops it.
      const link = parseShareHash(location.hash);
      if (!link) return;
      history.replaceState(null, '', location.pathname + location.search);
      return collab.openLink(link.docId, link.secret);
    });
  }, []);
  // One keydown handler for every command shortcut (Ctrl/⌘+K, the revision presets, the Revise menu).
  useCommandShortcuts(commands);
  const hasDoc = useStore((s) => !!s.doc);
  // Stats over every section render after the manuscript has committed, not in the same render.
  const openSeq = useStore((s) => s.openSeq);
  const settled = useDeferredValue(openSeq) === openSeq;
  return (
    <QueryClientProvider client={queryClient}>
      <div className="app">
        <header className="topbar">
          <span className="brand">Longhand</span>
          <Suspense fallback={null}><ImportExport /><Interchange /></Suspense>
          <span className="spacer" />
          <ModelPicker />
        </header>
        <aside className="sidebar">
          <LibraryPanel />
          <OutlinePanel />
        </aside>
        <main className="main">
          <StatusBar />
          {hasDoc ? (
            <>
              <CollabBar />
              <DocumentSettings />
              <BiblePanel />
              <DocumentGenerationBar />
              <Manuscript />
              {/* One document-wide command palette (Ctrl/⌘+K) while a document is open. */}
              <CommandPalette registry={commands} />
              {settled && <Suspense fallback={null}><StatsView /></Suspense>}
            </>
          ) : (
            <div className="empty-state">
              <p>No document open.</p>
              <button type="button" onClick={() => void createDocument()}>Create a document</button>
            </div>
          )}
        </main>
      </div>
    </QueryClientProvider>
  );
}
