// Configuration: environment (plus an optional .env beside package.json), validated once at start-up.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { collabEnvShape, collabSecrets } from './collab/config';

const optionalString = z.string().trim().min(1).optional();
const url = z.string().trim().url().refine((u) => /^https?:/i.test(u), 'must start with http:// or https://');
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).optional();
const ms = (fallback: number) => z.coerce.number().int().min(1).max(3_600_000).default(fallback);
const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const envSchema = z.object({
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  LONGHAND_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  ALLOWED_HOSTS: list,
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url.optional(),
  OPENAI_MODELS: list,
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: url.optional(),
  ANTHROPIC_MODELS: list,
  LLM_BASE_URL: url.optional(),
  LLM_API_KEY: optionalString,
  LLM_MODELS: list,
  OLLAMA_BASE_URL: url.default('http://127.0.0.1:11434'),
  FIRST_TOKEN_TIMEOUT_MS: ms(60_000),
  IDLE_TIMEOUT_MS: ms(60_000),
  HEARTBEAT_MS: ms(15_000),
  RETRY_BASE_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  MAX_CONCURRENT_STREAMS: count(32, 100_000),
  RATE_LIMIT_PER_MINUTE: count(120, 10_000_000),
  DEMO_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(20),
  LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  // Source maps hold the whole client source; the production server keeps them to itself unless asked.
  SERVE_SOURCEMAPS: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  ...collabEnvShape,
});

export type Env = z.infer<typeof envSchema>;
export interface Config extends Env {
  /** Every secret value, so the logger and error mapper can scrub them wherever they appear. */
  secrets: string[];
}

export class ConfigError extends Error {}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
export const isLoopbackHost = (host: string) => LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Reads `.env` beside package.json; real environment variables win over the file. */
export function readDotEnv(dir: string): Record<string, string> {
  const file = `${dir}/.env`;
  return existsSync(file) ? (parseEnv(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset": `OPENAI_API_KEY=` in a .env should not count as configured.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (!isLoopbackHost(cfg.HOST) && !cfg.LONGHAND_TOKEN) {
    throw new ConfigError(
      `HOST=${cfg.HOST} is not a loopback address: set LONGHAND_TOKEN (a long random string) so that only you can use ` +
      'your API keys through this server, or keep HOST=127.0.0.1.',
    );
  }
  const secrets = [cfg.OPENAI_API_KEY, cfg.ANTHROPIC_API_KEY, cfg.LLM_API_KEY, cfg.LONGHAND_TOKEN]
    .filter((s): s is string => !!s).concat(collabSecrets(cfg));
  return { ...cfg, secrets };
}
