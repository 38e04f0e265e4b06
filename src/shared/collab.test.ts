import { describe, expect, it } from 'vitest';
import { readStartLeaseAnswer, readStartLeaseRequest } from './collab';

describe('start lease messages', () => {
  it('reads a request and refuses anything else (it comes from a browser)', () => {
    const ok = { type: 'longhand.start', op: 'take', clientId: 7, kind: 'plan', by: 'Ada' };
    expect(readStartLeaseRequest(JSON.stringify(ok))).toEqual(ok);
    expect((readStartLeaseRequest(JSON.stringify({ ...ok, by: 'x'.repeat(500) })) as { by: string }).by).toHaveLength(100);
    for (const bad of [{ ...ok, type: 'other' }, { ...ok, op: 'steal' }, { ...ok, clientId: -1 }, { ...ok, clientId: 1.5 },
      { ...ok, kind: 'everything' }, { ...ok, by: 3 }]) expect(readStartLeaseRequest(JSON.stringify(bad))).toBeNull();
    expect(readStartLeaseRequest('not json')).toBeNull();
    expect(readStartLeaseRequest('null')).toBeNull();
  });
  it('reads only the answer meant for this client', () => {
    const a = { type: 'longhand.start', clientId: 7, granted: false, holder: { clientId: 3, kind: 'write-all', by: 'Ben' } };
    expect(readStartLeaseAnswer(JSON.stringify(a), 7)).toEqual(a);
    expect(readStartLeaseAnswer(JSON.stringify(a), 8)).toBeNull();
    expect(readStartLeaseAnswer(JSON.stringify({ ...a, holder: { by: 'Ben' } }), 7)).toEqual({ type: 'longhand.start', clientId: 7, granted: false });
    expect(readStartLeaseAnswer('{', 7)).toBeNull();
  });
});
