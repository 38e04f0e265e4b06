// Placeholder slot: the quality team replaces this (document-wide and periodic checklist items).
export function DocumentChecklist() {
  return null;
}
