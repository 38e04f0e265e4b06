// Streams model Markdown into one section editor as rich text, and commits it as ONE undo step.
//
// Why this shape (design notes: Plate #4900/#4902, Novel #58, BlockNote acceptChanges):
// - The streamed Markdown is kept as a string and parsed as a whole into nodes, so `**` and `#` never show.
// - At most one render per animation frame. Blocks before the last blank line are settled: each is parsed
//   once and left alone, and only the open tail is re-parsed, so a frame costs the last paragraph, not the
//   section (the final commit re-parses everything, so a construct spanning blank lines still ends right).
// - Rendering transactions carry addToHistory:false. At the end the original range is restored (also outside
//   history) and the final content applied in one recorded transaction: one Ctrl+Z returns to the original.
// - Continue mode touches only the last block onwards, so the writer's earlier undo history stays usable.
import type { Editor } from '@tiptap/core';
import { Fragment, type Node as PMNode } from '@tiptap/pm/model';
import { closeHistory } from '@tiptap/pm/history';
import type { RichDoc } from '../core/model';
import { closeOpenMarkdown } from '../core/generation/closeMarkdown';

export const ORIGIN_META = 'longhand:origin';
/** Set on every transaction that renders or restores a stream (not the writer, not the final commit). */
export const STREAMING_META = 'longhand:streaming';

export interface StreamRendererOptions {
  mode: 'replace' | 'continue';
  toDoc: (markdown: string) => RichDoc;
  toMarkdown: (doc: RichDoc) => string;
  /** Frame scheduler (tests inject a synchronous one). */
  schedule?: (cb: () => void) => () => void;
}

export interface StreamRenderer {
  /** The streamed text so far; rendered on the next frame. */
  push(full: string): void;
  /** Renders any pending text now. */
  flush(): void;
  /** Ends the stream: restores the original and applies `finalText` as one undoable, 'generated' transaction. */
  commit(finalText: string): void;
  /** Frames rendered so far. */
  readonly rendered: number;
}

/**
 * One clock for every streaming section. A frame renders at most one stream (the one waiting longest), no
 * two renders come closer than `minGapMs`, and a stream renders at most every `minIntervalMs`: three fast
 * streams then cost one small render every other frame instead of three per frame.
 * While the writer types (anywhere), streams render in the gap right after a keystroke's frame has been
 * produced — one render per keystroke at most, a stream at most once a second, so the next keystroke finds
 * the thread free — and otherwise only when a stream has waited `staleMs`. A timer stands in when frames do not run (a background tab must
 * still render, and so save, what arrives).
 */
