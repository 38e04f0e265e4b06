// Ids are random, not sequential, so two tabs or an import never collide.
export function newId(prefix = ''): string {
  const c = globalThis.crypto;
  const id = c?.randomUUID ? c.randomUUID() : Math.random().toString(36).slice(2) + Date.now().toString(36);
  return prefix ? `${prefix}_${id}` : id;
}
