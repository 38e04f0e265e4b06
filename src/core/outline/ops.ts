// Pure outline operations on the ordered list of section ids. Stores call these; nothing here mutates.

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return list.slice();
  const next = list.slice();
  const [item] = next.splice(from, 1);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, item as T);
  return next;
}

export function insertAt<T>(list: readonly T[], index: number, item: T): T[] {
  const next = list.slice();
  next.splice(Math.max(0, Math.min(index, next.length)), 0, item);
  return next;
}

export function removeItem<T>(list: readonly T[], item: T): { list: T[]; index: number } {
  const index = list.indexOf(item);
  if (index < 0) return { list: list.slice(), index: -1 };
  return { list: [...list.slice(0, index), ...list.slice(index + 1)], index };
}
