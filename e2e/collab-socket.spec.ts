// The sync server's WebSocket from a real browser: the built app's page (under its strict CSP) reaches /collab
// and a share syncs through it; a page of another origin is refused at the upgrade. The editor's use of it comes
// with the browser half of sharing; this keeps the door itself honest in Chromium.
import { expect, test } from '@playwright/test';
import { APP_PORT, FAKE_PORT } from '../playwright.config';

test('the app\'s own page opens /collab and authenticates with a share secret; another origin is refused', async ({ page, request }) => {
  const id = `d_e2e_${Date.now()}`;
  const share = await request.post(`/api/share/${id}`, { data: {} });
  expect(share.status()).toBe(201);
  const { secret } = await share.json() as { secret: string };

  await page.goto('/');
  const own = await page.evaluate(async ({ docId, token }) => {
    // The Hocuspocus frames the provider sends: varString(name) varUint(2 = auth) varUint(0 = token) varString(token).
    const enc = new TextEncoder();
    const str = (s: string) => { const b = enc.encode(s); return [b.length, ...b]; };
    const ws = new WebSocket(`ws://${location.host}/collab`);
    ws.binaryType = 'arraybuffer';
    const types: string[] = [];
    await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('refused')); });
    const answered = new Promise<void>((ok) => {
      ws.onmessage = (e) => {
        const b = new Uint8Array(e.data as ArrayBuffer);
        // After the name: message type, then for auth (2) its kind: 1 permission denied, 2 authenticated.
        types.push(`${b[b[0] + 1]}.${b[b[0] + 2]}`);
        if (types.some((t) => t.startsWith('2.'))) ok();
      };
    });
    ws.send(new Uint8Array([...str(docId), 2, 0, ...str(token)]));
    await answered;
    ws.close();
    return types;
  }, { docId: id, token: secret });
  expect(own).toContain('2.2'); // auth: authenticated

  // A page of another origin (the fake upstream's port) cannot open the socket: the upgrade answers 403.
  await page.goto(`http://127.0.0.1:${FAKE_PORT}/v1/models`);
  const foreign = await page.evaluate(async (port) => new Promise<string>((ok) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/collab`);
    ws.onopen = () => ok('opened');
    ws.onerror = () => ok('refused');
  }), APP_PORT);
  expect(foreign).toBe('refused');
});
