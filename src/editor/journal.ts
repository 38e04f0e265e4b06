// Write-ahead journal, editor side: every transaction that changes the document hands its steps (as JSON) to
// the injected policy. Steps are small (a keystroke is one ReplaceStep), so this costs no serialization of the
// section; the storage side (src/storage/journal.ts) writes them within a few tens of milliseconds, and the
// full snapshot stays with the debounced saver. `replaySteps` rebuilds the document on load.
import { Extension, type JSONContent } from '@tiptap/core';
import { Node as PMNode, type Schema } from '@tiptap/pm/model';
import { Step } from '@tiptap/pm/transform';

export interface JournalOptions {
  sectionId: string;
  onSteps: (sectionId: string, steps: unknown[]) => void;
}

export const Journal = Extension.create<JournalOptions>({
  name: 'journal',
  addOptions() {
    return { sectionId: '', onSteps: () => {} };
  },
  onTransaction({ transaction, appendedTransactions }) {
    // Transactions appended by plugins change the document too: without their steps a replay would diverge.
    const steps = [transaction, ...appendedTransactions].flatMap((tr) => (tr.docChanged ? tr.steps : []));
    if (steps.length) this.options.onSteps(this.options.sectionId, steps.map((s) => s.toJSON()));
  },
});

export interface Replayed {
  doc: JSONContent;
  /** Steps applied; a step that fails stops the replay (what was applied before it is kept). */
  applied: number;
  error?: string;
}

/** Applies journalled steps to a snapshot. Never throws: at worst the snapshot comes back unchanged. */
export function replaySteps(schema: Schema, snapshot: JSONContent, steps: readonly unknown[]): Replayed {
  if (!steps.length) return { doc: snapshot, applied: 0 };
  let node: PMNode;
  try {
    node = PMNode.fromJSON(schema, snapshot);
  } catch (e) {
    return { doc: snapshot, applied: 0, error: String(e) };
  }
  let applied = 0;
  let error: string | undefined;
  for (const json of steps) {
    try {
      const result = Step.fromJSON(schema, json as never).apply(node);
      if (!result.doc) { error = result.failed ?? 'step failed'; break; }
      node = result.doc;
      applied++;
    } catch (e) {
      error = String(e);
      break;
    }
  }
  return { doc: applied ? (node.toJSON() as JSONContent) : snapshot, applied, error };
}
