// The composed registry: every action the issue lists is there once, under the names the buttons carry, and no
// two commands share a shortcut or take one of TipTap's own keys.
import { describe, expect, it } from 'vitest';
import { commands } from './commands';
import { canonicalShortcut } from '../core/commands/registry';
import { commandContext } from '../features/commands';
import { useStore } from './store';

const TIPTAP = [
  'Mod-b', 'Mod-i', 'Mod-u', 'Mod-e', 'Mod-z', 'Mod-y', 'Shift-Mod-z', 'Mod-a', 'Mod-Enter', 'Shift-Enter',
  'Mod-Shift-s', 'Mod-Shift-b', 'Mod-Shift-7', 'Mod-Shift-8', 'Mod-Shift-9', 'Mod-Alt-c',
  'Mod-Alt-0', 'Mod-Alt-1', 'Mod-Alt-2', 'Mod-Alt-3', 'Mod-Alt-4', 'Mod-Alt-5', 'Mod-Alt-6',
].map(canonicalShortcut);

describe('the app command registry', () => {
  it('holds each action once, named as its button is', () => {
    const labels = commands.all.map((c) => c.label);
    for (const name of ['Generate section', 'Stop', 'Write all', 'Plan outline', 'Fit to target', 'Settings', 'Fix grammar', 'More neutral', 'Change tone: Friendlier', 'Custom instruction…']) {
      expect(labels, name).toContain(name);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('keeps the existing shortcuts, none on a TipTap key', () => {
    const keys = commands.all.flatMap((c) => (c.shortcut ? [canonicalShortcut(c.shortcut)] : []));
    expect(keys).toEqual(expect.arrayContaining(['mod-k', 'mod-alt-r', 'mod-alt-g', 'mod-alt-q']));
    for (const k of keys) expect(TIPTAP, k).not.toContain(k);
    expect(commands.byKey({ key: 'k', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false })?.id).toBe('command-palette');
  });

  it('enables by state: no document, nothing runs but Settings', () => {
    const ctx = commandContext(useStore.getState());
    expect(ctx.sectionId).toBeNull();
    const enabled = commands.all.filter((c) => commands.isEnabled(c.id, ctx)).map((c) => c.id);
    expect(enabled).toEqual(['settings']);
    expect(commands.run('generate-section', ctx)).toBe(false);
  });

  it('filters the palette by name', () => {
    expect(commands.filter('gen')[0]?.label).toBe('Generate section');
    expect(commands.filter('neutral').map((c) => c.label)).toEqual(['More neutral']);
    expect(commands.filter('palette')).toEqual([]);
  });
});
