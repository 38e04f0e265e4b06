// Untrusted HTML without event-handler attributes, before any browser parser sees it. Chromium checks the page's
// CSP (script-src-attr) as soon as an element gets an on* attribute, even in an inert document (DOMParser,
// createHTMLDocument, <template>): the handler never runs there, but each one files a CSP report, and parsing
// the payload at all is what issue 15 asked to stop. An HTML tokenizer starts an attribute name only after
// whitespace, "/" or a closing quote, so a marker put between the "o" and "n" of every "on" in those places
// means no attribute name can ever begin with "on". That over-approximates on purpose (text such as ' once'
// is marked too); `restoreHandlerMarks` takes the marker out of every string of the parsed result, so text,
// titles and URLs come back exactly as they were.
import type { JsonNode } from './linkSafety';

/** A private-use character: never meaningful in prose. */
export const HANDLER_MARK = '\ue000';
const ATTR_START = /([\t\n\f\r "'/])(o)(n)/gi;

/** Puts the marker into every place an on* attribute could start. Input that already holds the marker (it could
 *  not be told apart afterwards) is returned as it is: the sanitizers after this still drop any handler. */
export function neutralizeHandlerAttrs(html: string): string {
  if (!html.includes('<') || html.includes(HANDLER_MARK)) return html;
  return html.replace(ATTR_START, `$1$2${HANDLER_MARK}$3`);
}

export function unmark(s: string): string {
  return s.includes(HANDLER_MARK) ? s.split(HANDLER_MARK).join('') : s;
}

/** Every string in editor JSON (text, attributes, marks' attributes) without the marker. */
export function restoreHandlerMarks<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return unmark(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

export type { JsonNode };