export function createFrameQueue(minIntervalMs = 150, minGapMs = 30, typingIntervalMs = 1000, staleMs = 1500) {
  const waiting = new Map<object, { cb: () => void; since: number }>();
  const last = new WeakMap<object, number>();
  let frame = 0;
  let lastAny = -Infinity;
  let lastKey = -Infinity;
  let afterKeyArmed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let timerAt = Infinity; // when `timer` fires

  /** Runs the pending render that has waited longest among those allowed by `interval`. */
  const runOne = (now: number, interval: number, minWait = 0): boolean => {
    let pick: object | null = null;
    let oldest = Infinity;
    for (const [key, w] of waiting) {
      if (now - (last.get(key) ?? -Infinity) < interval || now - w.since < minWait) continue;
      if (w.since < oldest) { oldest = w.since; pick = key; }
    }
    if (!pick) return false;
    const w = waiting.get(pick)!;
    waiting.delete(pick);
    last.set(pick, now);
    lastAny = now;
    w.cb();
    return true;
  };
  const TYPING_MS = 800;
  const tick = () => {
    frame = 0;
    if (timer) { clearTimeout(timer); timer = null; timerAt = Infinity; }
    const now = performance.now();
    if (now - lastKey < TYPING_MS) runOne(now, typingIntervalMs, staleMs);
    else if (now - lastAny >= minGapMs) runOne(now, minIntervalMs);
    if (waiting.size) arm();
  };
  /** Milliseconds until a waiting render may run by the rules `tick` applies (0: at the next frame). */
  const nextDelay = (now: number): number => {
    const typing = now - lastKey < TYPING_MS;
    let soonest = Infinity;
    for (const [key, w] of waiting) {
      const l = last.get(key) ?? -Infinity;
      const at = typing
        ? Math.min(Math.max(l + typingIntervalMs, w.since + staleMs), lastKey + TYPING_MS)
        : Math.max(l + minIntervalMs, lastAny + minGapMs);
      soonest = Math.min(soonest, at);
    }
    return Math.max(0, soonest - now);
  };
  const arm = () => {
    const delay = nextDelay(performance.now());
    // Nothing may render for longer than a frame (typing holds streams back, or each just rendered): sleep until
    // then instead of asking for every frame — each request makes the browser produce a frame, in the very
    // gaps the writer's keystrokes need.
    const now = performance.now();
    if (delay > 20) {
      // A timer already due sooner stays; a later one gives way (a new stream may be due before the others).
      if (timer && timerAt <= now + delay) return;
      if (timer) clearTimeout(timer);
      timerAt = now + delay;
      timer = setTimeout(() => { timer = null; timerAt = Infinity; arm(); }, delay);
      return;
    }
    if (!frame && typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(tick);
    if (!timer) { timerAt = now + 250; timer = setTimeout(tick, 250); }
  };
  if (typeof window !== 'undefined' && typeof requestAnimationFrame === 'function') {
    const afterKey = () => {
      afterKeyArmed = false;
      runOne(performance.now(), typingIntervalMs);
    };
    window.addEventListener('keydown', () => {
      lastKey = performance.now();
      if (!waiting.size || afterKeyArmed) return;
      afterKeyArmed = true;
      // The keystroke's own frame first; then, in the task right after it, one stream's render.
      requestAnimationFrame(() => setTimeout(afterKey, 0));
    }, true);
  }
  return (key: object, cb: () => void): (() => void) => {
    const prev = waiting.get(key);
    waiting.set(key, { cb, since: prev?.since ?? performance.now() });
    arm();
    return () => { waiting.delete(key); };
  };
}

const sharedQueue = createFrameQueue();

/**
 * Index just past the last blank line that is outside a code fence, or `from`. `from` is a settled index
 * already known (0, or a value this returned before: always outside a fence), so a stream only scans the text
 * after it — each render costs the open tail, not the whole text so far.
 */
export function settledLength(md: string, from = 0): number {
  let at = md.lastIndexOf('\n\n');
  while (at >= from && at > 0) {
    const fences = (md.slice(from, at).match(/^\s*(```|~~~)/gm) ?? []).length;
    if (fences % 2 === 0) return Math.max(from, at + 2);
    at = md.lastIndexOf('\n\n', at - 1);
  }
  return from;
}

/** Text joining the end of a paragraph to continuation text that does not start a new block. */
export function joiner(before: string, after: string): string {
  if (!before || /\s$/.test(before) || /^\s/.test(after) || /^[,.;:!?)\]}’”'"…—–-]/.test(after)) return '';
  return ' ';
}

export function createStreamRenderer(editor: Editor, opts: StreamRendererOptions): StreamRenderer {
  const key = {};
  const schedule = opts.schedule ?? ((cb: () => void) => sharedQueue(key, cb));
  const original = editor.state.doc;
  const origSize = original.content.size;
  const emptyOriginal = original.textContent.trim() === '' && original.childCount <= 1;
  // Decided when the first text arrives: where the stream goes and what Markdown precedes it there.
  let start = -1;
  let prefix = '';
  let settledMd = 0;   // characters of (prefix + text) already parsed into settled blocks
  let settledEnd = 0;  // document position after the settled blocks
  let pending: string | null = null;
  let cancel: (() => void) | null = null;
  let scheduled = false;
  let rendered = 0;

  function layout(first: string) {
    if (opts.mode === 'replace' || emptyOriginal) { start = 0; prefix = ''; }
    else {
      const last = original.lastChild;
      const startsBlock = /^\s*\n/.test(first);
      if (last && last.type.name === 'paragraph' && last.textContent.trim() && !startsBlock) {
        start = origSize - last.nodeSize;
        const md = opts.toMarkdown({ type: 'doc', content: [last.toJSON()] });
        prefix = md + joiner(md, first);
      } else { start = origSize; prefix = ''; }
    }
    settledEnd = start;
  }

  // Appended as new blocks: leading blank lines mean nothing there.
  const body = (text: string) => (start === origSize && !prefix ? text.replace(/^\s+/, '') : text);

  function nodes(md: string): PMNode[] {
    if (!md.trim()) return [];
    // A settled slice ends at its blank line, which ends the block: parsed with it, TipTap's Markdown gives a
    // trailing empty paragraph, and every settled block showed a gap under it until the final commit re-parsed.
    const json = opts.toDoc(md.replace(/\n+$/, ''));
    return ((json.content ?? []) as object[]).map((n) => editor.schema.nodeFromJSON(n));
  }

  function render(text: string) {
    if (editor.isDestroyed) return;
    if (start < 0) {
      if (!text.trim()) return;
      layout(text);
    }
    const md = prefix + body(text);
    const settled = settledLength(md, settledMd);
    const fresh = settled > settledMd ? nodes(md.slice(settledMd, settled)) : [];
    const tail = nodes(closeOpenMarkdown(md.slice(settled)));
    const all = [...fresh, ...tail];
    if (!all.length) return;
    const { state } = editor;
    const tr = state.tr.replaceWith(settledEnd, state.doc.content.size, Fragment.fromArray(all));
    tr.setMeta('addToHistory', false).setMeta(STREAMING_META, true);
    editor.view.dispatch(tr);
    settledMd = settled;
    settledEnd += fresh.reduce((n, x) => n + x.nodeSize, 0);
    rendered++;
  }

  const flush = () => {
    cancel?.();
    cancel = null;
    scheduled = false;
    if (pending !== null) { const t = pending; pending = null; render(t); }
  };

  return {
    push(full) {
      pending = full;
      if (scheduled) return;
      scheduled = true;
      cancel = schedule(() => { scheduled = false; cancel = null; flush(); });
    },
    flush,
    commit(finalText) {
      cancel?.();
      cancel = null;
      scheduled = false;
      pending = null;
      if (editor.isDestroyed) return;
      if (start >= 0) {
        // Back to the original, outside history…
        const restore = editor.state.tr.replaceWith(start, editor.state.doc.content.size, original.slice(start, origSize).content);
        restore.setMeta('addToHistory', false).setMeta(STREAMING_META, true);
        editor.view.dispatch(restore);
      }
      if (!finalText.trim()) return;
      if (start < 0) layout(finalText);
      const final = nodes(prefix + body(finalText));
      if (!final.length) return;
      // …then the whole generation as one recorded step.
      const tr = editor.state.tr.replaceWith(start, origSize, Fragment.fromArray(final));
      tr.setMeta(ORIGIN_META, 'generated');
      closeHistory(tr); // its own undo event, never merged with typing just before it
      editor.view.dispatch(tr);
    },
    get rendered() { return rendered; },
  };
}
