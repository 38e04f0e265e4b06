// Shared-document e2e helpers (e2e/collab*.spec.ts). Every helper finds elements by role and name.
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { addSection, newDocument, openApp, sectionEditor, sectionRegion } from './app';

const uid = () => Math.random().toString(36).slice(2, 8);

/** The fake model server the app talks to (playwright.config.ts starts it). */
export const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;

/** Tells the fake model server what to answer a request whose text contains `match`. */
export async function rule(request: APIRequestContext, r: { match: string; text?: string; chunkSize?: number; delayMs?: number }) {
  const res = await request.post(`${FAKE}/__control/rules`, { data: r });
  expect(res.ok()).toBe(true);
}

/** Opens "Share document" (sharing the open document if it is not yet), sets "Your name" and returns the share link. */
export async function setName(page: Page, name: string): Promise<string> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share document' });
  const link = dialog.getByRole('textbox', { name: 'Share link' });
  await expect(link).toHaveValue(/\/#\/shared\/d_[^/]+\/[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('textbox', { name: 'Your name' }).fill(name);
  const value = await link.inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return value;
}

/** Ada shares a document with the given sections; Ben opens the link in another browser context. `prepare` runs
 * on each context before its page opens (e.g. to route its sync socket). */
export async function shared(browser: Browser, sections: string[], prepare?: (ctx: BrowserContext) => Promise<void>) {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  if (prepare) { await prepare(ctxA); await prepare(ctxB); }
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await openApp(a);
  await newDocument(a, `Shared-${uid()}`);
  await sectionRegion(a, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(sections[0]!);
  for (const s of sections.slice(1)) await addSection(a, s);
  const link = await setName(a, 'Ada');
  await expect(a.getByRole('status', { name: 'Sync status' })).toHaveText('Synced');

  await b.goto(link);
  for (const s of sections) await expect(sectionEditor(sectionRegion(b, s))).toBeVisible();
  // The secret is kept with the document, not in the address bar.
  expect(b.url()).not.toContain('/shared/');
  await setName(b, 'Ben');
  for (const p of [a, b]) {
    const people = p.getByRole('list', { name: 'People here' }).getByRole('listitem');
    await expect(people.filter({ hasText: 'Ada' })).toHaveCount(1);
    await expect(people.filter({ hasText: 'Ben' })).toHaveCount(1);
  }
  return { a, b, ctxA, ctxB, link, close: async () => { await ctxA.close(); await ctxB.close(); } };
}

export async function typeAtEnd(page: Page, section: string, text: string) {
  const editor = sectionEditor(sectionRegion(page, section));
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}
