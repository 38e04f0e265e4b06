import { describe, expect, it } from 'vitest';
import { marked } from 'marked';
import { DANGEROUS_HREFS } from './probes';
import { defangSchemes, hasDangerousScheme, safeHref, sanitizeDocLinks } from './linkSafety';


describe('safeHref', () => {
  it.each(['https://example.com/a?b#c', 'http://x.org', 'mailto:a@b.c', '#notes', '/path/to', 'chapter-2.html', '?q=1', '//cdn.example.com/x', 'a/b:c'])('keeps %s', (h) => {
    expect(safeHref(h)).toBe(h);
  });
  it.each(DANGEROUS_HREFS)('rejects %j', (h) => {
    expect(safeHref(h)).toBeNull();
  });
});

describe('sanitizeDocLinks', () => {
  it('drops unsafe link marks, keeps the text and safe links, and returns the same object when clean', () => {
    const clean = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ok', marks: [{ type: 'link', attrs: { href: 'https://a.b' } }] }] }] };
    expect(sanitizeDocLinks(clean)).toBe(clean);
    const dirty = { type: 'doc', content: [{ type: 'paragraph', content: [
      { type: 'text', text: 'x', marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
      { type: 'text', text: 'y', marks: [{ type: 'link', attrs: { href: 'data:text/html,hi' } }] },
    ] }] };
    const out = sanitizeDocLinks(dirty);
    expect(out.content![0]!.content).toEqual([{ type: 'text', text: 'x', marks: [{ type: 'bold' }] }, { type: 'text', text: 'y' }]);
    expect(JSON.stringify(out)).not.toMatch(/javascript|data:/);
  });
});

describe('defangSchemes', () => {
  it('leaves nothing a default Markdown renderer turns into a dangerous link', () => {
    const md = ['<javascript:alert(1)>', '[x](javascript:alert(1))', '[y](data:text/html;base64,xx)', '[r]: vbscript:x', '[r]', '<a href="javascript:alert(1)">a</a>', 'metadata: stays'].join('\n\n');
    const safe = defangSchemes(md);
    expect(hasDangerousScheme(safe)).toBe(false);
    expect(safe).toContain('metadata: stays');
    const html = marked.parse(safe, { async: false });
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
    expect(hasDangerousScheme(html)).toBe(false);
  });
});
