// Marks story bible mentions in a section editor: a subtle underline whose title (and aria-description) shows
// the entry. Policy is injected — where the entries come from, how a text is matched, when they change — so this
// file knows nothing of features. Cheap per keystroke: decorations are mapped through each transaction and only
// the textblocks a transaction touched are scanned again; the whole document is scanned only when the entries'
// names or aliases change (a description change only rewrites the titles of the marks already there).
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { BibleEntry } from '../core/bible/types';

export interface MentionFinder { find(text: string): ReadonlyArray<{ entryId: string; from: number; to: number }> }

export interface BibleMentionsOptions {
  /** The current entries (the same array until they change). */
  entries: () => readonly BibleEntry[];
  /** Builds a finder for a set of entries (built once per set, reused for every block). */
  matcher: (entries: readonly BibleEntry[]) => MentionFinder;
  /** Calls back when the entries may have changed; returns the unsubscribe. */
  subscribe?: (onChange: () => void) => () => void;
  /** The entry whose mention holds the cursor (null when none): keyboard users' "hover". Called on changes only. */
  onCursorEntry?: (entryId: string | null) => void;
}

export const bibleMentionsKey = new PluginKey<MentionState>('longhandBibleMentions');
const REFRESH = 'refresh';
/** Entries edited keystroke by keystroke re-mark the editor at most this often. */
const REFRESH_MS = 120;

interface MentionState { decos: DecorationSet; entries: readonly BibleEntry[]; names: string }

interface Scanner { entries: readonly BibleEntry[]; names: string; finder: MentionFinder; byId: Map<string, BibleEntry> }

const namesKey = (entries: readonly BibleEntry[]) => entries.map((e) => `${e.id}\u0001${e.name}\u0001${e.aliases.join('\u0002')}`).join('\u0000');

function attrs(e: BibleEntry): Record<string, string> {
  const text = `${e.name} (${e.kind})${e.description.trim() ? `: ${e.description.trim()}` : ''}`;
  return { class: 'bible-mention', title: text, 'aria-description': `Story bible: ${text}`, 'data-bible-entry': e.id };
}

function scanBlock(node: PMNode, pos: number, s: Scanner, out: Decoration[]): void {
  if (!node.textContent) return;
  // One character per document position: text as is, any inline leaf (a hard break) as a placeholder.
  let text = '';
  node.forEach((child) => { text += child.isText ? child.text! : '\ufffc'.repeat(child.nodeSize); });
  for (const m of s.finder.find(text)) {
    const e = s.byId.get(m.entryId);
    if (e) out.push(Decoration.inline(pos + 1 + m.from, pos + 1 + m.to, attrs(e), { entryId: e.id }));
  }
}

function scanDoc(doc: PMNode, s: Scanner): DecorationSet {
  if (!s.entries.length) return DecorationSet.empty;
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) { scanBlock(node, pos, s, out); return false; }
    return true;
  });
  return DecorationSet.create(doc, out);
}

/** The textblocks a transaction changed, by their start in the new document. */
function changedBlocks(tr: Transaction): Map<number, PMNode> {
  let ranges: Array<[number, number]> = [];
  for (const map of tr.mapping.maps) {
    ranges = ranges.map(([f, t]) => [map.map(f, -1), map.map(t, 1)]);
    map.forEach((_oldFrom, _oldTo, from, to) => { ranges.push([from, to]); });
  }
  const blocks = new Map<number, PMNode>();
  const size = tr.doc.content.size;
  for (const [f, t] of ranges) {
    tr.doc.nodesBetween(Math.max(0, Math.min(f, t) - 1), Math.min(size, Math.max(f, t) + 1), (node, pos) => {
      if (node.isTextblock) { blocks.set(pos, node); return false; }
      return true;
    });
  }
  return blocks;
}

export const BibleMentions = Extension.create<BibleMentionsOptions>({
  name: 'longhandBibleMentions',
  addOptions() {
    return { entries: () => [], matcher: () => ({ find: () => [] }) };
  },
  addProseMirrorPlugins() {
    const opts = this.options;
    // Per editor: the finder for the entries last seen.
    let scanner: Scanner | null = null;
    const scannerFor = (entries: readonly BibleEntry[]): Scanner => {
      if (scanner?.entries !== entries) {
        const names = namesKey(entries);
        // A description edited keystroke by keystroke keeps the names: the finder is reused.
        const finder = scanner?.names === names ? scanner.finder : opts.matcher(entries);
        scanner = { entries, names, finder, byId: new Map(entries.map((e) => [e.id, e])) };
      }
      return scanner;
    };
    return [new Plugin<MentionState>({
      key: bibleMentionsKey,
      state: {
        init: (_config, state) => {
          const s = scannerFor(opts.entries());
          return { decos: scanDoc(state.doc, s), entries: s.entries, names: s.names };
        },
        apply: (tr, value) => {
          if (tr.getMeta(bibleMentionsKey) === REFRESH) {
            const now = opts.entries();
            if (now !== value.entries) {
              const s = scannerFor(now);
              if (s.names === value.names) {
                // Same names and aliases: the marks stay where they are, only what they show changes.
                const decos = value.decos.find().flatMap((d) => {
                  const e = s.byId.get((d.spec as { entryId: string }).entryId);
                  return e ? [Decoration.inline(d.from, d.to, attrs(e), { entryId: e.id })] : [];
                });
                return { decos: DecorationSet.create(tr.doc, decos), entries: now, names: s.names };
              }
              return { decos: scanDoc(tr.doc, s), entries: now, names: s.names };
            }
          }
          if (!tr.docChanged) return value;
          const s = scannerFor(value.entries);
          let decos = value.decos.map(tr.mapping, tr.doc);
          if (!s.entries.length) return { ...value, decos };
          const blocks = changedBlocks(tr);
          // A transaction that replaced most of the document (a load, a take, a whole-section revision): scan all.
          if (blocks.size > 64) return { ...value, decos: scanDoc(tr.doc, s) };
          for (const [pos, node] of blocks) {
            const stale = decos.find(pos, pos + node.nodeSize);
            if (stale.length) decos = decos.remove(stale);
            const fresh: Decoration[] = [];
            scanBlock(node, pos, s, fresh);
            if (fresh.length) decos = decos.add(tr.doc, fresh);
          }
          return { ...value, decos };
        },
      },
      props: {
        decorations: (state) => bibleMentionsKey.getState(state)?.decos,
      },
      view: (view) => {
        let timer: ReturnType<typeof setTimeout> | null = null;
        const refresh = () => {
          if (timer) return;
          timer = setTimeout(() => {
            timer = null;
            if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(bibleMentionsKey, REFRESH).setMeta('addToHistory', false));
          }, REFRESH_MS);
        };
        const off = opts.subscribe?.(refresh);
        let cursorEntry: string | null = null;
        const track = () => {
          if (!opts.onCursorEntry) return;
          const { selection } = view.state;
          const at = selection.empty ? bibleMentionsKey.getState(view.state)?.decos.find(selection.from, selection.from) ?? [] : [];
          const id = (at[0]?.spec as { entryId?: string } | undefined)?.entryId ?? null;
          if (id !== cursorEntry) { cursorEntry = id; opts.onCursorEntry(id); }
        };
        return {
          update: (_view, prev) => { if (prev.selection !== view.state.selection || prev.doc !== view.state.doc) track(); },
          destroy: () => { off?.(); if (timer) clearTimeout(timer); if (cursorEntry) opts.onCursorEntry?.(null); },
        };
      },
    })];
  },
});
