// Deleting a section is immediate and undoable: the section and its text stay in storage until the undo
// window is gone (the record is only marked deleted).
import { useStore } from '../../app/store';

export function deleteSectionWithUndo(sectionId: string): void {
  const s = useStore.getState();
  const name = s.sections[sectionId]?.title.trim() || 'Untitled section';
  s.deleteSection(sectionId);
  s.notify(`Deleted section “${name}”.`, { undo: () => useStore.getState().undoDelete() });
}
