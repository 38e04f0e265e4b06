// The page: library and outline on the left, the document and its manuscript in the middle, stats below.
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { startWorkspace, createDocument } from './workspace';
import { useStore } from './store';
import { whenEditor } from '../editor/registry';
import { database } from '../storage/database';
import { DocumentSettings } from '../features/document/DocumentSettings';
import { Manuscript } from '../features/section/Manuscript';
import { StatusBar } from './StatusBar';
import { Reserved } from './Reserved';
import { BiblePanel } from '../features/bible';
import { CommandPalette, useCommandShortcuts, type AppRegistry } from '../features/commands';
import { COMMAND_SHORTCUTS } from './commandShortcuts';
import { useDeferred } from './useDeferred';

// The command registry (every feature's command definitions, with what they need to decide when they apply) is
// its own chunks (seven of them), requested with the rest (restReady: after the first section's first keystroke
// or a pause): showing the first section and typing in it need no command, and loading and evaluating them,
// then re-rendering the page with them, took turns on the main thread while the first section was being read
// and built. A key press that is a command's shortcut (COMMAND_SHORTCUTS), made before then, requests them at
// once and is held until they are there (useCommandShortcuts).
let registryChunk: Promise<AppRegistry> | null = null;
const loadRegistry = () => (registryChunk ??= import('./commands').then((m) => m.loadCommands()));

// The library and outline panels: their own chunk, requested with App's first render (not held back like the
// rest below). They sit in the sidebar's fixed-width column, so arriving a moment after the text moves nothing.
const Sidebar = lazy(() => import('./Sidebar'));
// Not needed for the first keystroke: stats (with the quality engine) load as a separate chunk after the page is
// up, so opening a long book does not wait to parse them.
const StatsView = lazy(() => import('../features/stats/StatsView').then((m) => ({ default: m.StatsView })));
// Import and export (with DOMPurify and the file parsers) are not needed to open a book and type: their own chunks.
const ImportExport = lazy(() => import('../features/markdown/ImportExport').then((m) => ({ default: m.ImportExport })));
const Interchange = lazy(() => import('../features/interchange').then((m) => ({ default: m.Interchange })));
// The model picker (with TanStack Query), sharing (its service, Share dialog and status) and the generation bar are
// not needed to show the first section and type in it: their own chunks, mounted with the rest (releaseRest).
const ModelPicker = lazy(() => import('./modelPicker'));
const CollabBar = lazy(() => import('../features/collab').then((m) => ({ default: m.CollabBar })));
const DocumentGenerationBar = lazy(() => import('../features/generation/DocumentGenerationBar').then((m) => ({ default: m.DocumentGenerationBar })));

// How long the rest of the page waits for the first section's editor before loading anyway (a shared section
// waiting for its server, a failed read): the editor is what it yields to, not a reason to go without panels.
const FIRST_EDITOR_WAIT_MS = 2_000;
// Then it waits for the writer's first keystroke (or click), or this long without one, and for an idle moment.
// Loading and rendering the rest (a hundred section shells, the outline, the feature chunks) takes long tasks;
// they must not sit between the first editor and the first keystroke it takes.
const REST_DELAY_MS = 300;

/** Once the first section's editor is up (or there is none) and has had its first keystroke or a pause: the rest may load. */
async function releaseRest(): Promise<void> {
  const first = useStore.getState().doc?.sectionIds[0];
  if (first) await Promise.race([whenEditor(first), new Promise((r) => setTimeout(r, FIRST_EDITOR_WAIT_MS))]);
  await new Promise<void>((resolve) => {
    // The keystroke's input event, not its keydown: the rest must come after the text the keystroke typed.
    const events = ['input', 'pointerdown'] as const;
    const go = () => { clearTimeout(timer); for (const e of events) window.removeEventListener(e, go, true); resolve(); };
    const timer = setTimeout(go, REST_DELAY_MS);
    for (const e of events) window.addEventListener(e, go, true);
  });
  await new Promise<void>((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => r(), { timeout: 300 }) : setTimeout(r, 0)));
  useStore.getState().setRestReady();
  // Dexie takes every write; the next edit's journal write should not wait for it to load.
  void database();
}

