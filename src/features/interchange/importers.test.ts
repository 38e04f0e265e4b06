// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { Packer, Document, Paragraph, TextRun, CommentRangeStart, CommentRangeEnd, CommentReference, ImageRun, HeadingLevel } from 'docx';
import { buildWordDocument } from '../../core/interchange/docxExport';
import { docPlainText } from '../../core/interchange/richDoc';
import { docxToDoc, hasRawHtml, htmlToDoc, markdownSource, readImportFile, richSource, textSource } from './importers';
import { bibleToMarkdown } from '../../core/interchange/bibleMarkdown';
import { XSS_HTML } from './xssPayloads';
import { neutralizeHandlerAttrs } from '../../core/interchange/handlerAttrs';

const toAb = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('HTML import', () => {
  it('keeps nothing executable from a file full of XSS payloads, and headings split sections', async () => {
    (window as unknown as { __xss?: number }).__xss = 0;
    const { doc } = htmlToDoc(`<h1>One</h1><p>safe <a href="https://ok.example">ok</a></p>${XSS_HTML}<h1>Two</h1><p>end</p>`);
    const json = JSON.stringify(doc);
    expect(json).not.toMatch(/javascript|vbscript|data:|onerror|onload|<script/i);
    expect(json).toContain('https://ok.example');
    expect((window as unknown as { __xss?: number }).__xss).toBe(0);
    const split = await richSource('html', 'x.html', htmlToDoc('<h1>One</h1><p>a</p><h1>Two</h1><p>b</p>').doc, []).preview('1');
    expect(split.sections.map((s) => s.title)).toEqual(['One', 'Two']);
  });
});

describe('handler attributes', () => {
  it('no element parsed from the defused payloads has an on* attribute, in a real HTML parser', () => {
    const parsed = new DOMParser().parseFromString(neutralizeHandlerAttrs(XSS_HTML), 'text/html');
    const names = [...parsed.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
    expect(names.filter((n) => /^on/i.test(n))).toEqual([]);
    // Without the pass the same parse has them (the test would notice a pass that did nothing).
    const raw = new DOMParser().parseFromString(XSS_HTML, 'text/html');
    expect([...raw.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => /^on/i.test(n)).length).toBeGreaterThan(0);
  });
});

describe('Word import', () => {
  it('round-trips the Word export: title, Heading 1 sections, marks, lists, quotes', async () => {
    const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });
    const exported = buildWordDocument({ title: 'Storm Book', sections: [
      { title: 'Chapter One', doc: { type: 'doc', content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Bold', marks: [{ type: 'bold' }] }, { type: 'text', text: ' and ' }, { type: 'text', text: 'soft', marks: [{ type: 'italic' }] }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p('item')] }] },
        { type: 'blockquote', content: [p('quoted')] },
      ] } },
      { title: 'Chapter Two', doc: { type: 'doc', content: [p('The end.')] } },
    ] });
    const { doc, title, images, comments } = await docxToDoc(toAb(await Packer.toBuffer(exported)));
    expect(title).toBe('Storm Book');
    expect(images + comments).toBe(0);
    const prev = await richSource('docx', 'x.docx', doc, [], title).preview('1');
    expect(prev.title).toBe('Storm Book');
    expect(prev.sections.map((s) => s.title)).toEqual(['Chapter One', 'Chapter Two']);
    const json = JSON.stringify(prev.sections[0]!.doc);
    for (const t of ['"bold"', '"italic"', '"bulletList"', '"blockquote"']) expect(json).toContain(t);
    expect(docPlainText(prev.sections[1]!.doc)).toBe('The end.');
  });
  it('a damaged or mislabelled .docx is refused in words a writer can act on, not the zip reader\'s', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(readImportFile(new File(['not a zip at all'], 'broken.docx'))).rejects.toThrow(
      /^it is not a Word document \(\.docx\) Longhand can read: the file is damaged, or in another format with a \.docx name\.$/);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
  it('drops images and comments and says how many', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const d = new Document({
      comments: { children: [{ id: 0, author: 'Ed', date: new Date(0), children: [new Paragraph('Cut this?')] }, { id: 1, author: 'Ed', date: new Date(0), children: [new Paragraph('And this.')] }] },
      sections: [{ children: [
        new Paragraph({ text: 'Heading', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ children: [new CommentRangeStart(0), new TextRun('Some text'), new CommentRangeEnd(0), new TextRun({ children: [new CommentReference(0)] })] }),
        new Paragraph({ children: [new CommentRangeStart(1), new TextRun('More'), new CommentRangeEnd(1), new TextRun({ children: [new CommentReference(1)] })] }),
        new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 1, height: 1 } })] }),
      ] }],
    });
    const { doc, images, comments } = await docxToDoc(toAb(await Packer.toBuffer(d)));
    expect(images).toBe(1);
    expect(comments).toBe(2);
    const text = docPlainText(doc);
    expect(text).toContain('Some text');
    expect(text).not.toMatch(/Cut this|And this|\[/);
  });
});

