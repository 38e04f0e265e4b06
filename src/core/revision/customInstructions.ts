// Recently used custom instructions, newest first. Writers reuse a handful of house instructions
// ("Use British spelling"), so the list is short, deduplicated and survives as plain data in storage.

export const MAX_RECENT_CUSTOM = 8;

/** Collapses whitespace so the instruction fits on the prompt's single `Instruction:` line. */
export function normalizeInstruction(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function rememberCustom(recent: readonly string[], text: string, max = MAX_RECENT_CUSTOM): string[] {
  const entry = normalizeInstruction(text);
  if (!entry) return recent.slice(0, max);
  const key = entry.toLowerCase();
  const rest = recent.filter((r) => normalizeInstruction(r).toLowerCase() !== key);
  return [entry, ...rest].slice(0, max);
}
