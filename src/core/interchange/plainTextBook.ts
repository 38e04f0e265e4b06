// Plain-text books (Project Gutenberg and old drafts) → sections. Chapter headings are recognised only when they
// stand alone as a paragraph (blank lines around), so "Chapter 12 was hard to write" in running text or a
// table of contents (one line per chapter, no blank lines between) never splits. Nothing is dropped: the text
// before the first heading is an untitled first section.
import { quickCountWords } from './quickCount';
import { paragraph, docPlainText } from './richDoc';
import type { JsonNode } from './linkSafety';

export type HeadingKind = 'chapter' | 'numbered' | 'matter' | 'part';
export type TextSplit = 'auto' | 'chapter' | 'numbered' | 'none';

export interface TextSection {
  title: string;
  /** 'opening' is the untitled text before the first heading. */
  kind: HeadingKind | 'opening' | 'whole';
  doc: JsonNode;
  words: number;
}

export interface TextBook {
  sections: TextSection[];
  /** The chapter form found (what 'auto' split at), or null when no chapter headings were found. */
  detected: 'chapter' | 'numbered' | null;
  /** Candidate counts by form, for the preview's combobox labels. */
  found: Record<HeadingKind, number>;
}

const NUMBER_WORDS = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred';
const ORDINALS = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final';
const ROMAN = '[ivxlcdm]+';
// A number in words: "Twelve", "Twenty-One", "One Hundred and Two".
const WORDNUM = `(?:${NUMBER_WORDS})(?:[ -](?:and[ -])?(?:${NUMBER_WORDS}))*`;
const CHAPTER_NUM = `(?:\\d{1,3}|${ROMAN}|${WORDNUM}|the\\s+(?:${ORDINALS}))`;

