// The app's commands: the core registry's Command over the store's state and the section a command acts on.
import type { Command, CommandRegistry } from '../../core/commands/registry';
import type { AppState } from '../../app/store';

export interface CommandContext {
  state: AppState;
  /** The section a per-section command acts on: the button's own, else the focused section, else the first. */
  sectionId: string | null;
}

export type AppCommand = Command<CommandContext>;
export type AppRegistry = CommandRegistry<CommandContext>;

/** The section the palette and the keyboard act on: the focused one, else the document's first. */
export function targetSection(state: AppState): string | null {
  const f = state.focusedSectionId;
  if (f && state.sections[f]) return f;
  return state.doc?.sectionIds[0] ?? null;
}

export function commandContext(state: AppState, sectionId?: string | null): CommandContext {
  return { state, sectionId: sectionId === undefined ? targetSection(state) : sectionId };
}

/**
 * In a shared document: a section a collaborator's browser is generating into, or that its Write all will still
 * write. Commands that have a model change the section's text (generate, fit, revise) wait for it here as in every
 * other browser, or two browsers would write the same text at once (see features/collab: the generation lock).
 */
export function heldByCollaborator(state: AppState, sectionId: string | null): boolean {
  const c = state.collab;
  if (!c || !sectionId) return false;
  return !!c.locks[sectionId] || !!c.job?.sections.includes(sectionId);
}
