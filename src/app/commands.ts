// The command registry, composed once: each feature exports its command definitions through its index.ts
// (label, shortcut, when enabled, what it runs) and the app gathers them. The keyboard handler and the command
// palette read this registry; each button reads its own command's definition, the same object listed here.
import { createRegistry } from '../core/commands/registry';
import { paletteCommand, type AppRegistry } from '../features/commands';
import { generationCommands } from '../features/generation';
import { qualityCommands } from '../features/quality';
import { revisionCommands } from '../features/revision';
import { settingsCommands } from '../features/settings';
import { bibleCommands } from '../features/bible';

export const commands: AppRegistry = createRegistry([
  ...generationCommands,
  ...qualityCommands,
  ...revisionCommands,
  ...settingsCommands,
  ...bibleCommands,
  paletteCommand,
]);
