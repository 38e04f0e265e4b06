import { describe, expect, it } from 'vitest';
import { Packer } from 'docx';
import mammoth from 'mammoth';
import JSZip from 'jszip';
import { buildManuscript, buildWordDocument, manuscriptWordCount, surnameOf, type ExportDoc } from './docxExport';
import type { JsonNode } from './linkSafety';

const t = (text: string, marks?: string[]): JsonNode => (marks ? { type: 'text', text, marks: marks.map((type) => ({ type })) } : { type: 'text', text });
const p = (...c: JsonNode[]): JsonNode => ({ type: 'paragraph', content: c });
const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

const sample: ExportDoc = {
  title: 'The Storm', authorName: 'Ada M. Byron', contactLines: '12 Road\nLondon\nada@example.com',
  sections: [
    { title: 'Chapter One', doc: { type: 'doc', content: [
      p(t('Plain, '), t('bold', ['bold']), t(' and '), t('soft', ['italic']), t('. '), { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] }, t(' '), { type: 'text', text: 'bad', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }),
      { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('one'))] }, { type: 'listItem', content: [p(t('two'))] }] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [p(t('first'))] }] },
      { type: 'blockquote', content: [p(t('A quoted line.'))] },
      { type: 'horizontalRule' },
      p(t(words(1180))),
    ] } },
    { title: 'Chapter Two', doc: { type: 'doc', content: [p(t('The end of it.'))] } },
  ],
};

async function xml(doc: Parameters<typeof Packer.toBuffer>[0]) {
  const buf = await Packer.toBuffer(doc);
  const zip = await JSZip.loadAsync(buf);
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  return { buf, document: await read('word/document.xml'), styles: await read('word/styles.xml'), zip, read };
}

describe('Word (.docx) export', () => {
  it('reads back with a title, one Heading 1 per section, marks, lists and quotes', async () => {
    const { buf } = await xml(buildWordDocument(sample));
    const { value: html } = await mammoth.convertToHtml({ buffer: buf }, { styleMap: ["p[style-name='Quote'] => blockquote > p:fresh"] });
    expect(html.match(/<h1>/g)).toHaveLength(2);
    expect(html).toContain('<h1>Chapter One</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>soft</em>');
    expect(html).toContain('<a href="https://example.com">link</a>');
    expect(html).not.toMatch(/javascript/);
    expect(html).toMatch(/<ul><li>one<\/li><li>two<\/li><\/ul>/);
    expect(html).toMatch(/<ol><li>first<\/li><\/ol>/);
    expect(html).toContain('<blockquote><p>A quoted line.</p></blockquote>');
  });
});

describe('Manuscript format (.docx)', () => {
  it('Courier New 12, double spaced, no space between paragraphs, 1-inch margins, 0.5-inch first-line indent', async () => {
    const { document, styles } = await xml(buildManuscript(sample));
    expect(styles).toMatch(/<w:rFonts w:ascii="Courier New"/);
    expect(styles).toMatch(/<w:sz w:val="24"\/>/);
    const defaults = /<w:pPrDefault>.*?<\/w:pPrDefault>/.exec(styles)![0];
    expect(defaults).toContain('w:line="480"');
    expect(defaults).toContain('w:before="0"');
    expect(defaults).toContain('w:after="0"');
    expect(document).toMatch(/<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/);
    expect(document).toMatch(/<w:ind w:firstLine="720"\/>/);
  });
  it('Times New Roman when chosen', async () => {
    const { styles } = await xml(buildManuscript(sample, 'Times New Roman'));
    expect(styles).toMatch(/<w:rFonts w:ascii="Times New Roman"/);
  });
  it('title page without a header, then "Surname / TITLE / page" from page 2', async () => {
    const { document, zip, read } = await xml(buildManuscript(sample));
    expect(document).toContain('<w:titlePg/>');
    const headerNames = Object.keys(zip.files).filter((f) => /word\/header\d+\.xml/.test(f));
    const headers = await Promise.all(headerNames.map(read));
    const running = headers.find((h) => h.includes('Byron / THE STORM / '));
    expect(running).toBeDefined();
    expect(running).toMatch(/PAGE/);
    expect(headers.some((h) => !h.includes('Byron'))).toBe(true);
  });
  it('contact block, word count rounded to the nearest hundred, centred title; chapters on new pages; "#" scene breaks', async () => {
    expect(manuscriptWordCount(sample)).toBe(1200);
    const { buf, document } = await xml(buildManuscript(sample));
    const { value: text } = await mammoth.extractRawText({ buffer: buf });
    expect(text).toMatch(/^Ada M\. Byron\tabout 1,200 words/);
    for (const l of ['12 Road', 'London', 'ada@example.com', 'The Storm', 'by Ada M. Byron', 'Chapter One', 'Chapter Two', '#', 'END']) expect(text).toContain(l);
    expect(document.match(/<w:pageBreakBefore\/>/g)).toHaveLength(2);
    expect(document).toMatch(/<w:jc w:val="center"\/><\/w:pPr><w:r><w:t xml:space="preserve">#<\/w:t>/);
    expect(document).not.toMatch(/javascript/);
  });
  it('surname from the author name', () => {
    expect(surnameOf('Ada M. Byron')).toBe('Byron');
    expect(surnameOf('John Smith Jr.')).toBe('Smith');
  });
});
