import { describe, expect, it } from 'vitest';
import { buildRevisionRequest } from './prompt';

const base = { instruction: 'Make this simpler', passage: 'The **obstreperous** whale\n\nbreached *violently*.' };

describe('buildRevisionRequest', () => {
  it('starts the system message with the revise task line', () => {
    const [system] = buildRevisionRequest(base);
    expect(system!.role).toBe('system');
    expect(system!.content.split('\n')[0]).toBe('Longhand task: revise');
  });

  it('carries the instruction on its own line and the passage verbatim inside <passage> tags', () => {
    const user = buildRevisionRequest(base)[1]!.content;
    expect(user.split('\n')).toContain('Instruction: Make this simpler');
    expect(user).toContain('<passage>\nThe **obstreperous** whale\n\nbreached *violently*.\n</passage>');
  });

  it('keeps a multi-line custom instruction on the one Instruction line', () => {
    const user = buildRevisionRequest({ ...base, instruction: 'Use British spelling.\nKeep names.' })[1]!.content;
    expect(user).toMatch(/^Instruction: Use British spelling\. Keep names\.$/m);
  });

  it('asks for the replacement only and for paragraph breaks and marks to be kept', () => {
    const system = buildRevisionRequest(base)[0]!.content;
    expect(system).toMatch(/replacement text only/);
    expect(system).toMatch(/paragraph breaks/);
    expect(system).toMatch(/\*\*bold\*\*/);
  });

  it('adds context before and after, the brief and the style guide, outside the passage', () => {
    const user = buildRevisionRequest({
      ...base, before: 'It was dawn.', after: 'Then silence.', sectionBrief: 'The first sighting.', styleGuide: 'Terse, past tense.',
    })[1]!.content;
    const passageAt = user.indexOf('<passage>');
    expect(user.indexOf('It was dawn.')).toBeGreaterThan(-1);
    expect(user.indexOf('It was dawn.')).toBeLessThan(passageAt);
    expect(user.indexOf('Then silence.')).toBeGreaterThan(user.indexOf('</passage>'));
    expect(user).toContain('The first sighting.');
    expect(user).toContain('Terse, past tense.');
    // Exactly one passage block, so the demo writer and the model revise the right text.
    expect(user.match(/<passage>/g)).toHaveLength(1);
  });

  it('omits empty context blocks and states a word target only when given', () => {
    const plain = buildRevisionRequest(base)[1]!.content;
    expect(plain).not.toMatch(/<before>|<after>|Style guide|Length:/);
    const sized = buildRevisionRequest({ ...base, targetWords: 1250 })[1]!.content;
    expect(sized).toMatch(/about 1,250 words/);
  });
});
