// Placeholder slot: the feature team replaces this with the real component.
export function SectionGenerationControls(_props: { sectionId: string }) {
  return null;
}
