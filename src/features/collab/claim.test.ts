// The echo of this browser's own claim, read from the sync server's raw awareness message.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { MessageType } from '@hocuspocus/provider';
import { echoedClock } from './claim';

/** A message as Hocuspocus sends it: the document's name, the message type, then the payload. */
function message(docId: string, type: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, docId);
  encoding.writeVarUint(e, type);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

describe('echoedClock', () => {
  const a = new Awareness(new Y.Doc());
  const b = new Awareness(new Y.Doc());
  a.setLocalStateField('job', { kind: 'write-all', sections: ['s1'] });
  a.setLocalStateField('user', { name: 'Ada' });
  b.setLocalStateField('user', { name: 'Ben' });
  const clockA = a.meta.get(a.clientID)!.clock;
  // The server relays several clients' states in one message (y-protocols' encoding, written out).
  const update = (ids: number[]) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, ids.length);
    for (const id of ids) {
      const src = id === a.clientID ? a : b;
      encoding.writeVarUint(e, id);
      encoding.writeVarUint(e, src.meta.get(id)!.clock);
      encoding.writeVarString(e, JSON.stringify(src.getLocalState()));
    }
    return encoding.toUint8Array(e);
  };

  it('finds this client\'s clock in an awareness message of its document', () => {
    expect(echoedClock(message('d1', MessageType.Awareness, encodeAwarenessUpdate(a, [a.clientID])), 'd1', a.clientID)).toBe(clockA);
    expect(echoedClock(message('d1', MessageType.Awareness, update([b.clientID, a.clientID])).buffer as ArrayBuffer, 'd1', a.clientID)).toBe(clockA);
  });

  it('is null for another client, another document, another kind of message or garbage', () => {
    expect(echoedClock(message('d1', MessageType.Awareness, encodeAwarenessUpdate(b, [b.clientID])), 'd1', a.clientID)).toBeNull();
    expect(echoedClock(message('d2', MessageType.Awareness, encodeAwarenessUpdate(a, [a.clientID])), 'd1', a.clientID)).toBeNull();
    expect(echoedClock(message('d1', MessageType.Sync, new Uint8Array([0, 1, 2])), 'd1', a.clientID)).toBeNull();
    expect(echoedClock(new Uint8Array([200, 1, 2]), 'd1', a.clientID)).toBeNull();
    expect(echoedClock(new Uint8Array(), 'd1', a.clientID)).toBeNull();
  });
});
