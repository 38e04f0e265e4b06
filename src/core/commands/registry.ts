// The command registry: every action a writer can take (Generate section, Stop, Write all, Plan outline, Fit to
// target, each revision preset, Settings…) is defined once — id, label, shortcut, when it is enabled, what it
// runs. Buttons, the keyboard and the command palette all read the same definition, so a label, a shortcut or
// an enabling rule changes in one place. Pure: the context type is the caller's (the app passes its store
// state and the target section).

export interface Command<Ctx> {
  id: string;
  /** The button's and the palette option's name (its accessible name: tests and screen readers rely on it). */
  label: string;
  /** TipTap-style key name: "Mod-k", "Mod-Alt-g" (Mod is Ctrl, or ⌘ on a Mac). */
  shortcut?: string;
  /** The shortcut only fires while typing in a section editor (keys that act on its selection). */
  editorOnly?: boolean;
  /** Listed in the command palette (default true; the palette's own toggle is not). */
  palette?: boolean;
  /** Extra words the palette's filter matches besides the label. */
  keywords?: string;
  enabled(ctx: Ctx): boolean;
  /** `input` carries what a button knows and the palette does not (Write all's mode, Fit's Auto). */
  run(ctx: Ctx, input?: unknown): unknown;
}

/** The fields of a KeyboardEvent a shortcut is matched on. */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface CommandRegistry<Ctx> {
  readonly all: readonly Command<Ctx>[];
  get(id: string): Command<Ctx> | undefined;
  /** The command whose shortcut this key press is, if any. */
  byKey(e: KeyLike): Command<Ctx> | undefined;
  /** Palette options whose label (or keywords) contain every word of the query: label matches first, each in registry order. */
  filter(query: string): Command<Ctx>[];
  isEnabled(id: string, ctx: Ctx): boolean;
  /** Runs the command if it exists and is enabled; false otherwise (a disabled command never runs). */
  run(id: string, ctx: Ctx, input?: unknown): boolean;
}

interface Chord { mod: boolean; ctrl: boolean; alt: boolean; shift: boolean; key: string }

export function parseShortcut(shortcut: string): Chord {
  const parts = shortcut.split('-');
  const key = parts.pop()!.toLowerCase();
  const has = (m: string) => parts.some((p) => p.toLowerCase() === m);
  return { mod: has('mod'), ctrl: has('ctrl'), alt: has('alt'), shift: has('shift'), key };
}

/** Same chord whatever the order of its modifiers: "Alt-Mod-G" ≡ "Mod-Alt-g". */
export function canonicalShortcut(shortcut: string): string {
  const c = parseShortcut(shortcut);
  return [c.mod && 'mod', c.ctrl && 'ctrl', c.alt && 'alt', c.shift && 'shift', c.key].filter(Boolean).join('-');
}

export function matchesShortcut(shortcut: string, e: KeyLike): boolean {
  return matchesChord(parseShortcut(shortcut), e);
}

function matchesChord(c: Chord, e: KeyLike): boolean {
  // Mod accepts Ctrl or ⌘, so one definition serves every platform (the palette always took both).
  const modDown = e.ctrlKey || e.metaKey;
  if (c.mod || c.ctrl) { if (!modDown) return false; } else if (modDown) return false;
  if (c.ctrl && !c.mod && !e.ctrlKey) return false;
  if (c.alt !== e.altKey || c.shift !== e.shiftKey) return false;
  if (e.key.toLowerCase() === c.key) return true;
  // With Alt (⌥ on a Mac) the key's character changes (⌥G is "©"); the physical key does not.
  if (/^[a-z]$/.test(c.key)) return e.code === `Key${c.key.toUpperCase()}`;
  if (/^[0-9]$/.test(c.key)) return e.code === `Digit${c.key}`;
  return false;
}

export function createRegistry<Ctx>(commands: readonly Command<Ctx>[]): CommandRegistry<Ctx> {
  const byId = new Map<string, Command<Ctx>>();
  const keys = new Map<string, string>();
  for (const c of commands) {
    if (byId.has(c.id)) throw new Error(`Duplicate command id: ${c.id}`);
    byId.set(c.id, c);
    if (!c.shortcut) continue;
    const k = canonicalShortcut(c.shortcut);
    const other = keys.get(k);
    if (other) throw new Error(`Shortcut ${c.shortcut} is taken by both ${other} and ${c.id}`);
    keys.set(k, c.id);
  }
  const chords = commands.flatMap((c) => (c.shortcut ? [[c, parseShortcut(c.shortcut)] as const] : []));
  const safeEnabled = (c: Command<Ctx>, ctx: Ctx) => { try { return c.enabled(ctx); } catch { return false; } };
  return {
    all: commands,
    get: (id) => byId.get(id),
    // Every keystroke asks: the chords are parsed once, here, not per key press.
    byKey: (e) => chords.find(([, chord]) => matchesChord(chord, e))?.[0],
    filter(query) {
      const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
      const listed = commands.filter((c) => c.palette !== false);
      const has = (text: string) => words.every((w) => text.toLowerCase().includes(w));
      // Commands named by the query first, then those only its keywords match ("gen" → Generate section
      // before Write all, whose keywords say "generate").
      const byLabel = listed.filter((c) => has(c.label));
      return [...byLabel, ...listed.filter((c) => !byLabel.includes(c) && has(`${c.label} ${c.keywords ?? ''}`))];
    },
    isEnabled(id, ctx) {
      const c = byId.get(id);
      return !!c && safeEnabled(c, ctx);
    },
    run(id, ctx, input) {
      const c = byId.get(id);
      if (!c || !safeEnabled(c, ctx)) return false;
      const out = c.run(ctx, input);
      // A failing command reports itself (notices, the section's error line); an unhandled rejection helps no one.
      if (out && typeof (out as Promise<unknown>).catch === 'function') (out as Promise<unknown>).catch(() => undefined);
      return true;
    },
  };
}
