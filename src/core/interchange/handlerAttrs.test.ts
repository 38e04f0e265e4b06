import { describe, expect, it } from 'vitest';
import { HANDLER_MARK, neutralizeHandlerAttrs, restoreHandlerMarks } from './handlerAttrs';

// What an HTML tokenizer would call an attribute name starting with "on", in every separator form.
const attrsOnLike = (html: string) => [...html.matchAll(/[\t\n\f\r "'/]on[a-z]*/gi)].map((m) => m[0]);

describe('neutralizeHandlerAttrs', () => {
  it.each([
    '<img src=x onerror=alert(1)>', '<p ONCLICK="x">', '<img/onerror=x>', '<a href="x"onclick=y>', "<a href='x'onmouseover=y>",
    '<p\tonclick=x>', '<p\nonclick=x>', '<p\fonclick=x>', '<details open ontoggle=x>', '<svg><g/onload=x>',
    '<style><p title="</style><img src=x onerror=y>">',
  ])('leaves no attribute that starts with "on": %j', (html) => {
    expect(attrsOnLike(html).length).toBeGreaterThan(0);
    const out = neutralizeHandlerAttrs(html);
    expect(attrsOnLike(out)).toEqual([]);
    // In a real parser too (jsdom is not needed: the tokenizer rule above is what the marker defeats).
    expect(out.split(HANDLER_MARK).join('')).toBe(html);
  });
  it('is undone on every string of the parsed result', () => {
    const html = '<p title="once upon">Once, on "one" online /on</p>';
    const marked = neutralizeHandlerAttrs(html);
    expect(marked).not.toBe(html);
    const json = { type: 'doc', content: [{ type: 'paragraph', attrs: { title: 'o\ue000nce upo\ue000n' }, content: [{ type: 'text', text: 'Once, o\ue000n "o\ue000ne" o\ue000nline /o\ue000n', marks: [{ type: 'link', attrs: { href: '/o\ue000n' } }] }] }] };
    expect(JSON.stringify(restoreHandlerMarks(json))).not.toContain('\ue000');
    expect(restoreHandlerMarks(json).content[0]!.content[0]!.text).toBe('Once, on "one" online /on');
  });
  it('leaves text without tags, and text that already holds the marker, alone', () => {
    expect(neutralizeHandlerAttrs('once upon a time')).toBe('once upon a time');
    expect(neutralizeHandlerAttrs(`<p onclick=x>${HANDLER_MARK}</p>`)).toBe(`<p onclick=x>${HANDLER_MARK}</p>`);
  });
});
