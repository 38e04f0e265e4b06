// Files → a preview source. Plain text goes through the chapter detector; Markdown, Word and HTML become one rich
// document split at a heading level. Untrusted HTML (an .html file, mammoth's output) is sanitised by DOMPurify
// and parsed in an inert document, so nothing from it ever reaches the live DOM with a handler on it.
import DOMPurify from 'dompurify';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { getSchema } from '@tiptap/core';
import { baseExtensions } from '../../editor/extensions';
import { markdownToDoc } from '../../editor/markdown';
import { takeBibleMarkdown, type ParsedBibleEntry } from '../../core/interchange/bibleMarkdown';
import { decodeTextFile } from '../../core/interchange/decodeText';
import type { TextSplit } from '../../core/interchange/plainTextBook';
import { createParseClient, type ParseClient } from './parseClient';
import { guessHeadingLevel, splitDocAtHeadings, headingCounts, type DocSection } from '../../core/interchange/splitDoc';
import { sanitizeDocLinks, type JsonNode } from '../../core/interchange/linkSafety';
import { neutralizeHandlerAttrs, restoreHandlerMarks, unmark } from '../../core/interchange/handlerAttrs';

export type ImportKind = 'text' | 'markdown' | 'docx' | 'html';

/** A row of the preview: what the dialog shows. */
export interface PreviewSection { title: string; words: number; kind?: string }
/** A section as "Import" stores it; `wordCount` when already counted with the core counter (in the worker). */
export interface ImportedSection { title: string; doc: JsonNode; wordCount?: number }
export interface SplitOption { value: string; label: string }
export interface Preview { title: string; sections: PreviewSection[] }

