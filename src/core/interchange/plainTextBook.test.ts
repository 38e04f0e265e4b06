import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyHeading, parsePlainTextBook, summarizePlainTextBook, type TextSplit } from './plainTextBook';
import { decodeTextFile } from './decodeText';
import { docPlainText } from './richDoc';
import { countWords } from '../wordCount';

const para = 'It was a dark and stormy night; the rain fell in torrents, except at\noccasional intervals, when it was checked by a violent gust of wind.';

describe('classifyHeading', () => {
  it.each([
    ['CHAPTER I', 'chapter'], ['CHAPTER 1.', 'chapter'], ['Chapter 12', 'chapter'], ['Chapter Twelve', 'chapter'],
    ['CHAPTER 1. Loomings.', 'chapter'], ['Chapter Twenty-One', 'chapter'], ['Chapter 3: The Ball', 'chapter'],
    ['IV. The Storm', 'numbered'], ['12. Homecoming', 'numbered'],
    ['PART ONE', 'part'], ['BOOK II', 'part'], ['Book the Second', 'part'], ['Part 2', 'part'],
    ['ETYMOLOGY.', 'matter'], ['EXTRACTS (Supplied by a Sub-Sub-Librarian).', 'matter'], ['Epilogue', 'matter'],
  ])('%s is a %s heading', (line, kind) => {
    expect(classifyHeading(line)?.kind).toBe(kind);
  });
  it.each([
    'Chapter 12 was the hardest to write.', 'chapter 3', '1851', '1851.', '1851. The year it came out.',
    'Book the tickets early', 'I. A Fast-Fish belongs to the party fast to it, and so on, and so forth, until',
    'In the chapter 12 we saw', 'Partly cloudy',
  ])('%s is not a heading', (line) => {
    expect(classifyHeading(line)).toBeNull();
  });
});

describe('parsePlainTextBook', () => {
  it('splits at each form, keeps the opening text as an untitled first section', () => {
    const text = ['Title page text', '', 'CHAPTER I', '', para, '', 'Chapter 2.', '', para, '', 'Chapter Three', '', para,
      '', 'CHAPTER 4. Loomings.', '', para].join('\n');
    const book = parsePlainTextBook(text);
    expect(book.detected).toBe('chapter');
    expect(book.sections.map((s) => s.title)).toEqual(['', 'CHAPTER I', 'Chapter 2.', 'Chapter Three', 'CHAPTER 4. Loomings.']);
    expect(book.sections[0]!.kind).toBe('opening');
    expect(book.sections[0]!.words).toBe(3);
  });

  it('numbered titles ("IV. The Storm") split when there is no CHAPTER form', () => {
    const book = parsePlainTextBook(['I. The Calm', '', para, '', 'II. The Storm', '', para].join('\n'));
    expect(book.detected).toBe('numbered');
    expect(book.sections.map((s) => s.title)).toEqual(['I. The Calm', 'II. The Storm']);
  });

  it('"Chapter" mid-sentence, a year on its own line and a table of contents do not split', () => {
    const text = ['Contents', 'Chapter 1', 'Chapter 2', '', 'CHAPTER 1', '', 'Chapter 12 was the hardest to write, she said.', '', '1851', '', para].join('\n');
    const book = parsePlainTextBook(text);
    expect(book.sections.map((s) => s.title)).toEqual(['', 'CHAPTER 1']);
    expect(docPlainText(book.sections[1]!.doc)).toContain('Chapter 12 was the hardest');
    expect(docPlainText(book.sections[1]!.doc)).toContain('1851');
  });

  it('part headings prefix the next chapter title, or stand alone when text follows them', () => {
    const text = ['BOOK ONE', '', 'CHAPTER I', '', para, '', 'Book the Second', '', 'A note on the second book.', '', 'CHAPTER II', '', para].join('\n');
    const book = parsePlainTextBook(text);
    expect(book.sections.map((s) => s.title)).toEqual(['BOOK ONE \u2014 CHAPTER I', 'Book the Second', 'CHAPTER II']);
  });

  it('joins hard-wrapped lines; blank lines separate paragraphs; dashes across a wrap join without a space', () => {
    const book = parsePlainTextBook('CHAPTER 1\n\nThe pale Usher--\nthreadbare in coat, heart,\nbody.\n\nSecond paragraph.\n', 'auto');
    const doc = book.sections[0]!.doc;
    expect(doc.content).toHaveLength(2);
    expect(docPlainText(doc)).toBe('The pale Usher--threadbare in coat, heart, body.\n\nSecond paragraph.');
  });

  it('indented blocks stay prose in a quote, with their lines, never a code block; "* * *" is a scene break', () => {
    const book = parsePlainTextBook('CHAPTER 1\n\nDear Sir,\n\n    My dear sister,\n    I write in haste.\n\n          * * * * *\n\nAfter.', 'auto');
    const types = book.sections[0]!.doc.content!.map((n) => n.type);
    expect(types).toEqual(['paragraph', 'blockquote', 'horizontalRule', 'paragraph']);
    expect(JSON.stringify(book.sections[0]!.doc)).not.toContain('codeBlock');
    expect(JSON.stringify(book.sections[0]!.doc.content![1])).toContain('hardBreak');
  });

  it('"no split" gives one section with everything', () => {
    const book = parsePlainTextBook('Intro\n\nCHAPTER 1\n\nText.', 'none');
    expect(book.sections).toHaveLength(1);
    expect(docPlainText(book.sections[0]!.doc)).toContain('CHAPTER 1');
  });
});

