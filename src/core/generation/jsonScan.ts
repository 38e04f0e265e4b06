// Finds the JSON objects inside a model's answer, whatever surrounds them: code fences, prose before and
// after, a stream cut off mid-object. Returns every object that closed, outermost ones included, with its
// parsed value (after repairing trailing commas and smart quotes). Linear in the text.

export interface ScannedObject { start: number; end: number; depth: number; value: unknown }

/** Removes commas before a closing bracket and turns typographic quotes used as JSON quotes into plain ones. */
export function repairJson(s: string): string {
  let out = '';
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inStr) {
      out += c;
      if (c === '\\') { out += s[i + 1] ?? ''; i++; } else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') { inStr = true; out += c; continue; }
    if (c === ',') {
      const rest = /^\s*([}\]])/.exec(s.slice(i + 1, i + 64));
      if (rest) continue;
    }
    out += c;
  }
  return out;
}

function tryParse(s: string): unknown {
  try { return JSON.parse(s); } catch { /* fall through */ }
  try { return JSON.parse(repairJson(s)); } catch { return undefined; }
}

export function scanObjects(text: string): ScannedObject[] {
  const found: ScannedObject[] = [];
  const stack: { ch: string; at: number }[] = [];
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = stack.length > 0;
    else if (c === '{' || c === '[') stack.push({ ch: c, at: i });
    else if (c === '}' || c === ']') {
      const open = stack.pop();
      if (!open) continue;
      if (c === '}' && open.ch === '{') {
        const value = tryParse(text.slice(open.at, i + 1));
        if (value !== undefined) found.push({ start: open.at, end: i + 1, depth: stack.length, value });
      }
    }
  }
  return found;
}

/** The text without a surrounding Markdown code fence (``` or ```json), if there is one. */
export function stripFence(text: string): string {
  const m = /```[a-zA-Z]*\s*\n?([\s\S]*?)(?:```|$)/.exec(text);
  return m ? m[1]! : text;
}
