// The page: library and outline on the left, the document and its manuscript in the middle, stats below.
import { useDeferredValue, useEffect } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './queryClient';
import { startWorkspace, createDocument } from './workspace';
import { useStore } from './store';
import { LibraryPanel } from '../features/library/LibraryPanel';
import { OutlinePanel } from '../features/outline/OutlinePanel';
import { DocumentSettings } from '../features/document/DocumentSettings';
import { Manuscript } from '../features/section/Manuscript';
import { ImportExport } from '../features/markdown/ImportExport';
import { ModelPicker } from '../features/settings/ModelPicker';
import { DocumentGenerationBar } from '../features/generation/DocumentGenerationBar';
import { StatsView } from '../features/stats/StatsView';
import { StatusBar } from './StatusBar';

export function App() {
  useEffect(() => { void startWorkspace(); }, []);
  const hasDoc = useStore((s) => !!s.doc);
  // Stats over every section render after the manuscript has committed, not in the same render.
  const openSeq = useStore((s) => s.openSeq);
  const settled = useDeferredValue(openSeq) === openSeq;
  return (
    <QueryClientProvider client={queryClient}>
      <div className="app">
        <header className="topbar">
          <span className="brand">Longhand</span>
          <ImportExport />
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
              <DocumentSettings />
              <DocumentGenerationBar />
              <Manuscript />
              {settled && <StatsView />}
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
