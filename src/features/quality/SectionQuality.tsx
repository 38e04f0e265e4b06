// Placeholder slot: the feature team replaces this with the real component.
export function SectionQuality(_props: { sectionId: string }) {
  return null;
}
