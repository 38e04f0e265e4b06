// Reading the sync server's echo of this browser's own awareness update (see jobs.ts, "Starting a job"). Yjs's
// awareness ignores an update of its own client id whose clock it already has, so the echo raises no event: it is
// read here from the raw message (the provider emits each one before applying it). Loaded with the runtime chunk.
import * as decoding from 'lib0/decoding';
import { MessageType } from '@hocuspocus/provider';

/** The clock of `clientId`'s state in a Hocuspocus awareness message for `docId`, or null when the message is
 * another document's, another kind, or does not carry that client. Never throws on a malformed message. */
export function echoedClock(data: ArrayBuffer | Uint8Array, docId: string, clientId: number): number | null {
  try {
    const d = decoding.createDecoder(data instanceof Uint8Array ? data : new Uint8Array(data));
    if (decoding.readVarString(d) !== docId || decoding.readVarUint(d) !== MessageType.Awareness) return null;
    // y-protocols' encoding: a count, then per client its id, clock and state as JSON.
    const u = decoding.createDecoder(decoding.readVarUint8Array(d));
    const n = decoding.readVarUint(u);
    for (let i = 0; i < n; i++) {
      const id = decoding.readVarUint(u);
      const clock = decoding.readVarUint(u);
      decoding.readVarString(u);
      if (id === clientId) return clock;
    }
  } catch { /* not an awareness message this can read */ }
  return null;
}
