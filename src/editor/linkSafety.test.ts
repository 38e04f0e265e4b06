// @vitest-environment jsdom
// Issue 15, part 3: the dangerous-link probes kept as tests. Every entry point: Markdown parse (import, model
// output, revisions all convert through markdownToDoc), paste, content set by commands, and the Markdown export.
import { afterEach, describe, expect, it } from 'vitest';
import { Editor, type JSONContent } from '@tiptap/core';
import { marked } from 'marked';
import { baseExtensions } from './extensions';
import { docToMarkdown, markdownToDoc } from './markdown';
import { documentToMarkdown } from '../core/markdown/exportMarkdown';
import { hasDangerousScheme, sanitizeDocLinks } from '../core/interchange/linkSafety';
import { DANGEROUS_HREFS } from '../core/interchange/probes';

const editors: Editor[] = [];
afterEach(() => { editors.splice(0).forEach((e) => e.destroy()); });
function makeEditor(content: JSONContent | string = '') {
  const editor = new Editor({ element: document.createElement('div'), extensions: baseExtensions(), content });
  editors.push(editor);
  return editor;
}

/** Markdown payloads a model answer, an imported file or a revision could carry. */
export const MARKDOWN_PAYLOADS = [
  ...DANGEROUS_HREFS.map((h) => `[click](${h.includes(' ') || h.includes('<') ? `<${h}>` : h})`),
  '<javascript:alert(1)>', '<vbscript:msgbox(1)>', '<data:text/html,hi>',
  '[ref][1]\n\n[1]: javascript:alert(1)', '![img](javascript:alert(1))', '[a](javascript:alert(1) "title")',
  '<a href="javascript:alert(1)">raw</a>', '<img src=x onerror=alert(1)>', '<script>alert(1)</script>',
  '[x](  javascript:alert(1)  )', '[x](java%0ascript:alert(1))', '**[bold](javascript:alert(1))**',
];

const hrefsOf = (doc: unknown): string[] => [...JSON.stringify(doc).matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]!);
const dangerous = (h: string) => /^\s*(javascript|vbscript|livescript|data|file|blob|filesystem)/i.test(h.replace(/[\u0000-\u0020]/g, '')) || /script|data:/i.test(h);

describe('links entering through Markdown (import, model output, revisions)', () => {
  it.each(MARKDOWN_PAYLOADS)('%j leaves no dangerous link in the document or in the exported Markdown', (payload) => {
    const doc = markdownToDoc(`Before ${payload} after, and [safe](https://example.com).`);
    expect(hrefsOf(doc).filter(dangerous)).toEqual([]);
    expect(hrefsOf(doc)).toContain('https://example.com');
    const file = documentToMarkdown('Probe', [{ title: 'One', markdown: docToMarkdown(doc) }]);
    expect(hasDangerousScheme(file)).toBe(false);
    const html = marked.parse(file, { async: false });
    expect(html).not.toMatch(/(href|src)\s*=\s*"?\s*(javascript|vbscript|data):/i);
    // A tag with a handler (escaped text such as "&lt;img onerror=…&gt;" is harmless and may stay).
    expect(html).not.toMatch(/<script|<[a-z][^>]*\son\w+\s*=/i);
  });
});

describe('links entering the live editor', () => {
  it('a stored document with an old javascript: link is never rendered live, and is cleaned as it loads', () => {
    const stored = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] };
    const editor = makeEditor(stored);
    expect(editor.view.dom.innerHTML).not.toMatch(/javascript:/);
    // What loadContent (src/app/workspace.ts) hands the editor:
    expect(hrefsOf(sanitizeDocLinks(stored))).toEqual([]);
  });
  it('a link mark inserted by a command with a data: URL is removed before the state is saved', () => {
    const editor = makeEditor('<p>start</p>');
    editor.commands.insertContent({ type: 'text', text: 'y', marks: [{ type: 'link', attrs: { href: 'data:text/html,x' } }] });
    editor.commands.insertContent({ type: 'text', text: 'z', marks: [{ type: 'link', attrs: { href: 'https://fine.example' } }] });
    expect(hrefsOf(editor.getJSON())).toEqual(['https://fine.example']);
    expect(editor.getText()).toContain('yz');
  });
  it('pasted HTML with script links, handlers and data URLs keeps only the text', () => {
    const editor = makeEditor('');
    editor.commands.insertContent('<p><a href="javascript:alert(1)">a</a> <a href="vbscript:x">b</a> <a href="https://ok.example">c</a> <a href="data:text/html,x">d</a></p>');
    const json = editor.getJSON();
    expect(hrefsOf(json)).toEqual(['https://ok.example']);
    expect(editor.getText()).toContain('a b c d');
    expect(editor.view.dom.innerHTML).not.toMatch(/javascript:|vbscript:|data:|onerror/);
  });
  it('setLink with a javascript: URL is refused or removed', () => {
    const editor = makeEditor('<p>text</p>');
    editor.commands.selectAll();
    editor.commands.setLink({ href: 'javascript:alert(1)' });
    expect(hrefsOf(editor.getJSON()).filter(dangerous)).toEqual([]);
  });
});
