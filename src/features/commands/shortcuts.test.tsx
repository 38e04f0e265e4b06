// @vitest-environment jsdom
// Command shortcuts before the registry has loaded (its chunks come after the first keystroke): a key press that
// is a command's is held and runs once the registry is there; any other key press goes on untouched.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/preact';
import { unmountAll } from '../../testing/ui';
import { createRegistry } from '../../core/commands/registry';
import { useCommandShortcuts } from './shortcuts';
import type { AppCommand, AppRegistry } from './types';

afterEach(unmountAll);

const press = (init: KeyboardEventInit) => {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  document.body.dispatchEvent(e);
  return e;
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

describe('useCommandShortcuts before the registry is there', () => {
  it('holds a command chord, asks for the registry and runs the command once it arrives', async () => {
    const ran: string[] = [];
    const command: AppCommand = { id: 'palette', label: 'Palette', shortcut: 'Mod-k', enabled: () => true, run: () => { ran.push('palette'); } };
    const registry: AppRegistry = createRegistry([command]);
    const chunk = deferred<AppRegistry>();
    const load = vi.fn(() => chunk.promise);
    renderHook(() => useCommandShortcuts(null, { shortcuts: ['Mod-k'], load }));

    const held = press({ key: 'k', code: 'KeyK', ctrlKey: true });
    expect(held.defaultPrevented).toBe(true);
    expect(load).toHaveBeenCalledTimes(1);
    expect(ran).toEqual([]);

    // Not a command's key: the editor and the browser keep it, and nothing is requested for it.
    const bold = press({ key: 'b', code: 'KeyB', ctrlKey: true });
    expect(bold.defaultPrevented).toBe(false);
    const letter = press({ key: 'k', code: 'KeyK' });
    expect(letter.defaultPrevented).toBe(false);
    expect(load).toHaveBeenCalledTimes(1);

    chunk.resolve(registry);
    await vi.waitFor(() => expect(ran).toEqual(['palette']));
  });

  it('once the registry is there, runs a chord at once', () => {
    const ran: string[] = [];
    const registry: AppRegistry = createRegistry([{ id: 'palette', label: 'Palette', shortcut: 'Mod-k', enabled: () => true, run: () => { ran.push('palette'); } }]);
    const load = vi.fn(() => Promise.resolve(registry));
    renderHook(() => useCommandShortcuts(registry, { shortcuts: ['Mod-k'], load }));
    expect(press({ key: 'k', code: 'KeyK', metaKey: true }).defaultPrevented).toBe(true);
    expect(ran).toEqual(['palette']);
    expect(load).not.toHaveBeenCalled();
  });
});
