// A button reads its command's definition: the label it shows (its accessible name), whether it is enabled
// and what it runs come from the same object the registry, the keyboard and the palette use.
import { useCallback } from 'react';
import { useStore } from '../../app/store';
import { commandContext, type AppCommand } from './types';

export interface UseCommand {
  label: string;
  shortcut?: string;
  enabled: boolean;
  /** Runs the command when enabled (a disabled command never runs); `input` is what only the button knows. */
  run(input?: unknown): boolean;
}

export function useCommand(command: AppCommand, sectionId?: string | null): UseCommand {
  const enabled = useStore((s) => {
    try { return command.enabled(commandContext(s, sectionId)); } catch { return false; }
  });
  const run = useCallback((input?: unknown) => {
    const ctx = commandContext(useStore.getState(), sectionId);
    let ok = false;
    try { ok = command.enabled(ctx); } catch { ok = false; }
    if (!ok) return false;
    const out = command.run(ctx, input);
    if (out && typeof (out as Promise<unknown>).catch === 'function') {
      (out as Promise<unknown>).catch((e: Error) => useStore.getState().notify(e.message, { tone: 'error' }));
    }
    return true;
  }, [command, sectionId]);
  return { label: command.label, shortcut: command.shortcut, enabled, run };
}
