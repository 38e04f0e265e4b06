import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../model';
import { applicableItems, appliesTo, checklistForPrompt, passRate } from './applicable';

const item = (id: string, text: string, extra: Partial<ChecklistItem> = {}): ChecklistItem => ({ id, text, state: 'unchecked', ...extra });

describe('appliesTo', () => {
  it('applies plain document items everywhere and periodic ones to every Nth section (1-based)', () => {
    expect([0, 1, 2, 3].map((i) => appliesTo(item('a', 'x'), i))).toEqual([true, true, true, true]);
    const every5 = item('b', 'weather', { everyN: 5 });
    expect([...Array(11).keys()].filter((i) => appliesTo(every5, i))).toEqual([4, 9]);
    expect(appliesTo(item('c', 'x', { everyN: 1 }), 3)).toBe(true);
  });
});

describe('applicableItems and checklistForPrompt', () => {
  const doc = {
    checklist: [
      item('d1', 'Keep the narrator in first person.', { results: { s5: { state: 'pass', checkedAt: 7 } } }),
      item('d2', 'a weather note every 5th section', { everyN: 5 }),
      item('d3', '   '),
    ],
  };
  const section = { id: 's5', checklist: [item('i1', 'must contain "Pemberley"', { state: 'fail', checkedAt: 3 })] };

  it('lists the section items first, then the document items that apply, with per-section states', () => {
    const at4 = applicableItems(doc, section, 4);
    expect(at4.map((a) => [a.item.id, a.source, a.state])).toEqual([
      ['i1', 'section', 'fail'], ['d1', 'document', 'pass'], ['d2', 'document', 'unchecked'],
    ]);
    expect(applicableItems(doc, section, 3).map((a) => a.item.id)).toEqual(['i1', 'd1']);
    expect(applicableItems(null, section, 0).map((a) => a.item.id)).toEqual(['i1']);
  });

  it('gives the prompt the requirements as plain lines, without periods, blanks or duplicates', () => {
    expect(checklistForPrompt(doc, section, 4)).toEqual([
      'must contain "Pemberley"', 'Keep the narrator in first person', 'a weather note',
    ]);
    const dup = { id: 's1', checklist: [item('x', 'keep the narrator in first person')] };
    expect(checklistForPrompt(doc, dup, 0)).toEqual(['keep the narrator in first person']);
  });
});

describe('passRate', () => {
  it('is the share of checked items that pass', () => {
    expect(passRate(['pass', 'fail', 'unchecked', 'pass'])).toEqual({ passed: 2, failed: 1, checked: 3, total: 4, rate: 2 / 3 });
    expect(passRate(['unchecked']).rate).toBeNull();
  });
});
