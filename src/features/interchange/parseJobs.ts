// The DOM-free part of importing, run in a Web Worker (./parse.worker.ts) so a 1 MB book never blocks the page:
// decoding, chapter detection, paragraph joining, Markdown → editor JSON, and the core word counter for what
// "Import" stores. HTML and Word stay on the main thread: DOMPurify and ProseMirror's DOM parser need a DOM
// (they use an inert document there, see ./importers.ts). A session keeps the decoded text, so changing the
// split in the preview does not ship the file again.
import { decodeTextFile } from '../../core/interchange/decodeText';
import { parsePlainTextBook, summarizePlainTextBook, type TextBookSummary, type TextSplit } from '../../core/interchange/plainTextBook';
import { docPlainText } from '../../core/interchange/richDoc';
import { sanitizeDocLinks, type JsonNode } from '../../core/interchange/linkSafety';
import { guessHeadingLevel, headingCounts, splitDocAtHeadings } from '../../core/interchange/splitDoc';
import { countWords } from '../../core/wordCount';

export type ParseRequest =
  | { op: 'open-text'; bytes: ArrayBuffer }
  | { op: 'summary'; split: TextSplit }
  | { op: 'build'; split: TextSplit }
  | { op: 'open-markdown'; bytes: ArrayBuffer }
  | { op: 'rich-summary'; level: number | null }
  | { op: 'rich-build'; level: number | null };

/** Markdown split at headings: titles and counts for the preview. */
export interface RichSummary { title: string | null; sections: Array<{ title: string; words: number }> }

/** A section as "Import" stores it: links checked, counted with the core counter. */
export interface BuiltSection { title: string; doc: JsonNode; wordCount: number }

export interface ParseResults {
  'open-text': { encoding: 'utf-8' | 'windows-1252'; summary: TextBookSummary };
  summary: TextBookSummary;
  build: { sections: BuiltSection[] };
  'open-markdown': { counts: number[]; guess: number | null };
  'rich-summary': RichSummary;
  'rich-build': { title: string | null; sections: BuiltSection[] };
}

export type ParseResult<R extends ParseRequest> = ParseResults[R['op']];

export interface ParseSession {
  handle<R extends ParseRequest>(req: R): Promise<ParseResult<R>>;
}

export function createParseSession(): ParseSession {
  let text: string | null = null;
  let rich: JsonNode | null = null;
  const summaries = new Map<TextSplit, TextBookSummary>();
  const needText = () => {
    if (text === null) throw new Error('No text file is open.');
    return text;
  };
  const needRich = () => {
    if (rich === null) throw new Error('No Markdown file is open.');
    return rich;
  };
  const run = async (req: ParseRequest): Promise<unknown> => {
    switch (req.op) {
      case 'open-text': {
        const decoded = decodeTextFile(req.bytes);
        text = decoded.text;
        summaries.clear();
        const summary = summarizePlainTextBook(text, 'auto');
        summaries.set('auto', summary);
        return { encoding: decoded.encoding, summary };
      }
      case 'summary': {
        let s = summaries.get(req.split);
        if (!s) { s = summarizePlainTextBook(needText(), req.split); summaries.set(req.split, s); }
        return s;
      }
      case 'build': {
        const book = parsePlainTextBook(needText(), req.split);
        return {
          sections: book.sections.map((s): BuiltSection => {
            const doc = sanitizeDocLinks(s.doc);
            return { title: s.title, doc, wordCount: countWords(docPlainText(doc)) };
          }),
        };
      }
      case 'open-markdown': {
        // Loaded on demand: the plain-text path does not pay for TipTap's Markdown parser.
        const { markdownToDoc } = await import('../../editor/markdown');
        rich = markdownToDoc(decodeTextFile(req.bytes).text) as JsonNode;
        return { counts: headingCounts(rich), guess: guessHeadingLevel(rich) };
      }
      case 'rich-summary': {
        const out = splitDocAtHeadings(needRich(), req.level);
        return { title: out.title, sections: out.sections.map((s) => ({ title: s.title, words: s.words })) };
      }
      case 'rich-build': {
        const out = splitDocAtHeadings(needRich(), req.level);
        return {
          title: out.title,
          sections: out.sections.map((s): BuiltSection => ({ title: s.title, doc: s.doc, wordCount: countWords(docPlainText(s.doc)) })),
        };
      }
    }
  };
  return { handle: (req) => run(req) as Promise<never> };
}
