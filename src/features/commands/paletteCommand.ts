// Ctrl/⌘+K toggles the palette while a document is open. Kept out of the palette's own list.
import type { AppCommand } from './types';

export const paletteCommand: AppCommand = {
  id: 'command-palette', label: 'Command palette', shortcut: 'Mod-k', palette: false,
  enabled: ({ state }) => !!state.doc,
  run: ({ state }) => state.setPaletteOpen(!state.paletteOpen),
};
