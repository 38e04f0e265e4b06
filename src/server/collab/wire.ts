// Just enough of the Hocuspocus/y-protocols framing to find the Yjs update inside a client message:
// varString(documentName) varUint(messageType) [Sync|SyncReply: varUint(syncType) varUint8Array(update)].
// Written out here (a dozen lines) rather than importing lib0, which is only a transitive dependency.

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_SYNC_REPLY = 4;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

class Reader {
  pos = 0;
  constructor(private buf: Uint8Array) {}
  varUint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new RangeError('message ends inside a number');
      const b = this.buf[this.pos++];
      num += (b & 0x7f) * mult;
      if (b < 0x80) return num;
      mult *= 128;
      if (mult > 2 ** 53) throw new RangeError('number too large');
    }
  }
  bytes(): Uint8Array {
    const len = this.varUint();
    if (this.pos + len > this.buf.length) throw new RangeError('message ends inside a byte array');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

/** The document name a message is for (every Hocuspocus message starts with it). Throws on a malformed frame. */
export function documentNameOf(message: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(new Reader(message).bytes());
}

/** The document update a client message carries (sync step 2 or update), or null for anything else. Throws on a
 *  malformed frame. */
export function updateOf(message: Uint8Array): Uint8Array | null {
  const r = new Reader(message);
  r.bytes(); // document name
  const type = r.varUint();
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const syncType = r.varUint();
  if (syncType !== SYNC_STEP2 && syncType !== SYNC_UPDATE) return null;
  return r.bytes();
}

/** One client's entry in an awareness message: its state, null for a state removed. */
export interface AwarenessEntry { clientId: number; clock: number; state: Record<string, unknown> | null }

/**
 * The entries an awareness message carries (y-protocols: varUint8Array(varUint(n) [varUint(clientID) varUint(clock)
 * varString(JSON state)]×n)); null for any other message. Throws on a malformed frame or state.
 */
export function awarenessEntriesOf(message: Uint8Array): AwarenessEntry[] | null {
  const r = new Reader(message);
  r.bytes(); // document name
  if (r.varUint() !== MESSAGE_AWARENESS) return null;
  const u = new Reader(r.bytes());
  const entries: AwarenessEntry[] = [];
  for (let n = u.varUint(); n > 0; n--) {
    const clientId = u.varUint();
    const clock = u.varUint();
    const state = JSON.parse(new TextDecoder().decode(u.bytes())) as unknown;
    entries.push({ clientId, clock, state: state && typeof state === 'object' ? state as Record<string, unknown> : null });
  }
  return entries;
}

/** A Yjs update with no structs and an empty delete set (what a client with nothing new sends as step 2). */
export const isEmptyUpdate = (u: Uint8Array) => u.length === 2 && u[0] === 0 && u[1] === 0;
