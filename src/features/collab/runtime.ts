// Everything of sharing that needs Yjs (the Y.Doc, the provider, y-indexeddb, the ProseMirror binding) in one
// module that the service loads with import() when a document is shared or a share link is opened: a writer who
// never shares does not download or parse it (about 70 KB gzip) to open a book and type.
export * as Y from 'yjs';
export { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
export { createSession, deleteLocalCopy, holdCopy, readLocalCopy, sharedTexts, takeEarlierCopy, withCopyAlone } from './session';