export interface ImportSource {
  kind: ImportKind;
  fileName: string;
  /** Shown in the dialog: dropped images/comments, encoding fallbacks. */
  notices: string[];
  options: SplitOption[];
  defaultSplit: string;
  /** The preview at `defaultSplit`, ready when the source is: the dialog opens with it. */
  initial: Preview;
  /** Titles and word counts only: cheap enough to run on every change of split. */
  preview(split: string): Promise<Preview>;
  /** The editor JSON of every section, built only when the user presses "Import". */
  build(split: string): Promise<{ title: string; sections: ImportedSection[] }>;
  /** Ends the parser worker behind the source (if any). */
  dispose(): void;
  /** Story bible entries the file carried (a Longhand Markdown export), resolved to sections on import. */
  bible?: ParsedBibleEntry[];
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

/**
 * Plain text and Markdown are parsed off the main thread (./parse.worker.ts); HTML and Word need a DOM for
 * DOMPurify and ProseMirror's parser, so they are parsed here, in an inert document.
 */
export async function readImportFile(file: File): Promise<ImportSource> {
  const kind = kindOf(file.name);
  if (!kind) throw new Error('Only .md, .markdown, .txt, .docx, .html and .htm files can be imported.');
  const bytes = await file.arrayBuffer();
  if (kind === 'text') return textSource(file.name, bytes);
  if (kind === 'markdown') {
    const decoded = decodeTextFile(bytes).text;
    // A Markdown export ends with its story bible (a marked "## Story bible"): it becomes entries, not a section.
    const { rest: text, entries } = takeBibleMarkdown(decoded);
    const withBible = (src: ImportSource): ImportSource => entries?.length
      ? { ...src, bible: entries, notices: [...src.notices, `Story bible: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} imported with the document.`] }
      : src;
    // Raw HTML inside Markdown is parsed by TipTap through DOMParser (an inert document), which a worker does
    // not have: there it would stay literal text. Such files are parsed here; HTML-free Markdown in the worker.
    if (hasRawHtml(text)) return withBible(richSource('markdown', file.name, markdownToDoc(text) as JsonNode, []));
    return withBible(await markdownSource(file.name, entries ? new TextEncoder().encode(text).buffer as ArrayBuffer : bytes));
  }
  if (kind === 'html') {
    const { text } = decodeTextFile(bytes);
    const { doc, images, title } = htmlToDoc(text);
    return richSource('html', file.name, doc, images ? [`${images} image${images === 1 ? '' : 's'} dropped.`] : [], title);
  }
  const { doc, images, comments, title } = await docxToDoc(bytes).catch((e: Error) => {
    // mammoth's own message names zip internals ("Can't find end of central directory…", with a link to jszip's
    // documentation); the writer needs to know the file is not a Word document it can read.
    console.warn(`Longhand: ${file.name} could not be read as .docx: ${e.message}`);
    throw new Error('it is not a Word document (.docx) Longhand can read: the file is damaged, or in another format with a .docx name.');
  });
  const notices: string[] = [];
  if (images) notices.push(`${images} image${images === 1 ? '' : 's'} dropped.`);
  if (comments) notices.push(`${comments} comment${comments === 1 ? '' : 's'} dropped.`);
  return richSource('docx', file.name, doc, notices, title);
}

/** A tag, comment or declaration (not an autolink such as <https://…>). */
export function hasRawHtml(markdown: string): boolean {
  return /<(?:[a-z][a-z0-9-]*(?:\s[^>]*)?\/?>|\/[a-z][a-z0-9-]*\s*>|!--|![a-z])/i.test(markdown);
}

/** A plain-text book: the worker keeps the text; the preview asks for titles and counts, "Import" for the sections. */
export async function textSource(fileName: string, bytes: ArrayBuffer | Uint8Array, client: ParseClient = createParseClient()): Promise<ImportSource> {
  // The bytes are transferred to the worker: a copy, so a caller's buffer stays usable.
  const own = bytes instanceof Uint8Array ? bytes.slice().buffer : bytes;
  let opened;
  try { opened = await client.call({ op: 'open-text', bytes: own }); } catch (e) { client.dispose(); throw e; }
  const { encoding, summary: auto } = opened;
  const keyOf = (split: string) => (split === auto.detected ? 'auto' : split) as TextSplit;
  const options: SplitOption[] = [];
  if (auto.found.chapter) options.push({ value: 'chapter', label: `Chapter headings (${auto.found.chapter} found)` });
  if (auto.found.numbered > 1) options.push({ value: 'numbered', label: `Numbered titles like "IV. The Storm" (${auto.found.numbered} found)` });
  options.push({ value: 'none', label: 'No split' });
  const title = baseName(fileName);
  return {
    kind: 'text', fileName, options, defaultSplit: auto.detected ?? 'none',
    notices: encoding === 'windows-1252' ? ['Not valid UTF-8: read as Windows-1252.'] : [],
    initial: { title, sections: auto.sections },
    async preview(split) {
      const book = await client.call({ op: 'summary', split: keyOf(split) });
      return { title, sections: book.sections };
    },
    async build(split) {
      const { sections } = await client.call({ op: 'build', split: keyOf(split) });
      return { title, sections };
    },
    dispose: () => client.dispose(),
  };
}

const levelOptions = (counts: number[]): SplitOption[] => {
  const options: SplitOption[] = [];
  for (let l = 1; l <= 4; l++) if (counts[l]) options.push({ value: String(l), label: `Heading ${l} (${counts[l]} found)` });
  options.push({ value: 'none', label: 'No split' });
  return options;
};
const levelOf = (split: string) => (split === 'none' ? null : Number(split));

/** A Markdown file: parsed, split and counted in the worker, like plain text. */
export async function markdownSource(fileName: string, bytes: ArrayBuffer, client: ParseClient = createParseClient()): Promise<ImportSource> {
  try {
    const { counts, guess } = await client.call({ op: 'open-markdown', bytes });
    const defaultSplit = guess && guess <= 4 ? String(guess) : 'none';
    const titled = (t: string | null) => t || baseName(fileName);
    const first = await client.call({ op: 'rich-summary', level: levelOf(defaultSplit) });
    return {
      kind: 'markdown', fileName, notices: [], options: levelOptions(counts), defaultSplit,
      initial: { title: titled(first.title), sections: first.sections },
      async preview(split) {
        const out = await client.call({ op: 'rich-summary', level: levelOf(split) });
        return { title: titled(out.title), sections: out.sections };
      },
      async build(split) {
        const out = await client.call({ op: 'rich-build', level: levelOf(split) });
        return { title: titled(out.title), sections: out.sections };
      },
      dispose: () => client.dispose(),
    };
  } catch (e) { client.dispose(); throw e; }
}

/** A rich source's preview rows carry their docs too (the split is of a document already parsed). */
export interface RichImportSource extends ImportSource {
  initial: { title: string; sections: DocSection[] };
  preview(split: string): Promise<{ title: string; sections: DocSection[] }>;
}

export function richSource(kind: ImportKind, fileName: string, doc: JsonNode, notices: string[], docTitle?: string | null): RichImportSource {
  const options = levelOptions(headingCounts(doc));
  const guess = guessHeadingLevel(doc);
  const defaultSplit = guess && guess <= 4 ? String(guess) : 'none';
  const split = (level: string) => {
    const out = splitDocAtHeadings(doc, levelOf(level));
    return { title: docTitle || out.title || baseName(fileName), sections: out.sections };
  };
  return {
    kind, fileName, notices, options, defaultSplit, initial: split(defaultSplit),
    // Splitting an already parsed document is cheap: the preview and the import share it.
    preview: async (level) => split(level), build: async (level) => split(level), dispose: () => {},
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
  // No browser parser sees an on* attribute, not even an inert one (Chromium files a CSP report per handler
  // while parsing): they are defused in the string first and the marker is taken out of the result.
  const defused = neutralizeHandlerAttrs(html);
  const inert = new DOMParser().parseFromString(defused, 'text/html');
  const title = unmark(inert.querySelector('title')?.textContent?.trim() ?? '') || null;
  const images = inert.querySelectorAll('img').length;
  const clean = DOMPurify.sanitize(defused, { ...PURIFY, RETURN_DOM_FRAGMENT: false }) as unknown as string;
  const body = new DOMParser().parseFromString(`<!doctype html><body>${clean}</body>`, 'text/html').body;
  // Built per call: an import is one call per file, and a cache here would be module-level state.
  const pm = PMDOMParser.fromSchema(getSchema(baseExtensions())).parse(body);
  const json = pm.toJSON() as JsonNode;
  return { doc: sanitizeDocLinks(defused === html ? json : restoreHandlerMarks(json)), images, title };
}

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
