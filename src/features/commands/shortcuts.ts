// The one keydown handler for command shortcuts: it asks the registry which command a key press is and runs it
// on the target section. Installed once by the app (capture phase, so a section editor never sees a key that
// is a command).
import { useEffect } from 'react';
import { matchesShortcut, type KeyLike } from '../../core/commands/registry';
import { useStore } from '../../app/store';
import { commandContext, type AppRegistry } from './types';

function inSectionEditor(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.isContentEditable && !!target.closest('.ProseMirror');
}

/** Whether the key press is a command's: run it (or, disabled in the editor, swallow it). false: not ours, left alone. */
function claims(registry: AppRegistry, e: KeyLike, target: EventTarget | null): false | (() => void) {
  const command = registry.byKey(e);
  if (!command) return false;
  if (command.editorOnly && !inSectionEditor(target)) return false;
  const ctx = commandContext(useStore.getState());
  const enabled = registry.isEnabled(command.id, ctx);
  // A disabled chord that belongs to the editor is still ours (it must not type or format); a global one
  // that does nothing now (Mod-K with no document) is left to the browser.
  if (!enabled && !command.editorOnly) return false;
  return () => registry.run(command.id, ctx);
}

/**
 * `registry` null: not loaded yet (it is its own chunk, requested after the first keystroke). Until then a key
 * press that is one of `early.shortcuts` (every shortcut the registry will hold) is kept from the page and the
 * editor, `early.load()` is asked for the registry, and the key press is handled once it is there, in order.
 * Any other key goes on as usual.
 */
export function useCommandShortcuts(registry: AppRegistry | null, early: { shortcuts: readonly string[]; load(): Promise<AppRegistry> }): void {
  const { shortcuts, load } = early;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (registry) {
        const run = claims(registry, e, e.target);
        if (!run) return;
        e.preventDefault();
        e.stopPropagation();
        run();
        return;
      }
      if (!shortcuts.some((s) => matchesShortcut(s, e))) return;
      // Held: whether it runs, or is swallowed as a disabled editor chord, is the registry's call. A global
      // chord found disabled then (Mod-K before any document is open) has lost the browser's own action.
      e.preventDefault();
      e.stopPropagation();
      const key: KeyLike = { key: e.key, code: e.code, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey };
      const target = e.target;
      load().then((loaded) => { const run = claims(loaded, key, target); if (run) run(); }, () => { /* a stale deployment: no shortcuts */ });
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [registry, shortcuts, load]);
}
