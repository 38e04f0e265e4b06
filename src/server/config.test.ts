// Start-up configuration: zod validation with messages that name the variable, and the token rule.
import { describe, expect, it } from 'vitest';
import { ConfigError, isLoopbackHost, loadConfig } from './config';

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected loadConfig to fail');
};

describe('loadConfig', () => {
  it('defaults: loopback host, port 8787, 60 s timeouts, 15 s heartbeats', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 8787, FIRST_TOKEN_TIMEOUT_MS: 60_000, IDLE_TIMEOUT_MS: 60_000,
      HEARTBEAT_MS: 15_000, OLLAMA_BASE_URL: 'http://127.0.0.1:11434' });
    expect(c.secrets).toEqual([]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ OPENAI_BASE_URL: 'not a url' }, 'OPENAI_BASE_URL'],
    [{ ANTHROPIC_BASE_URL: 'ftp://x.example' }, 'ANTHROPIC_BASE_URL'],
    [{ LLM_BASE_URL: 'localhost:1234' }, 'LLM_BASE_URL'],
    [{ OLLAMA_BASE_URL: '::' }, 'OLLAMA_BASE_URL'],
    [{ FIRST_TOKEN_TIMEOUT_MS: '-5' }, 'FIRST_TOKEN_TIMEOUT_MS'],
    [{ MAX_CONCURRENT_STREAMS: 'lots' }, 'MAX_CONCURRENT_STREAMS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LONGHAND_TOKEN: 'short' }, 'LONGHAND_TOKEN'],
  ])('an invalid value stops start-up naming the variable: %o', (env, name) => {
    expect(fails(env)).toContain(`${name}:`);
  });

  it('refuses a non-loopback HOST without LONGHAND_TOKEN, accepts it with one', () => {
    expect(fails({ HOST: '0.0.0.0' })).toMatch(/HOST=0\.0\.0\.0 .*LONGHAND_TOKEN/s);
    expect(fails({ HOST: '192.168.1.10' })).toMatch(/LONGHAND_TOKEN/);
    expect(loadConfig({ HOST: '0.0.0.0', LONGHAND_TOKEN: 'x'.repeat(32) }).secrets).toEqual(['x'.repeat(32)]);
    expect(loadConfig({ HOST: 'localhost' }).HOST).toBe('localhost');
  });

  it('empty values count as unset; lists are split on commas; keys are collected as secrets', () => {
    const c = loadConfig({ OPENAI_API_KEY: '', OPENAI_MODELS: ' a, b ,,c ', ANTHROPIC_API_KEY: 'fake-ant-xyz', LLM_API_KEY: 'k-llm' });
    expect(c.OPENAI_API_KEY).toBeUndefined();
    expect(c.OPENAI_MODELS).toEqual(['a', 'b', 'c']);
    expect(c.secrets).toEqual(['fake-ant-xyz', 'k-llm']);
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', 'example.com'].some(isLoopbackHost)).toBe(false);
  });
});
