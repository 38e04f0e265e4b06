// Editor extensions the generation feature adds to every section editor: when the writer edits a section
// that already has a summary and then leaves it, the summary (the memory later sections are written from)
// is refreshed — after a pause, and only if the text really changed (content-hash cache).
import { Extension, type AnyExtension } from '@tiptap/core';
import { useStore } from '../../app/store';
import { needsSummary } from '../../core/generation/summaryPrompt';

const LEAVE_DELAY_MS = 2_000;

export function summaryOnLeave(sectionId: string): AnyExtension {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let edited = false;
  return Extension.create({
    name: 'longhandSummaryOnLeave',
    onUpdate() { if (this.editor.isFocused) edited = true; },
    onFocus() { if (timer) { clearTimeout(timer); timer = null; } },
    onBlur() {
      if (!edited) return;
      const editor = this.editor;
      timer = setTimeout(() => {
        timer = null;
        if (editor.isDestroyed || editor.isFocused) return;
        const s = useStore.getState().sections[sectionId];
        // Sections never summarised are left alone: generation makes the first summary.
        if (!s || s.streaming || !s.summary.trim()) return;
        // Markdown conversion and the summary service are not part of the page's first load: they come with the
        // first section that needs them (a summarised section is one the engine already wrote, so usually loaded).
        void Promise.all([import('../../editor/markdown'), import('../../app/services')]).then(([{ docToMarkdown }, { summaries }]) => {
          if (editor.isDestroyed || editor.isFocused) return;
          const now = useStore.getState().sections[sectionId];
          if (!now || now.streaming || !now.summary.trim()) return;
          if (!needsSummary(now, docToMarkdown(editor.getJSON()))) { edited = false; return; }
          edited = false;
          return summaries.summarize(sectionId);
        }).catch(() => undefined);
      }, LEAVE_DELAY_MS);
    },
    onDestroy() { if (timer) clearTimeout(timer); },
  });
}

export function generationExtensions(sectionId: string): AnyExtension[] {
  return [summaryOnLeave(sectionId)];
}
