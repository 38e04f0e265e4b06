// The one link policy for everything that enters or leaves a document: only http:, https:, mailto: and
// relative URLs (paths, "#fragment", "?query") are links. Anything else (javascript:, vbscript:, data:, file:,
// unknown schemes) is not a link at all: the mark is dropped and its text stays as plain text. Checked where
// content enters (Markdown parse, import, paste, model output, revisions, stored documents) and again at export.

const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

/** The href as it may be stored, or null when it must not be a link. */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:", " javascript:"), and
  // decode entities in attributes: normalise the way a URL parser would before looking at the scheme.
  const href = raw.trim();
  if (!href) return null;
  const probe = decodeEntities(href).replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]+/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(probe);
  if (!scheme) {
    // "//host/path" is protocol-relative (http or https) and "\\" is treated like "/" by browsers: fine.
    // A colon before any "/", "?" or "#" that did not form a scheme ("1:x", "%6Aavascript:") is rejected
    // rather than guessed at.
    const firstColon = probe.indexOf(':');
    if (firstColon >= 0) {
      const beforeColon = probe.slice(0, firstColon);
      if (!/[/?#]/.test(beforeColon)) return null;
    }
    return href;
  }
  return ALLOWED.has(`${scheme[1]}:`) ? href : null;
}

export function isSafeHref(raw: unknown): boolean {
  return safeHref(raw) !== null;
}

function decodeEntities(s: string): string {
  if (!s.includes('&') && !s.includes('%')) return s;
  let out = s.replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16) || 0x20))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d) || 0x20))
    .replace(/&(tab|newline|colon);/gi, (_, n: string) => ({ tab: '\t', newline: '\n', colon: ':' })[n.toLowerCase() as 'tab'] ?? '');
  // A percent-encoded scheme is not decoded by browsers, but a stored "%6Aavascript:" is suspicious enough.
  try { out = decodeURIComponent(out); } catch { /* malformed escapes: keep as is */ }
  return out;
}

/** Minimal shape of editor JSON (ProseMirror's toJSON) so core code can walk it without importing the editor. */
export interface JsonNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: JsonNode[];
  [key: string]: unknown;
}

/**
 * Editor JSON with every unsafe link mark removed (the text stays) and every safe one stripped of attributes that
 * could carry script. Returns the same object when nothing changed, so callers can cheaply tell.
 */
export function sanitizeDocLinks<T extends JsonNode>(node: T): T {
  return walk(node) as T;
}

function walk(node: JsonNode): JsonNode {
  let changed = false;
  let marks = node.marks;
  if (marks?.length) {
    const kept: NonNullable<JsonNode['marks']> = [];
    for (const m of marks) {
      if (m.type !== 'link') { kept.push(m); continue; }
      const href = safeHref(m.attrs?.href);
      if (href === null) { changed = true; continue; }
      if (href !== m.attrs?.href) { changed = true; kept.push({ ...m, attrs: { ...m.attrs, href } }); } else kept.push(m);
    }
    if (changed) marks = kept;
  }
  let content = node.content;
  if (content?.length) {
    let innerChanged = false;
    const next = content.map((c) => { const w = walk(c); if (w !== c) innerChanged = true; return w; });
    if (innerChanged) { content = next; changed = true; }
  }
  // Images are not in the schema today; if one arrives with a script URL, drop its source too.
  let attrs = node.attrs;
  if (node.type === 'image' && attrs && safeHref(attrs.src) === null) { attrs = { ...attrs, src: '' }; changed = true; }
  if (!changed) return node;
  const out: JsonNode = { ...node, attrs, content, marks };
  if (!out.marks?.length) delete out.marks;
  if (out.attrs === undefined) delete out.attrs;
  if (out.content === undefined) delete out.content;
  return out;
}

// Spelled out with optional control characters between letters because browsers drop those inside a scheme.
const SEP = '[\\s\\u0000-\\u001f]*';
const DANGEROUS_SCHEME = new RegExp(
  `(?<![a-z0-9+.-])(${['javascript', 'vbscript', 'livescript', 'data'].map((w) => w.split('').join(SEP)).join('|')})${SEP}:`, 'gi');

/**
 * Text (Markdown, HTML or plain) made safe to hand to any renderer with default settings: no autolink, inline
 * link, reference definition or raw HTML attribute can carry a javascript:, vbscript: or data: URL, because a
 * zero-width space goes before the scheme's colon. Backslash escapes and entities would not do: CommonMark
 * decodes both inside link destinations. The visible text is unchanged once rendered.
 */
export function defangSchemes(text: string): string {
  if (!text) return text;
  return text.replace(DANGEROUS_SCHEME, (_m, word: string) => `${word}\u200b:`);
}

/** True when text still holds something a renderer could turn into a dangerous URL (for tests and asserts). */
export function hasDangerousScheme(text: string): boolean {
  DANGEROUS_SCHEME.lastIndex = 0;
  const hit = DANGEROUS_SCHEME.test(text);
  DANGEROUS_SCHEME.lastIndex = 0;
  return hit;
}
