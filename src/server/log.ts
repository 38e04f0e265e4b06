// Logging: one JSON line per event, secrets scrubbed. Callers never pass prompt text, only sizes and ids.
export type LogLevel = 'silent' | 'error' | 'info' | 'debug';
export type LogFields = Record<string, string | number | boolean | undefined>;
export interface Logger {
  error(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
}

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };

/** Replaces every occurrence of a secret (and anything shaped like a bearer/API key) with a marker. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('[redacted]');
  return out
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, '[redacted]')
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]');
}

export function createLogger(level: LogLevel, secrets: readonly string[], sink: (line: string) => void = (l) => {
  process.stderr.write(`${l}\n`);
}): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[lvl] > RANK[level]) return;
    const line = JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...fields });
    sink(scrub(line, secrets));
  };
  return {
    error: (m, f) => emit('error', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
  };
}
