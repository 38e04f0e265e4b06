// Scale-out: Hocuspocus's Redis extension relays document updates and awareness between instances and takes a
// lock so one instance at a time stores a document. We add one control channel on the extension's own
// subscriber connection, for "this share was revoked/rotated" notices. Because notices and document messages
// arrive on that one connection in the order Redis published them, an instance always learns of a revocation
// before it could relay the revoked document's content into a later share of the same id.
import { Redis, type Configuration } from '@hocuspocus/extension-redis';
import { reason, withTimeout } from './storage';
import { redactUrl } from './config';
import type { Logger } from '../log';
import type { LeaseCommands } from './startLease';

export interface ControlNotice {
  from: string;
  type: 'revoked' | 'rotated';
  documentId: string;
  generation: string;
}

export interface RedisHooks {
  /** False drops a relayed message for this document (its local copy belongs to a revoked share). */
  accept(documentName: string): boolean;
  notice(n: ControlNotice): void;
}

type Handler = (channel: Buffer, data: Buffer) => Promise<void> | void;

/** The parts of ioredis we use, typed here so this file does not import a transitive dependency. */
interface Client {
  status: string;
  on(event: string, fn: (...args: never[]) => void): unknown;
  off(event: string, fn: Handler): unknown;
  ping(): Promise<string>;
  publish(channel: string, message: string): Promise<number>;
  subscribe(channel: string): Promise<unknown>;
  disconnect(): void;
}

export function redisConnection(url: string): Pick<Configuration, 'host' | 'port' | 'options'> {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(u.port || 6379),
    options: {
      username: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      db: Number(u.pathname.replace(/^\//, '') || 0),
      tls: u.protocol === 'rediss:' ? {} : undefined,
      // Start-up checks the connection itself; afterwards ioredis reconnects and resubscribes on its own.
      lazyConnect: false,
    },
  };
}

export class LonghandRedis extends Redis {
  readonly controlChannel: string;
  private readonly prefixLength: number;
  private lastError?: string;

  constructor(url: string, prefix: string, private readonly hooks: RedisHooks, log: Logger) {
    // A compaction holds the lock while it reads and writes the database; give it room beyond the 1 s default.
    super({ ...redisConnection(url), prefix, lockTimeout: 10_000 });
    this.controlChannel = `${prefix}!control`;
    this.prefixLength = prefix.length + 1;
    const self = this as unknown as { handleIncomingMessage: Handler };
    const relay = self.handleIncomingMessage;
    const sub = this.sub as unknown as Client;
    sub.off('messageBuffer', relay);
    sub.on('messageBuffer', (channel: Buffer, data: Buffer) => {
      const name = channel.toString('utf8');
      if (name === this.controlChannel) return this.onControl(data);
      if (!this.hooks.accept(name.slice(this.prefixLength))) return;
      return relay(channel, data);
    });
    let down = false;
    for (const [role, c] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
      const client = c as unknown as Client;
      client.on('error', (e: Error) => {
        this.lastError = e.message || (e as { code?: string }).code;
        if (!down) log.error('redis unavailable', { role, url: redactUrl(url), detail: e.message });
        down = true;
      });
      client.on('ready', () => {
        if (down) log.info('redis reconnected', { role });
        down = false;
      });
    }
  }

  /** Both connections up: a document loaded now gets its Redis subscription (Hocuspocus fails the load otherwise). */
  ready(): boolean {
    return (this.pub as unknown as Client).status === 'ready' && (this.sub as unknown as Client).status === 'ready';
  }

  get identifier(): string {
    return this.configuration.identifier;
  }

  /** Checks both connections and subscribes the control channel; throws naming REDIS_URL when Redis does not answer. */
  async start(url: string, timeoutMs: number): Promise<void> {
    try {
      await withTimeout(Promise.all([
        (this.pub as unknown as Client).ping(),
        (this.sub as unknown as Client).subscribe(this.controlChannel),
      ]), timeoutMs, 'no answer');
    } catch (e) {
      this.disconnect();
      const seen = this.lastError ? `${this.lastError} (${reason(e)})` : reason(e);
      throw new Error(`REDIS_URL: could not reach Redis at ${redactUrl(url)}: ${seen}`);
    }
  }

  /** The publisher connection's commands, for the start lease (startLease.ts). */
  leaseCommands(): LeaseCommands {
    return this.pub as unknown as LeaseCommands;
  }

  async publishNotice(n: Omit<ControlNotice, 'from'>): Promise<void> {
    await (this.pub as unknown as Client).publish(this.controlChannel, JSON.stringify({ ...n, from: this.identifier }));
  }

  disconnect(): void {
    (this.pub as unknown as Client).disconnect();
    (this.sub as unknown as Client).disconnect();
  }

  private onControl(data: Buffer) {
    let n: ControlNotice;
    try {
      n = JSON.parse(data.toString('utf8')) as ControlNotice;
    } catch {
      return;
    }
    if (n.from === this.identifier) return;
    this.hooks.notice(n);
  }
}
