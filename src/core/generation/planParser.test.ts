import { describe, expect, it } from 'vitest';
import { createPlanStream, parsePlan, parsePlanLine } from './planParser';
import { buildPlanRequest } from './planRequest';
import { fillPlan, replacePlan } from './planMerge';

const good = JSON.stringify({ sections: [
  { title: 'Arrival', brief: 'The narrator reaches the port.', words: 1200 },
  { title: 'The Inn', brief: 'A crowded inn; a strange roommate.', words: 1500 },
  { title: 'Sailing', brief: 'They ship out.', words: 1300 },
] });

describe('parsePlan — valid', () => {
  it('reads the contract JSON', () => {
    const p = parsePlan(good);
    expect(p).toMatchObject({ format: 'json', complete: true });
    expect(p.entries.map((e) => e.title)).toEqual(['Arrival', 'The Inn', 'Sailing']);
    expect(p.entries[1]).toEqual({ title: 'The Inn', brief: 'A crowded inn; a strange roommate.', words: 1500 });
    expect(p.message).toBeUndefined();
  });

  it('repairs fences, prose around it, trailing commas and a bare array', () => {
    const messy = 'Sure! Here is the plan:\n```json\n{"sections": [\n {"title": "A", "brief": "x", "words": "1,000 words",},\n {"title": "B", "brief": "y", "words": 900},\n]}\n```\nLet me know!';
    const p = parsePlan(messy);
    expect(p.complete).toBe(true);
    expect(p.entries).toEqual([{ title: 'A', brief: 'x', words: 1000 }, { title: 'B', brief: 'y', words: 900 }]);
    expect(parsePlan('[{"title":"Only","brief":"b","words":500}]').entries).toHaveLength(1);
  });

  it('reads AgentWrite lines', () => {
    const text = [
      'Here is the outline.',
      'Section 1 — Title: The Harbour — Main points: Ishmael arrives; the town at night. — Words: 1,100',
      '**Section 2** — Title: The Spouter-Inn — Main points: He meets Queequeg. — Words: 900',
      'Paragraph 3 - nonsense',
    ].join('\n');
    const p = parsePlan(text);
    expect(p.format).toBe('lines');
    expect(p.entries).toEqual([
      { title: 'The Harbour', brief: 'Ishmael arrives; the town at night.', words: 1100 },
      { title: 'The Spouter-Inn', brief: 'He meets Queequeg.', words: 900 },
    ]);
    expect(parsePlanLine('Section 4: Departure — Main points: They sail. — Words: 800')).toEqual({ title: 'Departure', brief: 'They sail.', words: 800 });
  });
});

describe('parsePlan — partial', () => {
  it('keeps every entry of a cut-off answer and says it was incomplete', () => {
    const cut = good.slice(0, good.indexOf('Sailing') + 10);
    const p = parsePlan(cut);
    expect(p.complete).toBe(false);
    expect(p.entries.map((e) => e.title)).toEqual(['Arrival', 'The Inn']);
    expect(p.message).toMatch(/incomplete.*2 section/);
  });

  it('streams: entries appear once their object closes, none twice', () => {
    const s = createPlanStream();
    const got: string[] = [];
    for (let i = 1; i <= good.length; i += 7) got.push(...s.update(good.slice(0, i)).map((e) => e.title));
    got.push(...s.update(good).map((e) => e.title));
    expect(got).toEqual(['Arrival', 'The Inn', 'Sailing']);
    expect(s.finish(good)).toMatchObject({ complete: true });
  });

  it('streams lines only once they end', () => {
    const s = createPlanStream();
    expect(s.update('Section 1 — Title: A — Main points: x — Words: 50')).toEqual([]);
    expect(s.update('Section 1 — Title: A — Main points: x — Words: 500\nSect')).toEqual([{ title: 'A', brief: 'x', words: 500 }]);
  });
});

describe('parsePlan — garbage', () => {
  it('gives a clear message and no entries', () => {
    for (const text of ['', 'I cannot help with that.', '{"foo": 1}', '```\n{{{]]]\n```', '"sections": nope']) {
      const p = parsePlan(text);
      expect(p.entries).toEqual([]);
      expect(p.format).toBe('none');
      expect(p.message).toMatch(/did not answer with a plan/);
    }
  });
  it('skips entries without a title and keeps the rest', () => {
    const p = parsePlan('{"sections":[{"brief":"no title"},{"title":"Kept","words":300}]}');
    expect(p.entries).toEqual([{ title: 'Kept', brief: '', words: 300 }]);
  });
});

describe('buildPlanRequest', () => {
  it('follows the contract: task line, total first, JSON shape', () => {
    const r = buildPlanRequest({ title: 'Whales', brief: 'A natural history.', targetWords: 12_000 });
    expect(r.messages[0]!.content.split('\n')[0]).toBe('Longhand task: plan');
    expect(/about ([\d,]+) words/.exec(r.messages.map((m) => m.content).join('\n'))![1]).toBe('12,000');
    expect(r.messages[0]!.content).toContain('{"sections":[{"title"');
    expect(r.messages[1]!.content).toContain('A natural history.');
    expect(r.messages.map((m) => m.content).join('\n')).not.toMatch(/\d+\s+sections/);
  });
  it('fill mode lists the existing sections and what is missing', () => {
    const r = buildPlanRequest({ title: 'T', brief: '', targetWords: 0, existing: [{ title: 'One', brief: 'b', targetWords: 0 }] });
    expect(r.total).toBe(10_000);
    expect(r.messages[1]!.content).toContain('1. "One" — brief: b — words: (missing)');
  });
});

describe('plan merge', () => {
  const existing = [
    { id: 's1', title: 'Old one', brief: '', targetWords: 0, hasText: true },
    { id: 's2', title: 'Old two', brief: 'kept brief', targetWords: 2000, hasText: false },
    { id: 's3', title: '', brief: '', targetWords: 0, hasText: false },
    { id: 's4', title: 'Has text', brief: '', targetWords: 0, hasText: true },
  ];
  const entries = [{ title: 'A', brief: 'a', words: 1000 }, { title: 'B', brief: 'b', words: 1000 }];

  it('replace: reuses sections in order, removes only empty leftovers, targets sum to the total', () => {
    const p = replacePlan(existing, [...entries, { title: 'C', brief: 'c' }], 6000);
    expect(p).toEqual([
      { kind: 'update', id: 's1', title: 'A', brief: 'a', targetWords: 2000 },
      { kind: 'update', id: 's2', title: 'B', brief: 'b', targetWords: 2000 },
      { kind: 'update', id: 's3', title: 'C', brief: 'c', targetWords: 2000 },
    ]);
    expect(replacePlan(existing, entries, 2000).filter((x) => x.kind === 'remove')).toEqual([{ kind: 'remove', id: 's3' }]);
    expect(replacePlan([], entries, 0)).toEqual([
      { kind: 'add', title: 'A', brief: 'a', targetWords: 1000 }, { kind: 'add', title: 'B', brief: 'b', targetWords: 1000 },
    ]);
  });

  it('fill: only missing briefs and targets, the rest of the total shared among the missing', () => {
    const p = fillPlan(existing.slice(0, 3), [...entries, { title: 'C', brief: 'c', words: 3000 }], 6000);
    expect(p).toEqual([
      { kind: 'update', id: 's1', brief: 'a', targetWords: 1000 },
      { kind: 'update', id: 's3', brief: 'c', targetWords: 3000 },
    ]);
  });
});
