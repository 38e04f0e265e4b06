// Placeholder slot: the quality team replaces this (region "Document stats").
export function StatsView() {
  return null;
}