describe('plain-text source', () => {
  it('offers the detected pattern or no split; the import counts with the core counter', async () => {
    const src = await textSource('book.txt', new TextEncoder().encode('Intro\n\nCHAPTER 1\n\nText one.\n\nCHAPTER 2\n\nText two, well-known.'));
    expect(src.defaultSplit).toBe('chapter');
    expect(src.options.map((o) => o.value)).toEqual(['chapter', 'none']);
    expect(src.initial.sections.map((s) => s.title)).toEqual(['', 'CHAPTER 1', 'CHAPTER 2']);
    expect((await src.preview('chapter')).sections.map((s) => s.title)).toEqual(['', 'CHAPTER 1', 'CHAPTER 2']);
    expect((await src.preview('none')).sections).toHaveLength(1);
    const built = await src.build('chapter');
    expect(built.sections.map((s) => [s.title, s.wordCount])).toEqual([['', 1], ['CHAPTER 1', 2], ['CHAPTER 2', 3]]);
  });
});

describe('Markdown source', () => {
  it('sends only HTML-free Markdown to the worker (the worker has no DOM to parse raw HTML with)', () => {
    for (const md of ['a <em>b</em>', '<div>\nx\n</div>', 'x <br/> y', '<!-- c -->', '</p>', '<img src=x onerror=alert(1)>']) expect(hasRawHtml(md), md).toBe(true);
    for (const md of ['a < b > c', '<https://example.com>', '<mailto:a@b.c>', 'plain *text*', '5 <3']) expect(hasRawHtml(md), md).toBe(false);
  });
  it('parses, splits and counts (in the worker in the browser; in-thread here)', async () => {
    const md = '# Book\n\n## One\n\nFirst [bad](javascript:alert(1)) part.\n\n## Two\n\nSecond part here.\n';
    const src = await markdownSource('book.md', new TextEncoder().encode(md).buffer as ArrayBuffer);
    expect(src.defaultSplit).toBe('2');
    expect(src.initial).toEqual({ title: 'Book', sections: [{ title: 'One', words: 3 }, { title: 'Two', words: 3 }] });
    expect((await src.preview('none')).sections).toHaveLength(1);
    const built = await src.build('2');
    expect(built.sections.map((s) => s.wordCount)).toEqual([3, 3]);
    expect(JSON.stringify(built.sections)).not.toContain('javascript');
  });
  it('reads the story bible of a Longhand Markdown export as entries, not as a section', async () => {
    const bible = bibleToMarkdown([{ id: 'b1', kind: 'character', name: 'Elspeth Morrow', aliases: ['Ellie'], description: 'Grey eyes.',
      progressions: [], alwaysInclude: false, createdAt: 0, updatedAt: 0 }], []);
    for (const body of ['## One\n\nFirst part.\n', '## One\n\nFirst <em>part</em>.\n']) {
      const md = `# Book\n\n${body}\n${bible}`;
      const src = await readImportFile(new File([md], 'book.md'));
      expect(src.initial.sections.map((x) => x.title), body).toEqual(['One']);
      expect(src.bible?.map((e) => [e.name, e.aliases]), body).toEqual([['Elspeth Morrow', ['Ellie']]]);
      expect(src.notices.join(' ')).toContain('Story bible: 1 entry');
      src.dispose();
    }
  });
});
