// Read-only links, the reader's side: cut off by Stop sharing or New link (told why, keeps the text, stays
// read-only, sends nothing), the old read-only link refused in a fresh browser, an offline reader reopening the
// document from this browser's copy, and a reader following an owner who generates. Every wait is on what a person
// would see (a status, an editor's text), or on what the reader's page sent.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { newDocument, openApp, sectionEditor, sectionRegion } from './support/app';
import { rule, typeAtEnd } from './support/collab';

const uid = () => Math.random().toString(36).slice(2, 8);
const LINK = /\/#\/shared\/d_[^/]+\/[A-Za-z0-9_-]{43}$/;
const READ_ONLY = 'Read-only link: you can read this document and follow its changes, not edit it.';
const syncOf = (p: Page) => p.getByRole('status', { name: 'Sync status' });

/**
 * The owner makes a document with one section holding `text`, shares it and takes both links from the dialog; a
 * reader opens the read-only link in another browser and sees the text, read-only. `prepare` runs on the reader's
 * context before its page opens.
 */
async function sharedWithReader(browser: Browser, opts: { section?: string; text?: string; prepare?: (ctx: BrowserContext) => Promise<void> } = {}) {
  const section = opts.section ?? 'Draft';
  const text = opts.text ?? 'Chapter one.';
  const title = `Shared-${uid()}`;
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await openApp(a);
  await newDocument(a, title);
  await sectionRegion(a, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(section);
  await typeAtEnd(a, section, text);
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = a.getByRole('dialog', { name: 'Share document' });
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveValue(LINK);
  await expect(dialog.getByRole('textbox', { name: 'Read-only link' })).toHaveValue(LINK);
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  const readLink = await dialog.getByRole('textbox', { name: 'Read-only link' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(syncOf(a)).toHaveText('Synced');

  const ctxR = await browser.newContext();
  await opts.prepare?.(ctxR);
  const r = await ctxR.newPage();
  await r.goto(readLink);
  const editorOf = (p: Page) => sectionEditor(sectionRegion(p, section));
  await expect(editorOf(r)).toHaveText(text);
  await expect(syncOf(r)).toHaveText('Synced');
  await expectReadOnly(r, editorOf(r));
  return {
    a, r, ctxA, ctxR, link, readLink, title, dialog, editorOf,
    close: async () => { await ctxR.close(); await ctxA.close(); },
  };
}

/** The page is read-only the way a reader sees it: the status bar says so and the editor takes no typing. */
async function expectReadOnly(p: Page, editor: ReturnType<typeof sectionEditor>) {
  await expect(p.getByRole('alert').filter({ hasText: READ_ONLY })).toBeVisible();
  await expect(editor).toHaveAttribute('contenteditable', 'false');
}

/** Types into a read-only editor: nothing is typed, and the status bar says so. */
async function triesToType(p: Page, editor: ReturnType<typeof sectionEditor>, text: string) {
  const before = await editor.textContent();
  await editor.click();
  await p.keyboard.type(text);
  await expect(p.getByRole('alert').filter({ hasText: 'Not typed: this document is read-only here.' })).toBeVisible();
  await expect(editor).toHaveText(before ?? '');
}

/**
 * The reader's sync sockets, passed through Playwright, counting what its page sends that would change the
 * document: a Yjs update (sync message type 2), or a sync step 2 holding structs. A reader sends neither (its
 * step 2 answers the server's step 1 with nothing the server lacks).
 */
function sentChanges() {
  const changes: Buffer[] = [];
  let sockets = 0;
  const isChange = (m: Buffer) => {
    let pos = 0;
    const varUint = () => {
      let n = 0;
      let mult = 1;
      for (;;) {
        const b = m[pos++]!;
        n += (b & 0x7f) * mult;
        if (b < 0x80) return n;
        mult *= 128;
      }
    };
    const nameLength = varUint(); // the document name
    pos += nameLength;
    if (varUint() !== 0) return false; // not a sync message
    const type = varUint();
    if (type === 2) return true; // an update: only ever sent for a change made in this browser
    if (type !== 1) return false;
    varUint(); // length of the step 2's update
    return m[pos] !== 0; // its first varUint counts the clients with structs
  };
  return {
    changes,
    sockets: () => sockets,
    route: (ctx: BrowserContext) => ctx.routeWebSocket(/\/collab/, (ws) => {
      sockets++;
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (typeof m !== 'string' && isChange(m)) changes.push(m);
        server.send(m);
      });
    }),
  };
}

test('a reader cut off by Stop sharing is told so, keeps the text it had, stays read-only, and a reload of its page keeps all that', async ({ browser }) => {
  const { a, r, dialog, editorOf, close } = await sharedWithReader(browser);
  await typeAtEnd(a, 'Draft', ' Chapter two.');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');

  await a.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(syncOf(r)).toHaveText('Not synced: Sharing of this document was stopped by its owner.');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');
  await expectReadOnly(r, editorOf(r));
  await triesToType(r, editorOf(r), 'Reader scribble');
  // The owner's document is hers again; what she writes now reaches no reader.
  await typeAtEnd(a, 'Draft', ' Chapter three.');
  await expect(a.getByRole('status', { name: 'Save status' })).toHaveText('All changes saved');

  // A reload opens the reader's copy: still read-only, the same text, and the link is said to open nothing.
  await r.reload();
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');
  // This browser had the document, so the link "no longer opens" it (not "is not valid"), even when the server's
  // refusal comes before this browser's copy has loaded (the session words it again once it has).
  await expect(syncOf(r)).toHaveText(/^Not synced: This link no longer opens the document: its owner replaced the link or stopped sharing\./);
  await expectReadOnly(r, editorOf(r));
  await triesToType(r, editorOf(r), 'Reader scribble');
  await close();
});

test('a reader cut off by New link is told so, keeps the text and sends nothing; the shared document holds only the owner\'s words, and the old read-only link opens nothing in a fresh browser', async ({ browser }) => {
  const sent = sentChanges();
  const { a, r, link, readLink, dialog, editorOf, close } = await sharedWithReader(browser, { prepare: sent.route });
  await typeAtEnd(a, 'Draft', ' Chapter two.');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');
  await triesToType(r, editorOf(r), 'Reader scribble');
  // Nor does a title take any typing.
  const titleBox = sectionRegion(r, 'Draft').getByRole('textbox', { name: 'Section title' });
  await titleBox.click();
  await r.keyboard.type(' renamed');
  await expect(titleBox).toHaveValue('Draft');

  await a.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('button', { name: 'New link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('This is a new link: the old one no longer opens the document.');
  const fresh = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  const freshRead = await dialog.getByRole('textbox', { name: 'Read-only link' }).inputValue();
  expect([fresh, freshRead]).not.toContain(link);
  expect([fresh, freshRead]).not.toContain(readLink);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await expect(syncOf(r)).toHaveText(/^Not synced: The owner replaced the link to this document\. Open the new link they send you/);
  // (Its reconnect with the old secret was refused: that was its last socket.)
  const socketsWhenCutOff = sent.sockets();
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');
  await expectReadOnly(r, editorOf(r));
  await triesToType(r, editorOf(r), 'Reader scribble');

  // The owner writes on under the new link; a fresh browser on it gets her words and nothing from the reader.
  await typeAtEnd(a, 'Draft', ' Chapter three.');
  await expect(syncOf(a)).toHaveText('Synced');
  const ctxC = await browser.newContext();
  const c = await ctxC.newPage();
  await c.goto(fresh);
  await expect(editorOf(c)).toHaveText('Chapter one. Chapter two. Chapter three.');
  await expect(syncOf(c)).toHaveText('Synced');
  await ctxC.close();
  // The reader's page never sent a change, and did not try again after it was refused.
  expect(sent.changes).toEqual([]);
  expect(sent.sockets()).toBe(socketsWhenCutOff);

  // The old read-only link, in a browser that never had the document: refused, and none of the document shown.
  const ctxD = await browser.newContext();
  const d = await ctxD.newPage();
  await d.goto(readLink);
  await expect(d.getByRole('alert').filter({ hasText: 'This share link is not valid' })).toBeVisible();
  await expect(d.getByText('Chapter one.')).toHaveCount(0);
  await expect(sectionRegion(d, 'Draft')).toHaveCount(0);
  await ctxD.close();
  await close();
});

test('a reader offline reopens the document from this browser\'s copy, read-only, and follows the owner again once back online', async ({ browser }) => {
  const { a, r, ctxR, title, editorOf, close } = await sharedWithReader(browser);
  await typeAtEnd(a, 'Draft', ' Chapter two.');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');

  await ctxR.setOffline(true);
  await expect(syncOf(r)).toHaveText(/^Offline/);
  await typeAtEnd(a, 'Draft', ' Written while the reader was away.');
  await expect(syncOf(a)).toHaveText('Synced');
  // The reader opens another document and comes back to the shared one: it opens from this browser's copy, with
  // no server to say what the link allows, and is read-only all the same.
  await newDocument(r, `Notes-${uid()}`);
  await expect(r.getByRole('alert').filter({ hasText: READ_ONLY })).toHaveCount(0);
  await r.getByRole('region', { name: 'Documents' }).getByRole('button', { name: `Open ${title}` }).click();
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');
  await expect(syncOf(r)).toHaveText(/^Offline/);
  await expectReadOnly(r, editorOf(r));
  await triesToType(r, editorOf(r), 'Offline scribble');

  // Back online: the owner's words written meanwhile arrive, and so do later ones; the page stays read-only.
  await ctxR.setOffline(false);
  await expect(syncOf(r)).toHaveText('Synced');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two. Written while the reader was away.');
  await typeAtEnd(a, 'Draft', ' And after.');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two. Written while the reader was away. And after.');
  await expectReadOnly(r, editorOf(r));
  await expect(editorOf(a)).toHaveText('Chapter one. Chapter two. Written while the reader was away. And after.');
  await close();
});

test('a reader stays connected while the owner generates a section, and sees it written', async ({ browser, request }) => {
  const section = `RGen-${uid()}`;
  const text = Array.from({ length: 30 }, (_, i) => `Streamed sentence ${i + 1} for the reader.`).join(' ');
  await rule(request, { match: `Write section 1: "${section}"`, text, chunkSize: 6, delayMs: 40 });
  const { a, r, editorOf, close } = await sharedWithReader(browser, { section, text: 'Typed first.' });

  const region = sectionRegion(a, section);
  await region.getByRole('button', { name: 'Generate section' }).click();
  await region.getByRole('group', { name: 'The section has text' }).getByRole('button', { name: 'Replace' }).click();
  // The reader sees it being written (the owner's claim reached it), before and after it is finished.
  await expect(sectionRegion(r, section).getByRole('status').filter({ hasText: /^Being written by / })).toBeVisible();
  await expect(editorOf(r)).toContainText('Streamed sentence 1 for');
  await expect(editorOf(r)).toContainText('Streamed sentence 30 for the reader.');
  await expect(sectionRegion(r, section).getByRole('status').filter({ hasText: /^Being written by / })).toHaveCount(0);
  await expect(syncOf(r)).toHaveText('Synced');
  await typeAtEnd(a, section, ' Typed after.');
  await expect(editorOf(r)).toContainText('Streamed sentence 30 for the reader. Typed after.');
  await expect(syncOf(r)).toHaveText('Synced');
  await expectReadOnly(r, editorOf(r));
  await close();
});
