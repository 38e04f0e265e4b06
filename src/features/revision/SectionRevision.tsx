// Placeholder slot: the feature team replaces this with the real component.
export function SectionRevision(_props: { sectionId: string }) {
  return null;
}
