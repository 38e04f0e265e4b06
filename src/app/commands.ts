// The command registry, composed once: each feature exports its command definitions through its index.ts
// (label, shortcut, when enabled, what it runs) and the app gathers them. The keyboard handler and the command
// palette read this registry; each button reads its own command's definition, the same object listed here.
// The definitions load after the page's first load (App requests them as it starts; see there).
import { createRegistry } from '../core/commands/registry';
import { paletteCommand, type AppRegistry } from '../features/commands';
import { loadGenerationCommands } from '../features/generation';
import { loadQualityCommands } from '../features/quality';
import { loadRevisionCommands } from '../features/revision';
import { loadSettingsCommands } from '../features/settings';
import { loadBibleCommands } from '../features/bible';

export async function loadCommands(): Promise<AppRegistry> {
  const [generation, quality, revision, settings, bible] = await Promise.all([
    loadGenerationCommands(), loadQualityCommands(), loadRevisionCommands(), loadSettingsCommands(), loadBibleCommands(),
  ]);
  return createRegistry([...generation, ...quality, ...revision, ...settings, ...bible, paletteCommand]);
}
