// "New link": the owner replaces a shared document's secret. The old link stops opening it; the owner goes on,
// on the same local copy; a collaborator cut off while offline is told why, keeps what they typed, and once they
// open the new link their words reach everyone. A read-only link lets its holder read and follow, not edit.
import { expect, test, type Page } from '@playwright/test';
import { newDocument, openApp, sectionEditor, sectionRegion } from './support/app';
import { shared, typeAtEnd } from './support/collab';

test('New link: the old link opens nothing, the owner goes on, and a collaborator\'s offline words arrive once they open the new link', async ({ browser }) => {
  const { a, b, ctxB, link, close } = await shared(browser, ['Draft']);
  await typeAtEnd(a, 'Draft', 'Ada wrote this.');
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this.');
  const syncOf = (p: typeof a) => p.getByRole('status', { name: 'Sync status' });

  // Cy is on the document too, online, when the link is replaced.
  const ctxD = await browser.newContext();
  const d = await ctxD.newPage();
  await d.goto(link);
  await expect(sectionEditor(sectionRegion(d, 'Draft'))).toHaveText('Ada wrote this.');
  await expect(syncOf(d)).toHaveText('Synced');

  // Ben goes offline and types: his words wait in his browser.
  await ctxB.setOffline(true);
  await expect(syncOf(b)).toHaveText(/^Offline/);
  await typeAtEnd(b, 'Draft', ' Ben typed this offline.');
  await expect(syncOf(b)).toHaveText(/^Offline — [1-9]\d* changes? waiting$/);

  // Ada replaces the link.
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = a.getByRole('dialog', { name: 'Share document' });
  const linkBox = dialog.getByRole('textbox', { name: 'Share link' });
  const old = await linkBox.inputValue();
  await dialog.getByRole('button', { name: 'New link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('This is a new link: the old one no longer opens the document.');
  const fresh = await linkBox.inputValue();
  expect(fresh).toMatch(/\/#\/shared\/d_[^/]+\/[A-Za-z0-9_-]{43}$/);
  expect(fresh).not.toBe(old);
  await dialog.getByRole('button', { name: 'Close' }).click();
  // Cy, online, is cut off with the reason; his page keeps the text.
  await expect(syncOf(d)).toHaveText(/^Not synced: The owner replaced the link to this document\. Open the new link/);
  await expect(sectionEditor(sectionRegion(d, 'Draft'))).toHaveText('Ada wrote this.');
  await ctxD.close();
  // The owner is back on the new link at once, and what she types goes to the server.
  await expect(syncOf(a)).toHaveText('Synced');
  await typeAtEnd(a, 'Draft', ' Ada wrote on.');
  await expect(syncOf(a)).toHaveText('Synced');

  // The old link opens nothing, in a browser that never had the document.
  const ctxC = await browser.newContext();
  const c = await ctxC.newPage();
  await c.goto(old);
  await expect(c.getByRole('alert').filter({ hasText: 'This share link is not valid' })).toBeVisible();
  await expect(c.getByText('Ada wrote this.')).toHaveCount(0);
  await ctxC.close();

  // Ben comes back: his browser says why it is cut off, and his words are still on his page.
  await ctxB.setOffline(false);
  // (It was offline when the link was replaced, so it cannot know whether the link was replaced or sharing stopped.)
  await expect(syncOf(b)).toHaveText(/^Not synced: This link no longer opens the document: its owner replaced the link or stopped sharing\./);
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this. Ben typed this offline.');

  // He opens the new link in the same tab: his offline words reach Ada, and Ada's later words reach him.
  await b.goto(fresh);
  await expect(syncOf(b)).toHaveText('Synced');
  for (const p of [a, b]) {
    const editor = sectionEditor(sectionRegion(p, 'Draft'));
    await expect(editor).toContainText('Ben typed this offline.');
    await expect(editor).toContainText('Ada wrote on.');
  }
  const text = async (p: typeof a) => sectionEditor(sectionRegion(p, 'Draft')).textContent();
  expect(await text(b)).toBe(await text(a));
  expect((await text(a))!.split('Ben typed this offline.')).toHaveLength(2);
  expect((await text(a))!.split('Ada wrote this.')).toHaveLength(2);
  // Merged: his copy under the old link is deleted; nothing of it was missing, so no copy was kept.
  await expect.poll(() => sharedCopies(b)).toHaveLength(1);
  await expect(b.getByText(/Your copy from the earlier link/)).toHaveCount(0);
  await close();
});

/** The names of this page's copies of shared documents (y-indexeddb databases, one per share it opened). */
const sharedCopies = (p: Page) => p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('longhand-y-')));

test('shared again after Stop sharing: a collaborator who opens the new link gets the document once, not merged with the old share, and what only they had is kept as a copy', async ({ browser }) => {
  const { a, b, close } = await shared(browser, ['Draft']);
  await typeAtEnd(a, 'Draft', 'Ada wrote this.');
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this.');
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = a.getByRole('dialog', { name: 'Share document' });
  await dialog.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(b.getByRole('status', { name: 'Sync status' })).toHaveText('Not synced: Sharing of this document was stopped by its owner.');
  // Ben writes on after he was cut off: those words reach no one, and the new share will not hold them.
  await typeAtEnd(b, 'Draft', ' Ben kept writing.');
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this. Ben kept writing.');
  await expect(b.getByRole('status', { name: 'Save status' })).toHaveText('Saved in this browser');
  // Shared again: a new share, seeded from Ada's text. Ben's copy of the old share has another history; merging
  // it would write every paragraph twice.
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  const link = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(link).toHaveValue(/\/#\/shared\/d_[^/]+\/[A-Za-z0-9_-]{43}$/);
  const fresh = await link.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await typeAtEnd(a, 'Draft', ' Then more.');
  await expect(a.getByRole('status', { name: 'Sync status' })).toHaveText('Synced');
  await b.goto(fresh);
  await expect(b.getByRole('status', { name: 'Sync status' })).toHaveText('Synced');
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this. Then more.');
  await expect(sectionEditor(sectionRegion(a, 'Draft'))).toHaveText('Ada wrote this. Then more.');
  // His words are not lost: his copy of the old share is kept as a document of his own, and the old share's
  // database in his browser is gone (one copy: the new share's).
  await expect(b.getByText(/^Your copy from the earlier link had text that is not in the shared document\. It is kept in your library as “Shared-\w+ \(your earlier copy\)”\.$/)).toBeVisible();
  await expect.poll(() => sharedCopies(b)).toHaveLength(1);
  const copy = b.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Open Shared-\w+ \(your earlier copy\)/ });
  await copy.click();
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this. Ben kept writing.');
  await close();
});

