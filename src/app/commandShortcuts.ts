// Every shortcut the command registry holds, known before its chunks are there: a key press that is one of these,
// made before the registry has loaded, is held until it has (App, useCommandShortcuts). app/commands.test.ts
// checks this list against the registry, so a command given a new key must be listed here too.
import { paletteCommand } from '../features/commands';
import { revisionShortcuts } from '../features/revision';

export const COMMAND_SHORTCUTS: readonly string[] = [paletteCommand.shortcut!, ...revisionShortcuts];