// "CHAPTER I", "CHAPTER 1.", "Chapter 12", "Chapter Twelve", "CHAPTER 1. Loomings.", "Chapter 3: The Ball".
const CHAPTER_RE = new RegExp(`^(chapter)\\s+(${CHAPTER_NUM})\\b\\s*([.:\u2014\u2013-]\\s*)?(.*)$`, 'i');
// "IV. The Storm", "12. Homecoming": a numeral, a period and a short title.
const NUMBERED_RE = new RegExp(`^(\\d{1,3}|${ROMAN})\\.\\s+(\\S.*)$`, 'i');
// "PART ONE", "BOOK II", "Book the Second", "VOLUME I."
const PART_RE = new RegExp(`^(part|book|volume)\\s+(${CHAPTER_NUM})\\b\\s*([.:\u2014\u2013-]\\s*)?(.*)$`, 'i');
const MATTER_RE = /^(prologue|epilogue|preface|foreword|introduction|afterword|etymology|extracts|appendix|postscript)\b\.?\s*(\(.*\)\.?)?$/i;
const SCENE_BREAK_RE = /^\s*(?:(?:\*\s*){1,7}|#|(?:-\s*){3,}|(?:~\s*){3,}|(?:\u00b7\s*){3,})$/;

interface Para { lines: string[] }
interface Heading { kind: HeadingKind; line: string; key: string; bare: boolean }

export function classifyHeading(raw: string): Heading | null {
  const line = raw.trim();
  if (!line || line.length > 80) return null;
  let m = CHAPTER_RE.exec(line);
  if (m) {
    const rest = m[4]!.trim();
    // Mid-sentence use: "Chapter 12 was …" — lower-case words straight after the number are prose, not a title.
    if (rest && !m[3] && /^[a-z]/.test(rest)) return null;
    if (!isCapitalised(m[1]!)) return null;
    return { kind: 'chapter', line, key: m[2]!.toLowerCase(), bare: !rest };
  }
  m = PART_RE.exec(line);
  if (m) {
    const rest = m[4]!.trim();
    if (rest && !m[3] && /^[a-z]/.test(rest)) return null;
    if (!isCapitalised(m[1]!)) return null;
    return { kind: 'part', line, key: m[2]!.toLowerCase(), bare: !rest };
  }
  m = MATTER_RE.exec(line);
  if (m && isCapitalised(m[1]!)) return { kind: 'matter', line, key: m[1]!.toLowerCase(), bare: true };
  m = NUMBERED_RE.exec(line);
  if (m) {
    const title = m[2]!;
    // A title, not a sentence: capitalised, short, and not a year or a list item that runs on.
    if (line.length > 60 || !/^[\p{Lu}"'\u2018\u201c]/u.test(title) || /[,;]$/.test(title)) return null;
    if (/^\d+$/.test(m[1]!) && Number(m[1]) > 300) return null;
    return { kind: 'numbered', line, key: m[1]!.toLowerCase(), bare: false };
  }
  return null;
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

function toParas(text: string): Para[] {
  const lines = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
  const paras: Para[] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (/^\s*$/.test(l)) { if (cur.length) { paras.push({ lines: cur }); cur = []; } }
    else cur.push(l.replace(/\s+$/, ''));
  }
  if (cur.length) paras.push({ lines: cur });
  return paras;
}

/** A paragraph of hard-wrapped lines → editor blocks: prose joined, indented blocks as quotes, "* * *" as a rule. */
export function paraToBlock(p: Para): JsonNode {
  if (p.lines.length === 1 && SCENE_BREAK_RE.test(p.lines[0]!)) return { type: 'horizontalRule' };
  const indented = p.lines.every((l) => /^(?: {2,}|\t)/.test(l));
  if (indented) {
    // Letters and verse: keep the lines (they are meaningful there) inside a quote, never a code block.
    const strip = Math.min(...p.lines.map((l) => /^[ \t]*/.exec(l)![0].length));
    return { type: 'blockquote', content: [paragraph(p.lines.map((l) => l.slice(strip).replace(/\s+/g, ' ').trim()))] };
  }
  let text = '';
  for (const raw of p.lines) {
    const l = raw.trim();
    if (!text) text = l;
    // A dash split across lines ("Usher--" / "threadbare") joins without a space.
    else text += (/--$|\u2014$/.test(text) ? '' : ' ') + l;
  }
  return paragraph([text.replace(/[ \t]{2,}/g, ' ')]);
}

/** The preview's view of a section: its title and word count, without the editor JSON. */
export interface TextSectionSummary { title: string; kind: TextSection['kind']; words: number }

export interface TextBookSummary extends Omit<TextBook, 'sections'> { sections: TextSectionSummary[] }

interface Part { title: string; kind: TextSection['kind']; paras: Para[] }

/** Text → sections with their editor JSON (what "Import" stores). */
export function parsePlainTextBook(text: string, split: TextSplit = 'auto'): TextBook {
  const { parts, detected, found } = splitParas(text, split);
  const sections = parts.map((p): TextSection => {
    const blocks = p.paras.map(paraToBlock);
    const doc: JsonNode = { type: 'doc', content: blocks.length ? blocks : [{ type: 'paragraph' }] };
    return { title: p.title, kind: p.kind, doc, words: quickCountWords(docPlainText(doc)) };
  });
  return { sections, detected, found };
}

/**
 * Text → section titles and word counts only, for the import preview: the same split as parsePlainTextBook,
 * but no editor JSON is built (for a 1 MB book that was most of the preview's time and garbage). The words are
 * counted on the raw lines, which gives the same figure as counting the built doc: joining wrapped lines only
 * replaces a line break by a space (or by nothing after a dash, which the word pattern never spans either).
 */
export function summarizePlainTextBook(text: string, split: TextSplit = 'auto'): TextBookSummary {
  const { parts, detected, found } = splitParas(text, split);
  const sections = parts.map((p): TextSectionSummary =>
    ({ title: p.title, kind: p.kind, words: quickCountWords(p.paras.map((q) => q.lines.join('\n')).join('\n\n')) }));
  return { sections, detected, found };
}

function splitParas(text: string, split: TextSplit): { parts: Part[]; detected: TextBook['detected']; found: TextBook['found'] } {
  const paras = toParas(text);
  const heads: Array<Heading | null> = paras.map(headingOf);
  const found: Record<HeadingKind, number> = { chapter: 0, numbered: 0, matter: 0, part: 0 };
  for (const h of heads) if (h) found[h.kind]++;
  const detected = found.chapter > 0 ? 'chapter' : found.numbered > 1 ? 'numbered' : null;
  const family = split === 'auto' ? detected : split === 'none' ? null : split;

  const parts: Part[] = [];
  let cur: Part & { key: string } = { title: '', kind: family ? 'opening' : 'whole', key: '', paras: [] };
  let pendingPart: string | null = null;
  const flush = () => {
    if (cur.kind === 'opening' && !cur.paras.length) return; // no text before the first heading
    parts.push({ title: cur.title, kind: cur.kind, paras: cur.paras });
  };
  const active = (h: Heading | null): h is Heading =>
    !!h && !!family && (h.kind === family || h.kind === 'part' || h.kind === 'matter');

  for (let i = 0; i < paras.length; i++) {
    const h = heads[i] ?? null;
    if (!active(h) || (h.kind === 'matter' && cur.kind === 'matter' && cur.key === h.key)) {
      // A repeated front-matter heading ("EXTRACTS." after "EXTRACTS (Supplied by …)") continues its section.
      if (pendingPart) { flush(); cur = { title: pendingPart, kind: 'part', key: '', paras: [] }; pendingPart = null; }
      cur.paras.push(paras[i]!);
      continue;
    }
    if (h.kind === 'part') {
      if (pendingPart) { flush(); cur = { title: pendingPart, kind: 'part', key: '', paras: [] }; }
      pendingPart = h.line;
      continue;
    }
    let title = h.line;
    // "CHAPTER I." over a separate short title line ("Down the Rabbit-Hole"): one title.
    const next = paras[i + 1];
    if (h.bare && h.kind === 'chapter' && next && next.lines.length === 1 && !heads[i + 1] && isTitleLine(next.lines[0]!)) {
      title = `${title}${/[.:]$/.test(title) ? ' ' : ': '}${next.lines[0]!.trim()}`;
      i++;
    }
    if (pendingPart) { title = `${pendingPart} \u2014 ${title}`; pendingPart = null; }
    flush();
    cur = { title, kind: h.kind, key: h.key, paras: [] };
  }
  if (pendingPart) { flush(); cur = { title: pendingPart, kind: 'part', key: '', paras: [] }; }
  flush();
  if (!parts.length) parts.push({ title: '', kind: 'whole', paras: [] });
  return { parts, detected, found };
}

// A heading paragraph is one line, or a chapter line whose long title wrapped onto a second line
// ("CHAPTER 56. Of the Less Erroneous Pictures of Whales, and the True" / "Pictures of Whaling Scenes.").
function headingOf(p: Para): Heading | null {
  if (p.lines.length === 1) return classifyHeading(p.lines[0]!);
  if (p.lines.length !== 2) return null;
  const h = classifyHeading(p.lines[0]!);
  if (!h || h.kind !== 'chapter' || h.bare || /^\s/.test(p.lines[1]!)) return null;
  const line = `${h.line} ${p.lines[1]!.trim()}`;
  return line.length <= 140 ? { ...h, line } : null;
}

function isTitleLine(raw: string): boolean {
  const l = raw.trim();
  if (l.length > 60 || /^\s/.test(raw)) return false;
  if (/^["'\u2018\u201c(]/.test(l) || /^[a-z]/.test(l)) return false;
  return !/[.!?,;:"'\u201d\u2019]$/.test(l) || l === l.toUpperCase();
}
