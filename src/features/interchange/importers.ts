// Files → a preview source. Plain text goes through the chapter detector; Markdown, Word and HTML become one rich
// document split at a heading level. Untrusted HTML (an .html file, mammoth's output) is sanitised by DOMPurify
// and parsed in an inert document, so nothing from it ever reaches the live DOM with a handler on it.
import DOMPurify from 'dompurify';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { getSchema } from '@tiptap/core';
import { baseExtensions } from '../../editor/extensions';
import { markdownToDoc } from '../../editor/markdown';
import { decodeTextFile } from '../../core/interchange/decodeText';
import { parsePlainTextBook, summarizePlainTextBook, type TextSplit } from '../../core/interchange/plainTextBook';
import { guessHeadingLevel, splitDocAtHeadings, headingCounts, type DocSection } from '../../core/interchange/splitDoc';
import { sanitizeDocLinks, type JsonNode } from '../../core/interchange/linkSafety';

export type ImportKind = 'text' | 'markdown' | 'docx' | 'html';

/** A row of the preview: what the dialog shows. */
export interface PreviewSection { title: string; words: number; kind?: string }
/** A section as "Import" stores it. */
export interface ImportedSection { title: string; doc: JsonNode }
export interface SplitOption { value: string; label: string }

export interface ImportSource {
  kind: ImportKind;
  fileName: string;
  /** Shown in the dialog: dropped images/comments, encoding fallbacks. */
  notices: string[];
  options: SplitOption[];
  defaultSplit: string;
  /** Titles and word counts only: cheap enough to run while the dialog opens and on every change of split. */
  preview(split: string): { title: string; sections: PreviewSection[] };
  /** The editor JSON of every section, built only when the user presses "Import". */
  build(split: string): { title: string; sections: ImportedSection[] };
}

export const ACCEPT = '.md,.markdown,.txt,.docx,.html,.htm';

export function kindOf(name: string): ImportKind | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'txt') return 'text';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'docx') return 'docx';
  if (ext === 'html' || ext === 'htm') return 'html';
  return null;
}

const baseName = (name: string) => name.replace(/\.[a-z]+$/i, '');

export async function readImportFile(file: File): Promise<ImportSource> {
  const kind = kindOf(file.name);
  if (!kind) throw new Error('Only .md, .markdown, .txt, .docx, .html and .htm files can be imported.');
  const bytes = await file.arrayBuffer();
  if (kind === 'text') return textSource(file.name, bytes);
  if (kind === 'markdown') {
    const { text } = decodeTextFile(bytes);
    return richSource('markdown', file.name, markdownToDoc(text) as JsonNode, []);
  }
  if (kind === 'html') {
    const { text } = decodeTextFile(bytes);
    const { doc, images, title } = htmlToDoc(text);
    return richSource('html', file.name, doc, images ? [`${images} image${images === 1 ? '' : 's'} dropped.`] : [], title);
  }
  const { doc, images, comments, title } = await docxToDoc(bytes);
  const notices: string[] = [];
  if (images) notices.push(`${images} image${images === 1 ? '' : 's'} dropped.`);
  if (comments) notices.push(`${comments} comment${comments === 1 ? '' : 's'} dropped.`);
  return richSource('docx', file.name, doc, notices, title);
}

export function textSource(fileName: string, bytes: ArrayBuffer | Uint8Array): ImportSource {
  const { text, encoding } = decodeTextFile(bytes);
  // The preview needs titles and counts only; building every section's editor JSON for a 1 MB book took most of
  // the time between choosing the file and seeing the dialog, so that waits for "Import" (same split, same text).
  const auto = summarizePlainTextBook(text, 'auto');
  const cache = new Map<string, ReturnType<typeof summarizePlainTextBook>>([['auto', auto]]);
  const keyOf = (split: string) => (split === auto.detected ? 'auto' : split) as TextSplit;
  const options: SplitOption[] = [];
  if (auto.found.chapter) options.push({ value: 'chapter', label: `Chapter headings (${auto.found.chapter} found)` });
  if (auto.found.numbered > 1) options.push({ value: 'numbered', label: `Numbered titles like "IV. The Storm" (${auto.found.numbered} found)` });
  options.push({ value: 'none', label: 'No split' });
  return {
    kind: 'text', fileName, options, defaultSplit: auto.detected ?? 'none',
    notices: encoding === 'windows-1252' ? ['Not valid UTF-8: read as Windows-1252.'] : [],
    preview(split) {
      const key = keyOf(split);
      let book = cache.get(key);
      if (!book) { book = summarizePlainTextBook(text, key); cache.set(key, book); }
      return { title: baseName(fileName), sections: book.sections };
    },
    build(split) {
      return { title: baseName(fileName), sections: parsePlainTextBook(text, keyOf(split)).sections };
    },
  };
}

