import { describe, expect, it } from 'vitest';
import type { ProviderInfo } from '../../shared/protocol';
import { describeModel, effectiveModel } from './effectiveModel';

const p = (id: string, available: boolean, models: string[], def = false): ProviderInfo => ({
  id, label: id.toUpperCase(), kind: 'openai', available, models: models.map((m) => ({ id: m, label: m })), ...(def ? { default: true } : {}),
});
const list = [p('openai', true, ['gpt-a', 'gpt-b'], true), p('anthropic', true, ['claude-a']), p('ollama', false, []), p('demo', true, ['demo-writer'])];

describe('effectiveModel', () => {
  it('keeps a remembered choice the server still offers', () => {
    expect(effectiveModel(list, { provider: 'anthropic', model: 'claude-a' })).toEqual({ provider: 'anthropic', model: 'claude-a' });
    expect(effectiveModel(list, { provider: 'openai', model: 'gpt-b' })).toEqual({ provider: 'openai', model: 'gpt-b' });
  });

  it('falls back to the default provider\'s first model when nothing is chosen or the choice is gone', () => {
    expect(effectiveModel(list, null)).toEqual({ provider: 'openai', model: 'gpt-a' });
    expect(effectiveModel(list, { provider: 'anthropic', model: 'claude-gone' })).toEqual({ provider: 'openai', model: 'gpt-a' });
    expect(effectiveModel(list, { provider: 'ollama', model: 'llama3' })).toEqual({ provider: 'openai', model: 'gpt-a' });
  });

  it('without a marked default takes the first available provider with models; none → null', () => {
    expect(effectiveModel([p('ollama', false, []), p('anthropic', true, ['c']), p('demo', true, ['d'])], null))
      .toEqual({ provider: 'anthropic', model: 'c' });
    expect(effectiveModel([p('x', true, [], true), p('demo', true, ['d'])], null)).toEqual({ provider: 'demo', model: 'd' });
    expect(effectiveModel([p('ollama', false, [])], null)).toBeNull();
    expect(effectiveModel([], { provider: 'openai', model: 'gpt-a' })).toBeNull();
  });

  it('describes a choice with the server\'s labels', () => {
    expect(describeModel(list, { provider: 'openai', model: 'gpt-b' })).toBe('OPENAI · gpt-b');
    expect(describeModel(list, { provider: 'gone', model: 'm' })).toBe('gone · m');
  });
});
