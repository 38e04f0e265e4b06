// The one keydown handler for command shortcuts: it asks the registry which command a key press is and runs it
// on the target section. Installed once by the app (capture phase, so a section editor never sees a key that
// is a command).
import { useEffect } from 'react';
import { useStore } from '../../app/store';
import { commandContext, type AppRegistry } from './types';

function inSectionEditor(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.isContentEditable && !!target.closest('.ProseMirror');
}

/** `registry` null: not loaded yet (it is its own chunk), no shortcut is handled. */
export function useCommandShortcuts(registry: AppRegistry | null): void {
  useEffect(() => {
    if (!registry) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const command = registry.byKey(e);
      if (!command) return;
      if (command.editorOnly && !inSectionEditor(e.target)) return;
      const ctx = commandContext(useStore.getState());
      const enabled = registry.isEnabled(command.id, ctx);
      // A disabled chord that belongs to the editor is still ours (it must not type or format); a global one
      // that does nothing now (Mod-K with no document) is left to the browser.
      if (!enabled && !command.editorOnly) return;
      e.preventDefault();
      e.stopPropagation();
      registry.run(command.id, ctx);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [registry]);
}
