// The one schema every section editor and every Markdown conversion uses, so content moves between
// storage, editors and files without loss.
import StarterKit from '@tiptap/starter-kit';
import type { AnyExtension } from '@tiptap/core';
import { isSafeHref } from '../core/interchange/linkSafety';
import { LinkSafety } from './linkSafety';
import { PasteSafety } from './pasteSafety';

/** `history: false` for shared sections, whose undo is the Yjs undo manager's (per user). */
export function baseExtensions(opts: { history?: boolean } = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      // Only http(s), mailto and relative links are links (see core/interchange/linkSafety): pasted HTML and
      // autolinked text with any other scheme stay plain text.
      link: { openOnClick: false, autolink: true, isAllowedUri: (url) => isSafeHref(url) },
      // A trailing empty paragraph would change a section's Markdown on every round trip.
      trailingNode: false,
      ...(opts.history === false ? { undoRedo: false as const } : {}),
    }),
    LinkSafety,
    PasteSafety,
  ];
}
