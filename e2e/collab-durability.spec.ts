// Shared documents when a sync server dies: each test starts its own Longhand server process(es) from the build
// (ports 4660–4669), two browser contexts share a document through the Share dialog and type, the server is
// killed with SIGKILL (by PID) mid-typing and started again on the same port and storage. Every text a browser
// showed while its status said "Synced" must be in the document afterwards, in both browsers, and what was typed
// while the server was down arrives too. Waits are on what the user sees (status, text), never on time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { PG_URL, REDIS_URL, dropTables, uniquePrefix } from '../src/server/collab/testing/services';
import { addSection, newDocument, openApp, sectionEditor, sectionRegion } from './support/app';
import { setName } from './support/collab';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;
const uid = () => Math.random().toString(36).slice(2, 8);
/** A reconnect after a restart waits out the provider's back-off (up to 30 s between attempts). */
const RECONNECT = { timeout: 90_000 };
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---- server processes -------------------------------------------------------------------------------------

interface Server { origin: string; child: ChildProcess; stderr: string[]; exited: Promise<void> }
/** Every process a test started, so it is killed (by PID) whatever happens. */
const started: Server[] = [];

/** Two ports per Playwright worker slot, so parallel workers (and --repeat-each) never collide; COLLAB_E2E_PORT
 * moves the range (default 4660) so two checkouts can run this spec at once. */
const basePort = () => Number(process.env.COLLAB_E2E_PORT ?? 4660) + test.info().parallelIndex * 2;

async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  // No DATABASE_URL / REDIS_URL leaks in from the caller's shell: each test says which storage it wants.
  const { DATABASE_URL: _d, REDIS_URL: _r, LONGHAND_TOKEN: _t, ...inherited } = process.env;
  const child = spawn(process.execPath, [resolve(root, process.env.LONGHAND_DIST ?? 'dist', 'server', 'main.js')], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error',
      // The Playwright config's providers, against the shared fake upstream (not used here, but a real config).
      OPENAI_API_KEY: 'fake-test-e2e-openai-secret-0000000000', OPENAI_BASE_URL: `${FAKE}/v1`, OPENAI_MODELS: 'gpt-test',
      OLLAMA_BASE_URL: 'http://127.0.0.1:9', DEMO_DELAY_MS: '2',
      ...env,
    },
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const server: Server = { origin: `http://127.0.0.1:${port}`, child, stderr, exited };
  started.push(server);
  await new Promise<void>((ok, fail) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (/Longhand is running at /.test(out)) ok();
    });
    child.once('exit', (code, signal) => fail(new Error(
      `the server on port ${port} exited before listening (${code ?? signal}):\n${stderr.join('')}`)));
  });
  return server;
}

async function sigkill(s: Server): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) process.kill(s.child.pid!, 'SIGKILL');
  await s.exited;
}

test.afterEach(async () => {
  for (const s of started.splice(0)) await sigkill(s);
});

// ---- browsers -----------------------------------------------------------------------------------------------

const syncStatus = (p: Page) => p.getByRole('status', { name: 'Sync status' });

/**
 * Ada (on `originA`) shares a document with sections "Ada" and "Ben"; Ben opens the link on `originB` (the same
 * server, or another instance on the same database: the share secret lives there).
 */