/**
 * Command shortcuts and the one document-wide command palette (Ctrl/⌘+K), while a document is open (no command
 * does anything without one). Its own component: the registry arrives once the page is up, and the palette opens
 * and closes, without re-rendering the whole page (App's other children) each time.
 */
function Commands() {
  const [commands, setCommands] = useState<AppRegistry | null>(null);
  const live = useRef(true);
  useEffect(() => { live.current = true; return () => { live.current = false; }; }, []);
  const requestCommands = useCallback(() => {
    const chunk = loadRegistry();
    chunk.then((registry) => { if (live.current) setCommands(registry); }, () => { /* a stale deployment: no shortcuts */ });
    return chunk;
  }, []);
  const restReady = useStore((s) => s.restReady);
  useEffect(() => { if (restReady) void requestCommands().catch(() => undefined); }, [restReady, requestCommands]);
  // One keydown handler for every command shortcut (Ctrl/⌘+K, the revision presets, the Revise menu).
  useCommandShortcuts(commands, { shortcuts: COMMAND_SHORTCUTS, load: requestCommands });
  const paletteOpen = useStore((s) => s.paletteOpen);
  return paletteOpen && commands ? <Suspense fallback={null}><CommandPalette registry={commands} /></Suspense> : null;
}

export function App() {
  useEffect(() => {
    let onHash: (() => void) | null = null;
    let live = true;
    void startWorkspace().then(async () => {
      void releaseRest();
      const [{ collab }, { parseShareHash }] = await Promise.all([import('./collab'), import('../features/collab')]);
      collab.start();
      // A share link (#/shared/<id>/<secret>): the secret stays in the fragment, which no server sees. It is
      // kept with the document, so the address bar drops it.
      const openFromHash = () => {
        const link = parseShareHash(location.hash);
        if (!link) return;
        history.replaceState(null, '', location.pathname + location.search);
        return collab.openLink(link.docId, link.secret);
      };
      // A link pasted into the address bar of a tab already on Longhand changes only the fragment: no page load.
      if (live) { onHash = () => void openFromHash(); window.addEventListener('hashchange', onHash); }
      return openFromHash();
    });
    return () => { live = false; if (onHash) window.removeEventListener('hashchange', onHash); };
  }, []);
  const hasDoc = useStore((s) => !!s.doc);
  // Stats over every section render after the manuscript has committed, not in the same render.
  const openSeq = useStore((s) => s.openSeq);
  const settled = useDeferred(openSeq) === openSeq;
  // Everything below that the first keystroke does not need mounts (and so loads its chunk) after the first section.
  // Deferred: the rest mounts in a task of its own after the store update's render has committed (useDeferred).
  const rest = useDeferred(useStore((s) => s.restReady));
  const docId = useStore((s) => s.doc?.id);
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Longhand</span>
        {rest && <Suspense fallback={null}><ImportExport /><Interchange /></Suspense>}
        <span className="spacer" />
        {rest && <Suspense fallback={<div className="model-picker" />}><ModelPicker /></Suspense>}
      </header>
      <aside className="sidebar">
        <Suspense fallback={null}><Sidebar /></Suspense>
      </aside>
      <main className="main">
        <StatusBar />
        {hasDoc ? (
          <>
            <Reserved id={`doc.${docId}.share`} kind="doc.share" ready={rest}><CollabBar /></Reserved>
            <DocumentSettings />
            <Reserved id={`doc.${docId}.panels`} kind="doc.panels" ready={rest}><BiblePanel /><DocumentGenerationBar /></Reserved>
            <Manuscript />
            <Commands />
            {settled && rest && <Suspense fallback={null}><StatsView /></Suspense>}
          </>
        ) : (
          <div className="empty-state">
            <p>No document open.</p>
            <button type="button" onClick={() => void createDocument()}>Create a document</button>
          </div>
        )}
      </main>
    </div>
  );
}
