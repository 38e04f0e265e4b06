// Commands: the app's command type, the hook buttons use to read their command, the one shortcut handler and the
// palette. The registry itself is composed by src/app/commands.ts from the commands each feature exports.
import { lazy } from 'react';

export type { AppCommand, AppRegistry, CommandContext } from './types';
export { commandContext, heldByCollaborator, targetSection } from './types';
export { useCommand } from './useCommand';
export { useCommandShortcuts } from './shortcuts';
// The palette's UI loads when it first opens (render it inside Suspense, only while open).
export const CommandPalette = lazy(() => import('./CommandPalette').then((m) => ({ default: m.CommandPalette })));
export { paletteCommand } from './paletteCommand';