/** A rich source's preview rows carry their docs too (the split is of a document already parsed). */
export interface RichImportSource extends ImportSource {
  preview(split: string): { title: string; sections: DocSection[] };
}

export function richSource(kind: ImportKind, fileName: string, doc: JsonNode, notices: string[], docTitle?: string | null): RichImportSource {
  const counts = headingCounts(doc);
  const options: SplitOption[] = [];
  for (let l = 1; l <= 4; l++) if (counts[l]) options.push({ value: String(l), label: `Heading ${l} (${counts[l]} found)` });
  options.push({ value: 'none', label: 'No split' });
  const guess = guessHeadingLevel(doc);
  const split = (level: string) => {
    const out = splitDocAtHeadings(doc, level === 'none' ? null : Number(level));
    return { title: docTitle || out.title || baseName(fileName), sections: out.sections };
  };
  return {
    kind, fileName, notices, options, defaultSplit: guess && guess <= 4 ? String(guess) : 'none',
    // Splitting an already parsed document is cheap: the preview and the import share it.
    preview: split, build: split,
  };
}

// Only http(s), mailto and relative URLs survive DOMPurify (the same policy the editor applies afterwards).
const PURIFY = {
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'svg', 'math', 'iframe', 'object', 'embed'],
  FORBID_ATTR: ['style'],
  WHOLE_DOCUMENT: false,
};

/** Untrusted HTML → editor JSON: sanitised, parsed in an inert document, links checked once more. */
export function htmlToDoc(html: string): { doc: JsonNode; images: number; title: string | null } {
  // The <title> of a full HTML page names the document; read from an inert document (DOMParser runs no script
  // and loads nothing).
  const inert = new DOMParser().parseFromString(html, 'text/html');
  const title = inert.querySelector('title')?.textContent?.trim() || null;
  const images = inert.querySelectorAll('img').length;
  const clean = DOMPurify.sanitize(html, { ...PURIFY, RETURN_DOM_FRAGMENT: false }) as unknown as string;
  const body = new DOMParser().parseFromString(`<!doctype html><body>${clean}</body>`, 'text/html').body;
  const pm = PMDOMParser.fromSchema(schema()).parse(body);
  return { doc: sanitizeDocLinks(pm.toJSON() as JsonNode), images, title };
}

let cachedSchema: ReturnType<typeof getSchema> | null = null;
function schema() { cachedSchema ??= getSchema(baseExtensions()); return cachedSchema; }

/** .docx → editor JSON with mammoth: headings by style, bold/italic/lists/quotes kept, images and comments counted and dropped. */
export async function docxToDoc(bytes: ArrayBuffer): Promise<{ doc: JsonNode; images: number; comments: number; title: string | null }> {
  const mammoth = (await import('mammoth')).default;
  let images = 0;
  // mammoth's Node build reads a Buffer, its browser build an ArrayBuffer (unit tests run the Node build).
  const input = typeof Buffer !== 'undefined' ? { buffer: Buffer.from(bytes) } : { arrayBuffer: bytes };
  const result = await mammoth.convertToHtml(input as { arrayBuffer: ArrayBuffer }, {
    styleMap: [
      "p[style-name='Title'] => h1.lh-doc-title:fresh",
      "p[style-name='Quote'] => blockquote > p:fresh",
      "p[style-name='Intense Quote'] => blockquote > p:fresh",
      "p[style-name='Block Text'] => blockquote > p:fresh",
      // Comment references are mapped so they can be counted, then removed with the comment list mammoth appends.
      'comment-reference => sup.lh-comment',
    ],
    convertImage: mammoth.images.imgElement(async () => { images++; return { src: '' }; }),
  });
  const inert = new DOMParser().parseFromString(`<!doctype html><body>${result.value}</body>`, 'text/html');
  const refs = inert.querySelectorAll('sup.lh-comment');
  const comments = refs.length;
  refs.forEach((el) => el.remove());
  inert.querySelectorAll('dl').forEach((dl) => { if (dl.querySelector('dt[id^="comment-"]')) dl.remove(); });
  inert.querySelectorAll('img').forEach((el) => el.remove());
  // The Word "Title" paragraph names the document: as a lone H1 above the Heading 1 sections it would split,
  // so it is turned into the document title here.
  const titleEl = inert.querySelector('h1.lh-doc-title');
  const title = titleEl?.textContent?.trim() ?? '';
  titleEl?.remove();
  const { doc } = htmlToDoc(inert.body.innerHTML);
  return { doc, images, comments, title: title || null };
}