async function shared(browser: Browser, originA: string, originB: string) {
  const contexts: BrowserContext[] = [];
  const ctxA = await browser.newContext({ baseURL: originA });
  contexts.push(ctxA);
  const ctxB = await browser.newContext({ baseURL: originB });
  contexts.push(ctxB);
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await openApp(a);
  await newDocument(a, `Durable-${uid()}`);
  await sectionRegion(a, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill('Ada');
  await addSection(a, 'Ben');
  const link = await setName(a, 'Ada');
  await expect(syncStatus(a)).toHaveText('Synced');
  expect(link.startsWith(`${originA}/`)).toBe(true);
  await b.goto(originB + link.slice(originA.length));
  for (const s of ['Ada', 'Ben']) await expect(sectionEditor(sectionRegion(b, s))).toBeVisible();
  await setName(b, 'Ben');
  for (const p of [a, b]) {
    const people = p.getByRole('list', { name: 'People here' }).getByRole('listitem');
    await expect(people.filter({ hasText: 'Ada' })).toHaveCount(1);
    await expect(people.filter({ hasText: 'Ben' })).toHaveCount(1);
  }
  /** A third browser with nothing of the document: opens the link and shows only what the server has. */
  const fresh = async () => {
    const ctx = await browser.newContext({ baseURL: originA });
    contexts.push(ctx);
    const c = await ctx.newPage();
    await c.goto(link);
    return c;
  };
  return { a, b, fresh, close: async () => { for (const c of contexts) await c.close(); } };
}

/**
 * Records, in the page, the texts of the sections each time the sync status is rendered as "Synced": what this
 * browser showed as synced. Only a change of the status itself takes a sample, because right after a keystroke the
 * editor already shows the new letter while the status has not been re-rendered yet.
 */
async function watchSynced(page: Page, titles: string[]): Promise<void> {
  const regions = await Promise.all(titles.map((t) => sectionRegion(page, t).elementHandle()));
  await page.evaluate((els) => {
    const w = window as unknown as { __synced: string[][] };
    w.__synced = [];
    new MutationObserver((records) => {
      const status = document.querySelector('[role="status"][aria-label="Sync status"]');
      if (!status || status.textContent !== 'Synced' || !records.some((r) => status.contains(r.target))) return;
      w.__synced.push(els.map((el) => el?.querySelector('.ProseMirror')?.textContent ?? ''));
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, regions);
}

const syncedSamples = (page: Page) => page.evaluate(() => (window as unknown as { __synced: string[][] }).__synced);

/** Words of the section at `index` in the longest sample this page showed as synced. */
async function syncedWords(page: Page, index: number): Promise<number> {
  const samples = await syncedSamples(page);
  return Math.max(0, ...samples.map((s) => squash(s[index] ?? '').split(' ').filter(Boolean).length));
}

interface Typist { words: string[]; on: boolean; done: Promise<void> }

/** Types numbered words at the end of a section until told to stop; `words` lists every word typed whole. */
async function startTyping(page: Page, region: Locator, tag: string): Promise<Typist> {
  const editor = sectionEditor(region);
  await editor.click();
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+End');
  const t: Typist = { words: [], on: true, done: Promise.resolve() };
  t.done = (async () => {
    for (let n = 1; t.on; n++) {
      const word = `${tag}${String(n).padStart(3, '0')}`;
      await page.keyboard.type(`${word} `, { delay: 10 });
      t.words.push(word);
    }
  })();
  return t;
}

/**
 * Ada and Ben type (each in their own section); once each has shown ≥ 8 of their words as synced, `kill` runs;
 * typing goes on until each page in `cut` shows it is offline and has typed 5 more words; then `restart` runs and
 * every page must end up "Synced" with every word typed, and with every text it or the other showed as synced.
 */
async function killMidTyping(o: {
  a: Page; b: Page; cut: Page[]; before?: [string, string]; kill: () => Promise<void>; restart: () => Promise<void>;
  fresh: () => Promise<Page>;
}) {
  const { a, b } = o;
  const titles = ['Ada', 'Ben'];
  for (const p of [a, b]) await watchSynced(p, titles);
  const ada = await startTyping(a, sectionRegion(a, 'Ada'), 'a');
  const ben = await startTyping(b, sectionRegion(b, 'Ben'), 'b');
  const typists = [ada, ben];
  try {
    await expect.poll(() => syncedWords(a, 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    await expect.poll(() => syncedWords(b, 1), { timeout: 60_000 }).toBeGreaterThanOrEqual(8);
    // Ben's browser also showed Ada's words as synced (they came from the server), and the other way round.
    await expect.poll(() => syncedWords(b, 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => syncedWords(a, 1), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    const atKill = typists.map((t) => t.words.length);
    await o.kill();
    for (const p of o.cut) await expect(syncStatus(p)).toHaveText(/^Offline — [1-9]\d* changes? waiting$/);
    await expect.poll(() => ada.words.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(atKill[0]! + 5);
    await expect.poll(() => ben.words.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(atKill[1]! + 5);
  } finally {
    for (const t of typists) t.on = false;
    await Promise.all(typists.map((t) => t.done.catch(() => {})));
  }
  const samples = [...await syncedSamples(a), ...await syncedSamples(b)];
  const shownSynced = titles.map((_, i) => Math.max(0, ...samples.map((s) => squash(s[i] ?? '').split(' ').filter(Boolean).length)));
  console.log(`collab-durability: ${samples.length} synced samples; words shown as synced before the kill: Ada ${shownSynced[0]}, Ben ${shownSynced[1]}; typed in all: Ada ${ada.words.length}, Ben ${ben.words.length}`);

  // The browsers that lost their server stay offline over the restart: they still hold every word and would
  // upload it again on reconnect, which would hide a server that lost what it had acknowledged. A third browser
  // with nothing of the document reads what the restarted server has.
  for (const p of o.cut) await p.context().setOffline(true);
  await o.restart();
  const c = await o.fresh();
  await expect(syncStatus(c)).toHaveText('Synced', RECONNECT);
  const expected = [ada.words, ben.words].map((w, i) => squash(`${o.before?.[i] ?? ''} ${w.join(' ')}`));
  for (const [i, title] of titles.entries()) {
    const fromServer = squash((await sectionEditor(sectionRegion(c, title)).textContent()) ?? '');
    const lost = samples.map((s) => squash(s[i] ?? '')).filter((s) => !fromServer.startsWith(s));
    // The longest such text names the loss (the shorter ones are its prefixes).
    expect(lost.sort((x, y) => y.length - x.length)[0], `text of "${title}" shown as synced but not served after the restart`).toBeUndefined();
    expect(expected[i]!.startsWith(fromServer), `the server's "${title}" is what was typed`).toBe(true);
  }

  for (const p of o.cut) await p.context().setOffline(false);
  for (const p of [a, b, c]) await expect(syncStatus(p), 'reconnected after the restart').toHaveText('Synced', RECONNECT);
  for (const p of [a, b, c]) {
    for (const [i, title] of titles.entries()) {
      const editor = sectionEditor(sectionRegion(p, title));
      // Every word typed by its writer, including those typed while the server was down, in every browser.
      await expect.poll(async () => squash((await editor.textContent()) ?? ''), RECONNECT).toBe(expected[i]);
    }
  }
}

// ---- tests -----------------------------------------------------------------------------------------------------

test('the server killed with SIGKILL mid-typing and restarted loses nothing either browser showed as synced', async ({ browser }) => {
  const port = basePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'longhand-durability-'));
  let close: (() => Promise<void>) | undefined;
  try {
    const env = { LONGHAND_DATA_DIR: dataDir };
    let server = await startServer(port, env);
    const s = await shared(browser, server.origin, server.origin);
    close = s.close;
    await killMidTyping({
      a: s.a, b: s.b, cut: [s.a, s.b], fresh: s.fresh,
      kill: () => sigkill(server),
      restart: async () => { server = await startServer(port, env); },
    });
  } finally {
    await close?.();
    for (const srv of started.splice(0)) await sigkill(srv);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** PostgreSQL and Redis must answer: this test fails (never skips) without them; .ci/run provides both. */
async function requireServices(): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${PG_URL} (${(e as Error).message}); the scale-out test needs it (.ci/run starts it)`);
  } finally {
    await c.end().catch(() => {});
  }
  const u = new URL(REDIS_URL);
  const reply = await new Promise<string>((ok) => {
    const sock = connect(Number(u.port || 6379), u.hostname);
    const fail = (why: string) => { sock.destroy(); ok(why); };
    sock.setTimeout(5_000, () => fail('no answer within 5 s'));
    sock.on('error', (e) => fail(e.message));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.setEncoding('utf8').on('data', (d: string) => { sock.end(); ok(d.trim()); });
  });
  if (reply !== '+PONG') throw new Error(`Redis is not reachable at ${REDIS_URL} (${reply}); the scale-out test needs it (.ci/run starts it)`);
}

test('scale-out: two instances with Redis and PostgreSQL; a user on each sees the other; one SIGKILLed and restarted loses nothing', async ({ browser }) => {
  await requireServices();
  const prefix = uniquePrefix('e2e');
  const env = { DATABASE_URL: PG_URL, COLLAB_TABLE_PREFIX: prefix, REDIS_URL, COLLAB_REDIS_PREFIX: prefix.replace(/_$/, '') };
  const [portA, portB] = [basePort(), basePort() + 1];
  let close: (() => Promise<void>) | undefined;
  try {
    let one = await startServer(portA, env);
    const two = await startServer(portB, env);
    const s = await shared(browser, one.origin, two.origin);
    close = s.close;
    const { a, b } = s;
    // Each sees the other's edits across instances (Redis carries them).
    await sectionEditor(sectionRegion(a, 'Ada')).click();
    await a.keyboard.type('Ada on one. ');
    await expect(sectionEditor(sectionRegion(b, 'Ada'))).toHaveText('Ada on one.');
    await sectionEditor(sectionRegion(b, 'Ben')).click();
    await b.keyboard.type('Ben on two. ');
    await expect(sectionEditor(sectionRegion(a, 'Ben'))).toHaveText('Ben on two.');

    // Instance one dies mid-typing: Ada (on it) goes offline, Ben (on two) keeps syncing.
    await killMidTyping({
      a, b, cut: [a], fresh: s.fresh, before: ['Ada on one.', 'Ben on two.'],
      kill: () => sigkill(one),
      restart: async () => { one = await startServer(portA, env); },
    });
  } finally {
    await close?.();
    for (const srv of started.splice(0)) await sigkill(srv);
    await dropTables(prefix);
  }
});
