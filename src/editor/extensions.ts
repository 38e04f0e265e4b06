// The one schema every section editor and every Markdown conversion uses, so content moves between
// storage, editors and files without loss.
import StarterKit from '@tiptap/starter-kit';
import type { AnyExtension } from '@tiptap/core';

export function baseExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      link: { openOnClick: false, autolink: true },
      // A trailing empty paragraph would change a section's Markdown on every round trip.
      trailingNode: false,
    }),
  ];
}
