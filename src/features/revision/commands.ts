// Revision's commands: one per preset (the catalog in src/core/revision/presets.ts gives ids, names,
// instructions and shortcuts) plus the Revise menu's key. The preset shortcuts act on the focused section's
// selection, else the paragraph at the cursor; from the palette, the same, or the whole section when neither.
import { heldByCollaborator, type AppCommand, type CommandContext } from '../commands';
import { CUSTOM_PRESET_ID, REVISE_MENU_SHORTCUT, REVISION_PRESETS, TONE_MENU_LABEL } from '../../core/revision/presets';
import { getEditor } from '../../editor/registry';

// The revision service (with Markdown conversion) loads on the first revision, not with the page.
const serviceModule = () => import('./service');
const passageModule = () => import('./passage');

const canRevise = ({ state, sectionId }: CommandContext) => {
  const section = sectionId ? state.sections[sectionId] : undefined;
  return !!section && !state.readOnlyReason && !section.streaming && !state.proposals[sectionId!] && !heldByCollaborator(state, sectionId);
};

const scopeOf = (sectionId: string) => (getEditor(sectionId)?.state.selection.empty ?? true ? 'section' : 'selection');

export const presetCommands: readonly AppCommand[] = REVISION_PRESETS.map((p): AppCommand => ({
  id: `revise-${p.id}`,
  label: p.group === 'tone' ? `${TONE_MENU_LABEL}: ${p.label}` : p.label,
  shortcut: p.shortcut,
  editorOnly: true,
  keywords: 'revise',
  enabled: canRevise,
  run: async ({ state, sectionId }) => {
    const id = sectionId!;
    // Custom opens the Revise menu's instruction box (at the selection, or the section's menu).
    if (p.id === CUSTOM_PRESET_ID) return state.requestMenu(id, scopeOf(id), true);
    const [{ proposeRevision }, { commandRange }] = await Promise.all([serviceModule(), passageModule()]);
    const editor = getEditor(id);
    const range = editor ? commandRange(editor.state) : null;
    return proposeRevision(id, { instruction: p.instruction, label: p.label, range: range ?? 'section' });
  },
}));

export const reviseMenuCommand: AppCommand = {
  id: 'revise-menu', label: 'Open the Revise menu', shortcut: REVISE_MENU_SHORTCUT, editorOnly: true, palette: false,
  enabled: canRevise,
  run: ({ state, sectionId }) => state.requestMenu(sectionId!, scopeOf(sectionId!)),
};

export const revisionCommands: readonly AppCommand[] = [...presetCommands, reviseMenuCommand];
