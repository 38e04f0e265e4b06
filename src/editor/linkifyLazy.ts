// linkifyjs as TipTap's Link extension sees it (vite.config.ts points the extension's `linkifyjs` import here).
// linkify carries the whole TLD table, ≈10 KB gzip of the page's first load, yet the Link extension only calls it
// when the writer types a space after a URL (autolink) or pastes one: never to show a section or take a
// keystroke. So it loads as its own chunk as soon as this module runs in a page, in parallel with the rest of
// the first load, and is called once it is there. Until then (tens of milliseconds after the page starts) a
// typed or pasted URL stays plain text, as any text without a link does; the link mark itself, its parsing and
// its rendering do not need linkify, so the schema and stored documents are untouched.
import type * as Linkify from 'linkifyjs';

// The loaded module, once it is there: a cache of an import, not application state (nothing else writes it).
const loaded: { mod: typeof Linkify | null; protocols: Array<[string, boolean | undefined]>; custom: boolean } = { mod: null, protocols: [], custom: false };

function load(): void {
  void import('linkifyjs').then((mod) => {
    // Protocols registered before linkify arrived (Link's onCreate does it, for its `protocols` option).
    for (const [scheme, optionalSlashes] of loaded.protocols) mod.registerCustomProtocol(scheme, optionalSlashes);
    loaded.custom = loaded.protocols.length > 0;
    loaded.protocols = [];
    loaded.mod = mod;
    // linkify builds its scanner (the TLD table as a state machine) on its first call: ~10 ms, which landed on the
    // writer's first keystroke. An idle moment builds it instead.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => mod.init(), { timeout: 2000 });
  }, () => { /* offline or a stale deployment: URLs stay plain text, as before it loaded */ });
}
// Pages only: the import parser's worker uses the schema, never autolink.
if (typeof document !== 'undefined') load();

export const find: typeof Linkify.find = ((...args: Parameters<typeof Linkify.find>) =>
  loaded.mod ? loaded.mod.find(...args) : []) as typeof Linkify.find;

export const tokenize = (str: string): ReturnType<typeof Linkify.tokenize> => (loaded.mod ? loaded.mod.tokenize(str) : []);

export const registerCustomProtocol: typeof Linkify.registerCustomProtocol = (scheme, optionalSlashes) => {
  if (loaded.mod) { loaded.mod.registerCustomProtocol(scheme, optionalSlashes); loaded.custom = true; }
  else loaded.protocols.push([scheme, optionalSlashes]);
};

// linkify's own reset returns its fresh state; the Link extension (onDestroy) ignores it. The Link extension
// resets linkify whenever an editor goes (its custom protocols with it), and every section editor scrolled far out
// of view goes: the next keystroke then rebuilt the scanner. Longhand registers no custom protocol, so there is
// nothing to reset unless one was registered.
export const reset = (): void => {
  loaded.protocols = [];
  if (!loaded.custom) return;
  loaded.custom = false;
  loaded.mod?.reset();
};