describe('decodeTextFile', () => {
  it('reads UTF-8 with a BOM and CRLF', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Caf\u00e9\r\nline two\rthree')]);
    expect(decodeTextFile(bytes)).toEqual({ text: 'Caf\u00e9\nline two\nthree', encoding: 'utf-8' });
  });
  it('reads a file that is not valid UTF-8 as Windows-1252', () => {
    // "Café “quoted” – done" in Windows-1252
    const bytes = new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x64]);
    expect(decodeTextFile(bytes)).toEqual({ text: 'Caf\u00e9 \u201cq\u201d \u2013 d', encoding: 'windows-1252' });
  });
});

// Same places the bench looks: LONGHAND_CORPUS, ../shared/corpus beside the repository, the workplace copy.
const root = resolve(__dirname, '../../..');
const corpus = [process.env.LONGHAND_CORPUS, join(root, '..', 'shared', 'corpus'), '/work/shared/corpus']
  .find((d): d is string => !!d && existsSync(join(d, 'moby-dick.txt'))) ?? '';
const HEADING_LINE = /^\s*(CHAPTER \d+\..*|Chapter \d+|ETYMOLOGY\.|EXTRACTS.*|Epilogue)\s*$/;

describe.skipIf(!existsSync(`${corpus}/moby-dick.txt`))('corpus', () => {
  const check = (name: string) => {
    const bytes = readFileSync(`${corpus}/${name}`);
    const t0 = performance.now();
    const { text } = decodeTextFile(bytes);
    const book = parsePlainTextBook(text);
    const ms = performance.now() - t0;
    const total = book.sections.reduce((n, s) => n + s.words, 0);
    const reference = countWords(text.split('\n').filter((l) => !HEADING_LINE.test(l)).join('\n'));
    return { book, ms, total, reference, size: bytes.length };
  };
  it('Moby-Dick: Etymology, Extracts, 135 chapters and the Epilogue', () => {
    const { book, ms, total, reference, size } = check('moby-dick.txt');
    const chapters = book.sections.filter((s) => s.kind === 'chapter');
    expect(chapters).toHaveLength(135);
    expect(chapters[0]!.title).toBe('CHAPTER 1. Loomings.');
    expect(book.sections.map((s) => s.title).filter((t) => !t.startsWith('CHAPTER')))
      .toEqual(['ETYMOLOGY.', 'EXTRACTS (Supplied by a Sub-Sub-Librarian).', 'Epilogue']);
    expect(Math.abs(total - reference) / reference).toBeLessThan(0.005);
    console.log(`moby-dick.txt ${(size / 1e6).toFixed(2)} MB: ${book.sections.length} sections, ${total} words (reference ${reference}), parsed and counted in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000 * (process.env.CI_SLOW ? 3 : 1.5));
  });
  it('Pride and Prejudice: the opening section and one per "Chapter N" heading in the file', () => {
    const { book, ms, total, reference } = check('pride-and-prejudice.txt');
    // This copy starts inside chapter 1 and has no "Chapter 1"/"Chapter 2" lines: 59 headings (3–61).
    expect(book.sections[0]!.kind).toBe('opening');
    expect(book.sections.filter((s) => s.kind === 'chapter')).toHaveLength(59);
    expect(book.sections.at(-1)!.title).toBe('Chapter 61');
    expect(Math.abs(total - reference) / reference).toBeLessThan(0.005);
    console.log(`pride-and-prejudice.txt: ${book.sections.length} sections, ${total} words (reference ${reference}) in ${ms.toFixed(0)} ms`);
  });
  // The preview shows summarizePlainTextBook (no editor JSON); "Import" stores parsePlainTextBook. They must agree
  // on every title, kind and word count, or the preview would promise something the import does not give.
  it.each(['moby-dick.txt', 'pride-and-prejudice.txt'])('%s: the preview summary matches the full parse for every split', (name) => {
    const { text } = decodeTextFile(readFileSync(`${corpus}/${name}`));
    for (const split of ['auto', 'chapter', 'numbered', 'none'] as TextSplit[]) {
      const full = parsePlainTextBook(text, split);
      const summary = summarizePlainTextBook(text, split);
      expect(summary.detected).toBe(full.detected);
      expect(summary.found).toEqual(full.found);
      expect(summary.sections).toEqual(full.sections.map(({ title, kind, words }) => ({ title, kind, words })));
    }
  });
});

describe('summarizePlainTextBook', () => {
  it.each([
    ['CHAPTER 1\n\nThe pale Usher--\nthreadbare in coat, heart,\nbody.\n\nSecond paragraph.\n'],
    ['CHAPTER 1\n\nDear Sir,\n\n    My dear sister,\n    I write in haste.\n\n          * * * * *\n\nAfter.'],
    ['Intro\n\nPART ONE\n\nCHAPTER I.\n\nDown the Hole\n\nText\u2014\nmore - text. well-\nknown\n\nBOOK II\n\nBOOK III\n\nx'],
    [''], ['I. The Calm\n\nA b.\n\nII. The Storm\n\nC d e.'],
  ])('agrees with the full parse on %j', (text) => {
    for (const split of ['auto', 'chapter', 'numbered', 'none'] as TextSplit[]) {
      expect(summarizePlainTextBook(text, split).sections)
        .toEqual(parsePlainTextBook(text, split).sections.map(({ title, kind, words }) => ({ title, kind, words })));
    }
  });
});
