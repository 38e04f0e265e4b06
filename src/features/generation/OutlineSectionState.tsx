// Placeholder slot: the generation team shows each section's queue state (queued, streaming, done, failed) here.
export function OutlineSectionState(_props: { sectionId: string }) {
  return null;
}
