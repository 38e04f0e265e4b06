// The one catalog of revision commands. Menus, the command palette and keyboard shortcuts all read this list,
// so a preset is added or renamed in one place. Instructions follow CoEdIT's phrasing: short imperative
// task instructions are what instruction-tuned editors respond to best.

export type PresetGroup = 'tone';

export interface RevisionPreset {
  id: string;
  /** Menu item name (also its accessible name). */
  label: string;
  /** The `Instruction:` line sent to the model; '' for the custom preset (the writer types it). */
  instruction: string;
  /** ProseMirror/TipTap key name, e.g. "Mod-Alt-g". */
  shortcut?: string;
  /** Presets with a group live in a submenu ("Change tone"). */
  group?: PresetGroup;
}

export const CUSTOM_PRESET_ID = 'custom';

// Shortcuts use Mod-Alt-<letter>. Mod-Alt-0…6 are TipTap's paragraph/heading keys and Mod-Alt-c its code
// block, so digits are out; letters that browsers or desktops take with Ctrl/Cmd+Alt (devtools i/j/c/u,
// Chrome b/l, macOS h/m/w/d, Linux t/l/d) are avoided too — see the clash test.
export const REVISION_PRESETS: readonly RevisionPreset[] = [
  { id: 'fix-grammar', label: 'Fix grammar', instruction: 'Fix the grammar', shortcut: 'Mod-Alt-g' },
  { id: 'make-clearer', label: 'Make clearer', instruction: 'Rewrite this more clearly', shortcut: 'Mod-Alt-k' },
  { id: 'simplify', label: 'Simplify', instruction: 'Make this simpler', shortcut: 'Mod-Alt-s' },
  { id: 'improve-flow', label: 'Improve flow', instruction: 'Make the text more coherent', shortcut: 'Mod-Alt-o' },
  { id: 'more-formal', label: 'More formal', instruction: 'Write this more formally', shortcut: 'Mod-Alt-y' },
  { id: 'more-neutral', label: 'More neutral', instruction: 'Remove non-neutral points of view', shortcut: 'Mod-Alt-n' },
  { id: 'paraphrase', label: 'Paraphrase', instruction: 'Paraphrase this', shortcut: 'Mod-Alt-p' },
  { id: 'shorten', label: 'Shorten', instruction: 'Make this shorter; keep the meaning', shortcut: 'Mod-Alt-x' },
  { id: 'expand', label: 'Expand', instruction: 'Expand this with more detail; keep the meaning', shortcut: 'Mod-Alt-v' },
  { id: 'tone-friendlier', label: 'Friendlier', instruction: 'Make this friendlier', group: 'tone' },
  { id: 'tone-confident', label: 'More confident', instruction: 'Make this sound more confident', group: 'tone' },
  { id: 'tone-academic', label: 'More academic', instruction: 'Write this in a more academic tone', group: 'tone' },
  { id: 'tone-casual', label: 'More casual', instruction: 'Make this more casual', group: 'tone' },
  { id: CUSTOM_PRESET_ID, label: 'Custom instruction…', instruction: '', shortcut: 'Mod-Alt-q' },
];

export const TONE_MENU_LABEL = 'Change tone';

/** Opens the Revise menu at the selection (R for Revise; kept out of the preset letters on purpose). */
export const REVISE_MENU_SHORTCUT = 'Mod-Alt-r';
/** Opens the command palette with the same commands. Not Mod-Alt, so it never shadows a preset. */
export const PALETTE_SHORTCUT = 'Mod-k';

/** "Mod-Alt-s" → "Ctrl+Alt+S" (or "⌘⌥S" on a Mac) for menu hints. */
export function shortcutLabel(shortcut: string, mac = false): string {
  const parts = shortcut.split('-');
  const key = parts.pop()!.toUpperCase();
  const names = mac ? { Mod: '⌘', Alt: '⌥', Shift: '⇧', Ctrl: '⌃' } : { Mod: 'Ctrl', Alt: 'Alt', Shift: 'Shift', Ctrl: 'Ctrl' };
  const mods = parts.map((p) => names[p as keyof typeof names] ?? p);
  return mac ? [...mods, key].join('') : [...mods, key].join('+');
}

/** Presets shown directly in the Revise menu (the tone presets sit in the "Change tone" submenu). */
export function topLevelPresets(): RevisionPreset[] {
  return REVISION_PRESETS.filter((p) => !p.group);
}

export function presetsInGroup(group: PresetGroup): RevisionPreset[] {
  return REVISION_PRESETS.filter((p) => p.group === group);
}

export function findPreset(id: string): RevisionPreset | undefined {
  return REVISION_PRESETS.find((p) => p.id === id);
}

export function findPresetByShortcut(shortcut: string): RevisionPreset | undefined {
  const key = shortcut.toLowerCase();
  return REVISION_PRESETS.find((p) => p.shortcut?.toLowerCase() === key);
}
