// The sharing service, built here with the workspace's effects (see src/features/collab/service.ts).
import { getSchema } from '@tiptap/core';
import { createCollab } from '../features/collab';
import { baseExtensions } from '../editor/extensions';
import { getEditor } from '../editor/registry';
import { useStore } from './store';
import { loadContent, openDocument, refreshLibrary, saveContent, saver, journal } from './workspace';

const schema = getSchema(baseExtensions());

export const collab = createCollab({
  store: useStore,
  schema: () => schema,
  getEditor,
  loadContent,
  saveContent,
  flushSaves: async () => { await saver.flush(); await journal.flush(); },
  openDocument,
  refreshLibrary,
});
