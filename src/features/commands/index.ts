// Commands: the app's command type, the hook buttons use to read their command, the one shortcut handler and the
// palette. The registry itself is composed by src/app/commands.ts from the commands each feature exports.
export type { AppCommand, AppRegistry, CommandContext } from './types';
export { commandContext, targetSection } from './types';
export { useCommand } from './useCommand';
export { useCommandShortcuts } from './shortcuts';
export { CommandPalette } from './CommandPalette';
export { paletteCommand } from './paletteCommand';
