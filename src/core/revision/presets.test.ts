import { describe, expect, it } from 'vitest';
import {
  CUSTOM_PRESET_ID, PALETTE_SHORTCUT, REVISE_MENU_SHORTCUT, REVISION_PRESETS, findPreset, findPresetByShortcut,
  presetsInGroup, shortcutLabel, topLevelPresets,
} from './presets';

// Keys bound by TipTap 3 StarterKit and its marks/nodes (collected from node_modules/@tiptap/*/dist), plus the
// browser/desktop chords a writer cannot give up (devtools, bookmarks, downloads, lock screen, terminal).
const TIPTAP = [
  'Mod-b', 'Mod-i', 'Mod-u', 'Mod-e', 'Mod-z', 'Mod-y', 'Shift-Mod-z', 'Mod-a', 'Mod-Enter', 'Shift-Enter',
  'Mod-Shift-s', 'Mod-Shift-b', 'Mod-Shift-7', 'Mod-Shift-8', 'Mod-Shift-9', 'Mod-Alt-c',
  'Mod-Alt-0', 'Mod-Alt-1', 'Mod-Alt-2', 'Mod-Alt-3', 'Mod-Alt-4', 'Mod-Alt-5', 'Mod-Alt-6',
];
// 'r' is kept for the Revise menu itself (REVISE_MENU_SHORTCUT).
const RESERVED = ['b', 'c', 'd', 'e', 'f', 'h', 'i', 'j', 'l', 'm', 'r', 't', 'u', 'w'].map((k) => `Mod-Alt-${k}`);

const canonical = (key: string) => key.split('-').map((p) => p.toLowerCase()).sort().join('-');

describe('revision preset catalog', () => {
  it('names the menu items exactly as the accessibility contract lists them, in menu order', () => {
    expect(topLevelPresets().map((p) => p.label)).toEqual([
      'Fix grammar', 'Make clearer', 'Simplify', 'Improve flow', 'More formal', 'More neutral', 'Paraphrase',
      'Shorten', 'Expand', 'Custom instruction…',
    ]);
  });

  it('uses the CoEdIT instructions for the core presets', () => {
    const instr = (id: string) => findPreset(id)?.instruction;
    expect(instr('fix-grammar')).toBe('Fix the grammar');
    expect(instr('make-clearer')).toBe('Rewrite this more clearly');
    expect(instr('simplify')).toBe('Make this simpler');
    expect(instr('improve-flow')).toBe('Make the text more coherent');
    expect(instr('more-formal')).toBe('Write this more formally');
    expect(instr('more-neutral')).toBe('Remove non-neutral points of view');
    expect(instr('paraphrase')).toBe('Paraphrase this');
  });

  it('has a Change tone submenu with several tones', () => {
    const tones = presetsInGroup('tone');
    expect(tones.length).toBeGreaterThanOrEqual(4);
    expect(tones.map((t) => t.label)).toContain('Friendlier');
    expect(tones.every((t) => t.instruction.length > 0 && !t.shortcut)).toBe(true);
  });

  it('has unique ids and labels, and one-line instructions for every preset but Custom', () => {
    expect(new Set(REVISION_PRESETS.map((p) => p.id)).size).toBe(REVISION_PRESETS.length);
    expect(new Set(REVISION_PRESETS.map((p) => p.label)).size).toBe(REVISION_PRESETS.length);
    for (const p of REVISION_PRESETS) {
      if (p.id === CUSTOM_PRESET_ID) expect(p.instruction).toBe('');
      else expect(p.instruction).toMatch(/^[^\n]+$/);
    }
  });

  it('gives shortcuts that are unique and clash with no TipTap default or reserved chord', () => {
    const keys = REVISION_PRESETS.flatMap((p) => (p.shortcut ? [canonical(p.shortcut)] : []));
    expect(keys.length).toBeGreaterThanOrEqual(9);
    expect(new Set(keys).size).toBe(keys.length);
    const taken = new Set([...TIPTAP, ...RESERVED].map(canonical));
    for (const k of keys) expect(taken.has(k), k).toBe(false);
    for (const p of REVISION_PRESETS) if (p.shortcut) expect(p.shortcut).toMatch(/^Mod-Alt-[a-z]$/);
  });

  it('finds presets by id and by shortcut, case-insensitively for the key', () => {
    expect(findPreset('simplify')?.label).toBe('Simplify');
    expect(findPreset('nope')).toBeUndefined();
    expect(findPresetByShortcut('Mod-Alt-G')?.id).toBe('fix-grammar');
    expect(findPresetByShortcut('Mod-Alt-1')).toBeUndefined();
  });

  it('keeps the menu and palette shortcuts apart from every preset and TipTap default', () => {
    const taken = new Set([...TIPTAP, ...REVISION_PRESETS.flatMap((p) => (p.shortcut ? [p.shortcut] : []))].map(canonical));
    expect(taken.has(canonical(REVISE_MENU_SHORTCUT))).toBe(false);
    expect(taken.has(canonical(PALETTE_SHORTCUT))).toBe(false);
    expect(findPresetByShortcut(REVISE_MENU_SHORTCUT)).toBeUndefined();
  });

  it('labels shortcuts for menus', () => {
    expect(shortcutLabel('Mod-Alt-s')).toBe('Ctrl+Alt+S');
    expect(shortcutLabel('Mod-Alt-s', true)).toBe('⌘⌥S');
    expect(shortcutLabel('Mod-k')).toBe('Ctrl+K');
  });
});
