// Word files from a document: "Word (.docx)" (title, one Heading 1 per section, marks, lists, quotes) and
// standard manuscript format as William Shunn's guide describes it (12-point Courier New or Times New Roman,
// double spaced, 1-inch margins, 0.5-inch first-line indent, no space between paragraphs, a title page with the
// author's contact block and the word count rounded to the nearest hundred, "Surname / TITLE / page" in the
// header from page 2, each chapter on a new page a third of the way down, "#" for scene breaks, "END").
import {
  AlignmentType, Document, ExternalHyperlink, Header, HeadingLevel, LevelFormat, PageNumber, Paragraph, TabStopType,
  TextRun, type ParagraphChild,
} from 'docx';
import { safeHref, type JsonNode } from './linkSafety';
import { countWords } from '../wordCount';
import { docPlainText } from './richDoc';
import type { ManuscriptFont } from '../model';

export interface ExportDoc {
  title: string;
  authorName?: string;
  contactLines?: string;
  sections: ReadonlyArray<{ title: string; doc: JsonNode | null }>;
}

const INCH = 1440; // twips
const MARGINS = { top: INCH, right: INCH, bottom: INCH, left: INCH };

interface RunStyle { bold?: boolean; italics?: boolean; strike?: boolean; underline?: boolean; code?: boolean }

function runsOf(nodes: readonly JsonNode[] | undefined, opts: { links: boolean; mono: string }): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') { out.push(new TextRun({ text: '', break: 1 })); continue; }
    if (n.type !== 'text' || !n.text) continue;
    const st: RunStyle = {};
    let href: string | null = null;
    for (const m of n.marks ?? []) {
      if (m.type === 'bold') st.bold = true;
      else if (m.type === 'italic') st.italics = true;
      else if (m.type === 'strike') st.strike = true;
      else if (m.type === 'underline') st.underline = true;
      else if (m.type === 'code') st.code = true;
      else if (m.type === 'link') href = safeHref(m.attrs?.href);
    }
    const run = new TextRun({
      text: n.text, bold: st.bold, italics: st.italics, strike: st.strike, underline: st.underline ? {} : undefined,
      font: st.code ? opts.mono : undefined, style: href && opts.links ? 'Hyperlink' : undefined,
    });
    out.push(href && opts.links ? new ExternalHyperlink({ link: href, children: [run] }) : run);
  }
  return out;
}

interface BlockCtx { links: boolean; mono: string; manuscript: boolean; listInstance: { n: number } }

function blocks(nodes: readonly JsonNode[] | undefined, ctx: BlockCtx, depth = 0, quote = false): Paragraph[] {
  const out: Paragraph[] = [];
  const body = (children: ParagraphChild[], extra: Record<string, unknown> = {}) => new Paragraph({
    children,
    ...(quote ? { style: 'Quote' } : {}),
    ...(ctx.manuscript && !quote ? { indent: { firstLine: INCH / 2 } } : {}),
    ...extra,
  });
  for (const n of nodes ?? []) {
    switch (n.type) {
      case 'paragraph': out.push(body(runsOf(n.content, ctx))); break;
      case 'heading': {
        const lvl = Math.min(6, Math.max(2, Number(n.attrs?.level ?? 2) + 1));
        out.push(ctx.manuscript
          ? new Paragraph({ children: runsOf(n.content, ctx), alignment: AlignmentType.CENTER, keepNext: true })
          : new Paragraph({ children: runsOf(n.content, ctx), heading: `Heading${lvl}` as (typeof HeadingLevel)[keyof typeof HeadingLevel] }));
        break;
      }
      case 'blockquote': out.push(...blocks(n.content, ctx, depth, true)); break;
      case 'bulletList':
      case 'orderedList': {
        const reference = n.type === 'bulletList' ? 'bullets' : 'numbers';
        // Each ordered list restarts at 1: a numbering instance of its own.
        const instance = ++ctx.listInstance.n;
        for (const item of n.content ?? []) {
          for (const child of item.content ?? []) {
            if (child.type === 'bulletList' || child.type === 'orderedList') out.push(...blocks([child], ctx, depth + 1, quote));
            else if (child.type === 'paragraph') {
              out.push(new Paragraph({ children: runsOf(child.content, ctx), numbering: { reference, level: Math.min(depth, 2), instance } }));
            } else out.push(...blocks([child], ctx, depth + 1, quote));
          }
        }
        break;
      }
      case 'codeBlock':
        out.push(new Paragraph({ children: [new TextRun({ text: (n.content ?? []).map((c) => c.text ?? '').join(''), font: ctx.mono })] }));
        break;
      case 'horizontalRule':
        // A scene break: a centred "#" (Shunn), also in the plain Word export so it reads the same.
        out.push(new Paragraph({ children: [new TextRun('#')], alignment: AlignmentType.CENTER }));
        break;
      default:
        if (n.content) out.push(...blocks(n.content, ctx, depth, quote));
    }
  }
  return out;
}

