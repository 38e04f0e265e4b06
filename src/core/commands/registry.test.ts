import { describe, expect, it, vi } from 'vitest';
import { canonicalShortcut, createRegistry, matchesShortcut, type Command, type KeyLike } from './registry';

interface Ctx { busy: boolean; section: string | null }

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike =>
  ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

function commands(log: string[]): Command<Ctx>[] {
  return [
    { id: 'generate', label: 'Generate section', enabled: (c) => !!c.section && !c.busy, run: (c) => log.push(`gen ${c.section}`) },
    { id: 'stop', label: 'Stop', enabled: (c) => c.busy, run: () => log.push('stop') },
    { id: 'simplify', label: 'Simplify', shortcut: 'Mod-Alt-s', editorOnly: true, enabled: () => true, run: () => log.push('simplify') },
    { id: 'palette', label: 'Command palette', shortcut: 'Mod-k', palette: false, enabled: () => true, run: () => log.push('palette') },
    { id: 'tone', label: 'Change tone: Friendlier', keywords: 'warm', enabled: () => true, run: () => log.push('tone') },
  ];
}

describe('command registry', () => {
  it('runs an enabled command and refuses a disabled one', () => {
    const log: string[] = [];
    const r = createRegistry(commands(log));
    expect(r.isEnabled('generate', { busy: false, section: 's1' })).toBe(true);
    expect(r.run('generate', { busy: false, section: 's1' })).toBe(true);
    expect(r.isEnabled('stop', { busy: false, section: 's1' })).toBe(false);
    expect(r.run('stop', { busy: false, section: 's1' })).toBe(false);
    expect(r.run('generate', { busy: false, section: null })).toBe(false);
    expect(r.run('nope', { busy: false, section: null })).toBe(false);
    expect(log).toEqual(['gen s1']);
  });

  it('treats a throwing enabled() as disabled and swallows a rejected run', async () => {
    const run = vi.fn(() => Promise.reject(new Error('boom')));
    const r = createRegistry<Ctx>([
      { id: 'a', label: 'A', enabled: () => { throw new Error('no state'); }, run },
      { id: 'b', label: 'B', enabled: () => true, run },
    ]);
    expect(r.run('a', { busy: false, section: null })).toBe(false);
    expect(r.run('b', { busy: false, section: null })).toBe(true);
    await Promise.resolve();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('rejects duplicate ids and clashing shortcuts at build time', () => {
    const c = (id: string, shortcut?: string): Command<Ctx> => ({ id, label: id, shortcut, enabled: () => true, run: () => undefined });
    expect(() => createRegistry([c('a'), c('a')])).toThrow(/Duplicate command id: a/);
    expect(() => createRegistry([c('a', 'Mod-Alt-g'), c('b', 'Alt-Mod-G')])).toThrow(/taken by both a and b/);
    expect(() => createRegistry([c('a', 'Mod-Alt-g'), c('b', 'Mod-g')])).not.toThrow();
  });

  it('matches shortcuts: Mod is Ctrl or ⌘, modifiers exact, Alt-changed characters by physical key', () => {
    expect(matchesShortcut('Mod-k', key('k', { ctrlKey: true }))).toBe(true);
    expect(matchesShortcut('Mod-k', key('K', { metaKey: true }))).toBe(true);
    expect(matchesShortcut('Mod-k', key('k'))).toBe(false);
    expect(matchesShortcut('Mod-k', key('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesShortcut('Mod-k', key('k', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(matchesShortcut('Mod-Alt-g', key('©', { metaKey: true, altKey: true, code: 'KeyG' }))).toBe(true);
    expect(matchesShortcut('Mod-Alt-g', key('g', { ctrlKey: true }))).toBe(false);
    expect(matchesShortcut('k', key('k', { ctrlKey: true }))).toBe(false);
    expect(canonicalShortcut('Alt-Mod-G')).toBe(canonicalShortcut('Mod-Alt-g'));
  });

  it('finds the command for a key press', () => {
    const r = createRegistry(commands([]));
    expect(r.byKey(key('s', { ctrlKey: true, altKey: true }))?.id).toBe('simplify');
    expect(r.byKey(key('k', { metaKey: true }))?.id).toBe('palette');
    expect(r.byKey(key('s', { ctrlKey: true }))).toBeUndefined();
  });

  it('filters palette options by every word of the query, case-insensitively, in registry order', () => {
    const r = createRegistry(commands([]));
    expect(r.filter('').map((c) => c.id)).toEqual(['generate', 'stop', 'simplify', 'tone']);
    expect(r.filter('gen').map((c) => c.label)).toEqual(['Generate section']);
    expect(r.filter('SECTION gen').map((c) => c.id)).toEqual(['generate']);
    expect(r.filter('warm').map((c) => c.id)).toEqual(['tone']);
    // Named by the query before matched only by keywords.
    expect(createRegistry<Ctx>([
      { id: 'all', label: 'Write all', keywords: 'generate', enabled: () => true, run: () => undefined },
      { id: 'gen', label: 'Generate section', enabled: () => true, run: () => undefined },
    ]).filter('gen').map((c) => c.id)).toEqual(['gen', 'all']);
    expect(r.filter('palette')).toEqual([]);
    expect(r.filter('zzz')).toEqual([]);
  });
});
