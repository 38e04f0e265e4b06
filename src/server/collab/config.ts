// The sync server's settings, merged into the one start-up schema (src/server/config.ts).
import { z } from 'zod';

const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const urlWith = (schemes: string[], example: string) => z.string().trim()
  .refine((u) => {
    try {
      const p = new URL(u);
      return schemes.includes(p.protocol) && !!p.hostname;
    } catch {
      return false;
    }
  }, `must be a URL like ${example}`);
const prefix = (fallback: string) => z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/,
  'must be lower-case letters, digits and _, starting with a letter (at most 40)').default(fallback);

export const collabEnvShape = {
  /** SQLite file lives here (created at start) unless DATABASE_URL is set. Relative to the project root. */
  LONGHAND_DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: urlWith(['postgres:', 'postgresql:'], 'postgres://user@127.0.0.1:5432/longhand').optional(),
  REDIS_URL: urlWith(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').optional(),
  /** Table names start with this (lets several deployments or test runs share one database). */
  COLLAB_TABLE_PREFIX: prefix('longhand_'),
  /** Redis channels and lock keys start with this. */
  COLLAB_REDIS_PREFIX: prefix('longhand'),
  COLLAB_MAX_DOCUMENT_BYTES: count(16 * 1024 * 1024, 1024 * 1024 * 1024),
  COLLAB_MAX_MESSAGE_BYTES: count(16 * 1024 * 1024, 1024 * 1024 * 1024),
  COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: count(50, 100_000),
  COLLAB_MAX_MESSAGES_PER_SECOND: count(100, 1_000_000),
  COLLAB_MAX_CONNECTS_PER_MINUTE: count(120, 10_000_000),
  /** How long start-up waits for PostgreSQL or Redis before it gives up naming the one that did not answer. */
  COLLAB_CONNECT_TIMEOUT_MS: count(5_000, 120_000),
};

const collabEnvSchema = z.object(collabEnvShape);
export type CollabEnv = z.infer<typeof collabEnvSchema>;

/** Passwords inside DATABASE_URL / REDIS_URL, so the logger scrubs them wherever they appear. */
export function collabSecrets(env: Pick<CollabEnv, 'DATABASE_URL' | 'REDIS_URL'>): string[] {
  return [env.DATABASE_URL, env.REDIS_URL].flatMap((u) => {
    if (!u) return [];
    const { password } = new URL(u);
    return password ? [password, decodeURIComponent(password)] : [];
  });
}

/** A URL fit for a message: the password replaced. */
export function redactUrl(u: string): string {
  const p = new URL(u);
  if (p.password) p.password = '***';
  return p.toString();
}
