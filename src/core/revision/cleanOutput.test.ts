import { describe, expect, it } from 'vitest';
import { cleanRevisionOutput } from './cleanOutput';

describe('cleanRevisionOutput', () => {
  it('leaves a clean answer alone, including inner paragraph breaks and marks', () => {
    const t = 'The **whale** rose.\n\nIt fell *hard*.';
    expect(cleanRevisionOutput(t)).toBe(t);
    expect(cleanRevisionOutput(`\n  ${t}\n\n`)).toBe(t);
  });

  it('strips preambles models add', () => {
    expect(cleanRevisionOutput('Here is the revised text:\n\nThe whale rose.')).toBe('The whale rose.');
    expect(cleanRevisionOutput("Sure! Here's a simpler version:\nThe whale rose.")).toBe('The whale rose.');
    expect(cleanRevisionOutput('Revised passage:\nThe whale rose.')).toBe('The whale rose.');
  });

  it('strips code fences, closed or still streaming', () => {
    expect(cleanRevisionOutput('```markdown\nThe whale rose.\n\nIt fell.\n```')).toBe('The whale rose.\n\nIt fell.');
    expect(cleanRevisionOutput('```\nThe whale ro')).toBe('The whale ro');
    expect(cleanRevisionOutput('Here is the text:\n```md\nThe whale rose.\n```')).toBe('The whale rose.');
  });

  it('strips echoed passage tags, also a half-arrived closing tag', () => {
    expect(cleanRevisionOutput('<passage>\nThe whale rose.\n</passage>')).toBe('The whale rose.');
    expect(cleanRevisionOutput('<passage>\nThe whale rose.\n</pass')).toBe('The whale rose.');
  });

  it('strips quotes wrapped around the whole answer but not quotes that belong to the prose', () => {
    expect(cleanRevisionOutput('"The whale rose."')).toBe('The whale rose.');
    expect(cleanRevisionOutput('\u201cThe whale rose.\u201d')).toBe('The whale rose.');
    expect(cleanRevisionOutput('"Yes," she said. "No."')).toBe('"Yes," she said. "No."');
    expect(cleanRevisionOutput('"Go."', '"Stop."')).toBe('"Go."');
  });

  it('strips a trailing offer of further help', () => {
    expect(cleanRevisionOutput('The whale rose.\n\nLet me know if you want another version.')).toBe('The whale rose.');
  });

  it('keeps a first line that was already in the original', () => {
    const original = 'Results:\nRevenue rose.';
    expect(cleanRevisionOutput('Results:\nRevenue rose sharply.', original)).toBe('Results:\nRevenue rose sharply.');
  });

  it('drops reasoning blocks some local models emit', () => {
    expect(cleanRevisionOutput('<think>simplify words</think>\nThe whale rose.')).toBe('The whale rose.');
  });

  it('is idempotent', () => {
    const once = cleanRevisionOutput('Here is the revised text:\n```\n"The whale rose."\n```');
    expect(once).toBe('The whale rose.');
    expect(cleanRevisionOutput(once)).toBe(once);
  });
});
