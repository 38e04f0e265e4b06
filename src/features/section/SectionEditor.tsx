// One section's rich-text editor. It never re-renders on a transaction (./tiptap's useEditor does not subscribe):
// counting and saving run from TipTap callbacks straight into the store and the saver, so a keystroke costs
// one paragraph's count and a dirty flag.
import { memo, useEffect, useRef, useState } from 'react';
import type { Transaction } from '@tiptap/pm/state';
import type { RichDoc } from '../../core/model';
import type { Editor, JSONContent } from '@tiptap/core';
import { countWords } from '../../core/wordCount';
import { sectionExtensions } from '../../app/sectionExtensions';
import { WordCount } from '../../editor/wordCount';
import { Journal } from '../../editor/journal';
import { registerEditor } from '../../editor/registry';
// The meta key a stream frame carries (core's copy: the streaming module itself loads with the first generation).
import { STREAMING_META, transactionOrigin } from '../../core/metrics/provenance';
import { contentChanged, journalSteps, loadContent, takeReadContent } from '../../app/workspace';
import { useStore } from '../../app/store';
import type { CollabSession } from '../collab';
// A thin binding over @tiptap/core (see there), not @tiptap/react: the page's first load carries only what a section uses.
import { EditorContent, useEditor } from './tiptap';

// memo: the section header re-renders when its metadata changes; the editor only cares about its ids.
export const SectionEditor = memo(function SectionEditor({ sectionId, docId }: { sectionId: string; docId: string }) {
  // A shared document's sections bind to its Y.Doc once that is loaded (the editor remounts when sharing starts or stops).
  const shared = useStore((s) => (s.collab?.ready && s.collab.docId === docId ? s.collab.session : null));
  const waiting = useStore((s) => !!s.collab && s.collab.docId === docId && !s.collab.ready);
  const local = !shared;
  // Text already read (the first section of a document just opened) makes the editor in this first render.
  const [content, setContent] = useState<RichDoc | null | undefined>(() => (local ? takeReadContent(sectionId)?.doc : undefined));
  const hadText = useRef(content !== undefined);
  useEffect(() => {
    if (!local) return;
    let live = true;
    if (hadText.current) hadText.current = false;
    else loadContent(sectionId).then((c) => live && setContent(c), () => live && setContent(null));
    // Read again each time the section becomes local: after "Stop sharing" the stored snapshot holds the shared
    // text, and the copy read when the page opened (before the Y.Doc took over) is stale. A local editor built
    // from it showed the owner an older text, and the next save would have written it over the shared one.
    return () => { live = false; setContent(undefined); };
  }, [sectionId, local]);
  if (waiting) return <div className="section-editor loading" aria-busy="true" />;
  if (shared) return <LoadedEditor key="shared" sectionId={sectionId} docId={docId} content={null} shared={shared} />;
  if (content === undefined) return <div className="section-editor loading" aria-busy="true" />;
  return <LoadedEditor key="local" sectionId={sectionId} docId={docId} content={content} shared={null} />;
});

// While the writer types, the count labels follow when the browser is idle (at most ~100 ms later), so the
// React update never sits between a keystroke and its paint. Counts from elsewhere (generation, revision,
// loading) are published at once: services read them right after their edits.
const pendingCounts = new Map<string, number>();
let countFlushScheduled = false;
function flushCounts(): void {
  countFlushScheduled = false;
  const s = useStore.getState();
  for (const [id, wordCount] of pendingCounts) s.updateSection(id, { wordCount });
  pendingCounts.clear();
}
// A streamed frame's count is published at most every STREAM_COUNT_MS per section: each publish re-renders
// the section's header and slots, and three fast streams would otherwise do that on most frames, in the very
// gaps the writer's keystrokes need. The final commit (not a streamed frame) publishes at once.
const STREAM_COUNT_MS = 400;
const streamedCounts = new Map<string, number>();
let streamFlushTimer: ReturnType<typeof setTimeout> | null = null;
function flushStreamedCounts(): void {
  streamFlushTimer = null;
  const s = useStore.getState();
  for (const [id, wordCount] of streamedCounts) s.updateSection(id, { wordCount });
  streamedCounts.clear();
}
function publishCount(sectionId: string, wordCount: number, typing: boolean, tr?: Transaction): void {
  if (tr?.getMeta(STREAMING_META)) {
    streamedCounts.set(sectionId, wordCount);
    streamFlushTimer ??= setTimeout(flushStreamedCounts, STREAM_COUNT_MS);
    return;
  }
  // Anything newer supersedes a streamed count still waiting.
  streamedCounts.delete(sectionId);
  if (!typing) { pendingCounts.delete(sectionId); useStore.getState().updateSection(sectionId, { wordCount }); return; }
  pendingCounts.set(sectionId, wordCount);
  if (countFlushScheduled) return;
  countFlushScheduled = true;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(flushCounts, { timeout: 100 });
  else setTimeout(flushCounts, 50);
}

function LoadedEditor({ sectionId, docId, content, shared }: { sectionId: string; docId: string; content: RichDoc | null; shared: CollabSession | null }) {
  const editorRef = useRef<Editor | null>(null);
  const editor = useEditor({
    extensions: [
      ...sectionExtensions(sectionId, shared),
      WordCount.configure({
        count: countWords,
        onCount: (wordCount, tr) => publishCount(sectionId, wordCount, !!editorRef.current?.isFocused, tr),
        // The writer's keystrokes may wait for the section's first count; a generation's or a revision's edit may not.
        waitForFirstCount: (tr) => !!editorRef.current?.isFocused && transactionOrigin(tr) === 'typed',
      }),
      // Each edit's steps reach disk ~25 ms later, so a crash does not wait for the debounced snapshot. A shared
      // section's text is the Y.Doc, saved in this browser by y-indexeddb; its steps would not fit the snapshot.
      ...(shared ? [] : [Journal.configure({ sectionId, onSteps: (id: string, steps: unknown[]) => journalSteps(id, docId, steps) })]),
    ],
    // A shared section's content is its fragment's.
    ...(shared ? {} : { content: (content as JSONContent | null) ?? '' }),
    editorProps: {
      attributes: { 'aria-label': 'Section text', role: 'textbox', 'aria-multiline': 'true', class: 'section-prose' },
    },
    onUpdate: ({ editor: e }) => {
      contentChanged(sectionId, docId, () => e.getJSON());
      const s = useStore.getState();
      if (s.sections[sectionId]?.status === 'empty' && !e.isEmpty) s.updateSection(sectionId, { status: 'draft' });
    },
    onFocus: () => useStore.getState().setFocused(sectionId),
  });

  editorRef.current = editor;
  useEffect(() => registerEditor(sectionId, editor), [sectionId, editor]);

  // Read-only while another tab edits the document or while a generation (here or a collaborator's) streams into it.
  const locked = useStore((s) => !!s.readOnlyReason || !!s.sections[sectionId]?.streaming || !!s.collab?.locks[sectionId]);
  useEffect(() => { editor.setEditable(!locked, false); }, [editor, locked]);

  return <EditorContent editor={editor} className="section-editor" />;
}