test('only the person who shared can replace the link or stop sharing: a guest\'s dialog has both disabled and says why; once cut off, the guest may stop sharing on their side, and their own words outlive a later link', async ({ browser }) => {
  const { a, b, close } = await shared(browser, ['Draft']);
  const ONLY_OWNER = 'Only the person who shared this document can replace its link or stop sharing.';
  const syncOf = (p: typeof a) => p.getByRole('status', { name: 'Sync status' });
  const guestSees = async () => {
    await b.getByRole('button', { name: 'Share', exact: true }).click();
    const guest = b.getByRole('dialog', { name: 'Share document' });
    await expect(guest.getByText(ONLY_OWNER)).toBeVisible();
    await expect(guest.getByRole('button', { name: 'New link' })).toBeDisabled();
    await expect(guest.getByRole('button', { name: 'Stop sharing' })).toBeDisabled();
    // The link itself is still theirs to copy.
    await expect(guest.getByRole('textbox', { name: 'Share link' })).toHaveValue(/\/#\/shared\/d_[^/]+\/[A-Za-z0-9_-]{43}$/);
    await expect(guest.getByRole('button', { name: 'Copy link' })).toBeEnabled();
    await guest.getByRole('button', { name: 'Close' }).click();
  };
  await guestSees();

  // The owner's dialog: both enabled, no such note, and New link works.
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = a.getByRole('dialog', { name: 'Share document' });
  await expect(dialog.getByRole('button', { name: 'New link' })).toBeEnabled();
  await expect(dialog.getByRole('button', { name: 'Stop sharing' })).toBeEnabled();
  await expect(dialog.getByText(ONLY_OWNER)).toHaveCount(0);
  await dialog.getByRole('button', { name: 'New link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('This is a new link: the old one no longer opens the document.');
  const fresh = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(syncOf(b)).toHaveText(/^Not synced: The owner replaced the link to this document\./);

  // Ben opens the new link: he writes along, and is still a guest.
  await b.goto(fresh);
  await expect(syncOf(b)).toHaveText('Synced');
  await guestSees();

  // Ada stops sharing: it works for her, and Ben is cut off.
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(dialog.getByRole('button', { name: 'Stop sharing' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(syncOf(b)).toHaveText('Not synced: Sharing of this document was stopped by its owner.');
  await expect(syncOf(a)).toHaveCount(0);

  // Cut off, Ben may stop sharing on his side: the document becomes an ordinary one in his browser.
  await b.getByRole('button', { name: 'Share', exact: true }).click();
  const guest = b.getByRole('dialog', { name: 'Share document' });
  await expect(guest.getByText(/^This link no longer opens the document\. “Stop sharing” keeps it in this browser/)).toBeVisible();
  await expect(guest.getByRole('button', { name: 'New link' })).toBeDisabled();
  await guest.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(guest).toHaveCount(0);
  await expect(syncOf(b)).toHaveCount(0);
  await typeAtEnd(b, 'Draft', 'Ben wrote this on his own.');
  await expect(b.getByRole('status', { name: 'Save status' })).toHaveText('All changes saved');

  // Ada shares again and writes; Ben opens her new link on the same document. His own words are not in it: they
  // are kept as a copy, not overwritten.
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  const again = await dialog.getByRole('textbox', { name: 'Share link' });
  await expect(again).toHaveValue(/\/#\/shared\/d_[^/]+\/[A-Za-z0-9_-]{43}$/);
  const third = await again.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await typeAtEnd(a, 'Draft', 'Ada wrote again.');
  await expect(syncOf(a)).toHaveText('Synced');
  await b.goto(third);
  await expect(syncOf(b)).toHaveText('Synced');
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote again.');
  await expect(b.getByText(/^Your copy of this document had text that is not in the shared document\. It is kept in your library as “Shared-\w+ \(your earlier copy\)”\.$/)).toBeVisible();
  await b.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Open Shared-\w+ \(your earlier copy\)/ }).click();
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ben wrote this on his own.');
  await close();
});

test('a read-only link: the reader sees the text and follows the owner\'s typing, cannot edit or generate, their keystrokes reach no one, New link cuts them off, and they may then stop sharing on their side', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const a = await ctxA.newPage();
  await openApp(a);
  await newDocument(a, `Shared-${Math.random().toString(36).slice(2, 8)}`);
  await sectionRegion(a, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill('Draft');
  await typeAtEnd(a, 'Draft', 'Chapter one.');
  const syncOf = (p: Page) => p.getByRole('status', { name: 'Sync status' });
  const editorOf = (p: Page) => sectionEditor(sectionRegion(p, 'Draft'));

  // The owner shares and copies the read-only link from the dialog.
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = a.getByRole('dialog', { name: 'Share document' });
  const LINK = /\/#\/shared\/d_[^/]+\/[A-Za-z0-9_-]{43}$/;
  await expect(dialog.getByRole('textbox', { name: 'Share link' })).toHaveValue(LINK);
  const readBox = dialog.getByRole('textbox', { name: 'Read-only link' });
  await expect(readBox).toHaveValue(LINK);
  await expect(dialog.getByRole('button', { name: 'Copy read-only link' })).toBeEnabled();
  await expect(dialog.getByText('the read-only link lets them read and follow the changes, not edit')).toBeVisible();
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  const readLink = await readBox.inputValue();
  expect(readLink).not.toBe(link);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(syncOf(a)).toHaveText('Synced');

  // The reader opens it in another browser and sees the text, read-only.
  const ctxR = await browser.newContext();
  const r = await ctxR.newPage();
  await r.goto(readLink);
  await expect(editorOf(r)).toHaveText('Chapter one.');
  await expect(syncOf(r)).toHaveText('Synced');
  await expect(editorOf(r)).toHaveAttribute('contenteditable', 'false');
  await expect(sectionRegion(r, 'Draft').getByRole('button', { name: 'Generate section' })).toBeDisabled();
  const REASON = 'Read-only link: you can read this document and follow its changes, not edit it.';
  await expect(r.getByRole('alert').filter({ hasText: REASON })).toBeVisible();
  // Their dialog: their own link, New link and Stop sharing disabled, and it says it is a read-only link.
  await r.getByRole('button', { name: 'Share', exact: true }).click();
  const readerDialog = r.getByRole('dialog', { name: 'Share document' });
  await expect(readerDialog.getByRole('textbox', { name: 'Share link' })).toHaveValue(readLink);
  await expect(readerDialog.getByText('This is a read-only link: you can read this document and follow its changes, not edit it.')).toBeVisible();
  await expect(readerDialog.getByRole('button', { name: 'New link' })).toBeDisabled();
  await expect(readerDialog.getByRole('button', { name: 'Stop sharing' })).toBeDisabled();
  await expect(readerDialog.getByRole('textbox', { name: 'Read-only link' })).toHaveCount(0);
  await readerDialog.getByRole('button', { name: 'Close' }).click();

  // The owner types; the reader sees it.
  await typeAtEnd(a, 'Draft', ' Chapter two.');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');

  // The reader tries to type: nothing is typed, and the page says so.
  await editorOf(r).click();
  await r.keyboard.type('Reader scribble');
  await expect(r.getByRole('alert').filter({ hasText: 'Not typed: this document is read-only here.' })).toBeVisible();
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two.');
  // The owner writes on; once the reader has that, anything the reader had sent before it would be there too.
  await typeAtEnd(a, 'Draft', ' Chapter three.');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two. Chapter three.');
  await expect(editorOf(a)).toHaveText('Chapter one. Chapter two. Chapter three.');
  await expect(syncOf(a)).toHaveText('Synced');
  // The reader's own records follow the shared text: their library counts the owner's words.
  await expect(r.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Open Shared-/ }).getByText(/^6 words ·/)).toBeVisible();
  // A fresh browser on the normal link gets the owner's text, nothing of the reader's.
  const ctxC = await browser.newContext();
  const c = await ctxC.newPage();
  await c.goto(link);
  await expect(editorOf(c)).toHaveText('Chapter one. Chapter two. Chapter three.');
  await expect(editorOf(c)).toHaveAttribute('contenteditable', 'true');
  await ctxC.close();

  // New link cuts the reader off, and gives the owner a new read-only link too.
  await a.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('button', { name: 'New link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('This is a new link: the old one no longer opens the document.');
  await expect(readBox).toHaveValue(LINK);
  await expect(readBox).not.toHaveValue(readLink);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(syncOf(r)).toHaveText(/^Not synced: The owner replaced the link to this document\./);
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two. Chapter three.');
  // Cut off, the reader may stop sharing on their side: the document is then an ordinary one of theirs.
  await r.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(readerDialog.getByRole('button', { name: 'New link' })).toBeDisabled();
  await readerDialog.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(readerDialog).toHaveCount(0);
  await expect(syncOf(r)).toHaveCount(0);
  await expect(r.getByRole('alert').filter({ hasText: REASON })).toHaveCount(0);
  await expect(editorOf(r)).toHaveAttribute('contenteditable', 'true');
  await expect(editorOf(r)).toHaveText('Chapter one. Chapter two. Chapter three.');
  await ctxR.close();
  await ctxA.close();
});
