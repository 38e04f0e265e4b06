// The sharing service, built here with the workspace's effects (see src/features/collab/service.ts). Every
// dependency is reached when called, not at import, so a test that mocks the workspace can still load this.
import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { createCollab } from '../features/collab';
import { baseExtensions } from '../editor/extensions';
import { getEditor } from '../editor/registry';
import { useStore } from './store';
import { importSections, loadContent, openDocument, refreshLibrary, saveContent, saver, journal } from './workspace';

// Built on first use (a share or a read of a shared section), kept in the closure.
const schema = ((): () => Schema => { let built: Schema | null = null; return () => (built ??= getSchema(baseExtensions())); })();

export const collab = createCollab({
  store: useStore,
  schema,
  getEditor: (id) => getEditor(id),
  loadContent: (id) => loadContent(id),
  saveContent: (id, doc) => saveContent(id, doc),
  flushSaves: async () => { await saver.flush(); await journal.flush(); },
  openDocument: (id) => openDocument(id),
  refreshLibrary: () => refreshLibrary(),
  keepCopy: (title, sections) => importSections(title, sections, { open: false }),
});
