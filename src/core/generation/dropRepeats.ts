// A stream stopped by the loop detector ends with the same unit three times: keep one copy, so the writer
// gets the text up to where it started repeating.
export function dropRepeats(text: string, unit: string): string {
  if (!unit) return text;
  let t = text;
  for (let k = 0; k < 2 && t.endsWith(unit + unit); k++) t = t.slice(0, t.length - unit.length);
  return t;
}