const numbering = {
  config: [
    { reference: 'bullets', levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.BULLET, text: ['\u2022', '\u25e6', '\u25aa'][level]!, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })) },
    { reference: 'numbers', levels: [0, 1, 2].map((level) => ({ level, format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level]!, text: `%${level + 1}.`, alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } } })) },
  ],
};
const quoteStyle = { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', quickFormat: true, paragraph: { indent: { left: 720, right: 720 } } };

export function buildWordDocument(d: ExportDoc): Document {
  const ctx: BlockCtx = { links: true, mono: 'Courier New', manuscript: false, listInstance: { n: 0 } };
  const children: Paragraph[] = [];
  if (d.title.trim()) children.push(new Paragraph({ text: d.title.trim(), heading: HeadingLevel.TITLE }));
  d.sections.forEach((s, i) => {
    const title = s.title.trim() || (i === 0 ? '' : `Section ${i + 1}`);
    if (title) children.push(new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }));
    children.push(...blocks(s.doc?.content, ctx));
  });
  return new Document({
    title: d.title, creator: d.authorName || 'Longhand',
    styles: { paragraphStyles: [{ ...quoteStyle, run: { italics: true } }] },
    numbering,
    sections: [{ properties: { page: { margin: MARGINS } }, children }],
  });
}

/** Word count as the manuscript's title page states it: the core count rounded to the nearest hundred. */
export function manuscriptWordCount(d: ExportDoc): number {
  const total = d.sections.reduce((n, s) => n + countWords(docPlainText(s.doc)), 0);
  return Math.max(100, Math.round(total / 100) * 100);
}

export function surnameOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter((p) => !/^(jr\.?|sr\.?|ii|iii|iv)$/i.test(p));
  return parts.at(-1) ?? '';
}

export function buildManuscript(d: ExportDoc, font: ManuscriptFont = 'Courier New'): Document {
  const ctx: BlockCtx = { links: false, mono: font, manuscript: true, listInstance: { n: 0 } };
  const author = (d.authorName ?? '').trim();
  const title = d.title.trim() || 'Untitled';
  const contact = (d.contactLines ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const words = manuscriptWordCount(d);
  const single = { line: 240, before: 0, after: 0 };
  // Title page: contact block top left (single spaced), word count top right, title and byline centred halfway down.
  const titlePage: Paragraph[] = [
    new Paragraph({
      spacing: single, tabStops: [{ type: TabStopType.RIGHT, position: 9360 }],
      children: [new TextRun(author || 'Author name'), new TextRun({ text: `\tabout ${words.toLocaleString('en-US')} words` })],
    }),
    ...contact.map((l) => new Paragraph({ spacing: single, children: [new TextRun(l)] })),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 4 * INCH - contact.length * 240, after: 0, line: 480 }, children: [new TextRun(title)] }),
    ...(author ? [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(`by ${author}`)] })] : []),
  ];
  const body: Paragraph[] = [];
  d.sections.forEach((s, i) => {
    const heading = s.title.trim() || (i === 0 ? '' : `Section ${i + 1}`);
    // Each chapter starts on a new page, about a third of the way down (2.5 inches below the 1-inch margin).
    body.push(new Paragraph({
      pageBreakBefore: true, alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 2.5 * INCH, after: 0, line: 480 },
      children: [new TextRun(heading)],
    }));
    body.push(...blocks(s.doc?.content, ctx));
  });
  body.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('END')] }));
  const keyword = title.toUpperCase();
  const surname = surnameOf(author) || 'Author';
  return new Document({
    title, creator: author || 'Longhand',
    styles: {
      default: {
        document: {
          run: { font, size: 24 },
          // Double spaced, no extra space between paragraphs.
          paragraph: { spacing: { line: 480, before: 0, after: 0 } },
        },
      },
      paragraphStyles: [quoteStyle],
    },
    numbering,
    sections: [{
      properties: { titlePage: true, page: { margin: { ...MARGINS, header: INCH / 2 } } },
      headers: {
        // No header on the title page; "Surname / TITLE / page" from page 2 on.
        first: new Header({ children: [new Paragraph({ children: [] })] }),
        default: new Header({
          children: [new Paragraph({
            alignment: AlignmentType.RIGHT, spacing: single,
            children: [new TextRun({ children: [`${surname} / ${keyword} / `, PageNumber.CURRENT] })],
          })],
        }),
      },
      children: [...titlePage, ...body],
    }],
  });
}
