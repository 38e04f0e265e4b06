// Settings' command: the top bar's button and the command palette open the same dialog.
import type { AppCommand } from '../commands';

export const settingsCommand: AppCommand = {
  id: 'settings', label: 'Settings', keywords: 'providers models keys',
  enabled: () => true,
  run: ({ state }) => state.setSettingsOpen(true),
};

export const settingsCommands: readonly AppCommand[] = [settingsCommand];
