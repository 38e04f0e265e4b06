// Placeholder slot: the generation team replaces this (Plan outline, Write all, progress).
export function DocumentGenerationBar() {
  return null;
}
