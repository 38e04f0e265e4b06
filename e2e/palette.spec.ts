// The command palette (Ctrl/⌘+K) reads the one command registry: it filters commands by name, runs the selected
// one on the focused section, lists disabled commands without running them, and gives focus back on Escape.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectSaved, newDocument, openApp, sectionEditor, sectionRegion } from './support/app';

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;
const uid = () => Math.random().toString(36).slice(2, 8);

// Each test waits on conditions; slow() only gives a loaded machine room (several steps, each a round trip).
test.beforeEach(() => { test.slow(); });

async function rule(request: APIRequestContext, r: { match: string; text: string }) {
  const res = await request.post(`${FAKE}/__control/rules`, { data: r });
  expect(res.ok()).toBe(true);
}
async function recorded(request: APIRequestContext, match: string): Promise<number> {
  const all = (await (await request.get(`${FAKE}/__control/requests`)).json()) as { text: string }[];
  return all.filter((r) => r.text.includes(match)).length;
}

test('Ctrl+K: filter to Generate section, Enter runs it on the focused section; a disabled command does not run', async ({ page, request }) => {
  const mark = `PALETTE-${uid()}`;
  await rule(request, { match: mark, text: 'The palette wrote this section.' });
  await openApp(page);
  await newDocument(page, `Palette ${mark}`);
  const region = sectionRegion(page, 'Untitled section');
  await region.getByRole('textbox', { name: 'Section title' }).fill('Harbour');
  const harbour = sectionRegion(page, 'Harbour');
  await harbour.getByRole('textbox', { name: 'Section brief' }).fill(`Brief ${mark}`);
  await sectionEditor(harbour).click();

  // A disabled command is listed as disabled, and Enter on it does nothing: nothing streams, so Stop is off.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  const input = palette.getByRole('combobox', { name: 'Command' });
  await expect(input).toBeFocused();
  await input.fill('stop');
  const stop = palette.getByRole('option', { name: 'Stop', exact: true });
  await expect(stop).toHaveAttribute('aria-selected', 'true');
  await expect(stop).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toBeVisible();

  // Escape closes and gives focus back to the section's editor.
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  await expect(sectionEditor(harbour)).toBeFocused();

  // Filter by name, shortcuts shown beside the names, Enter runs the selected command.
  await page.keyboard.press('Control+k');
  await input.fill('neutral');
  await expect(palette.getByRole('option', { name: 'More neutral', exact: true })).toContainText('Ctrl+Alt+N');
  await input.fill('gen');
  await expect(palette.getByRole('option').first()).toHaveAccessibleName('Generate section');
  const gen = palette.getByRole('option', { name: 'Generate section', exact: true });
  await expect(gen).toHaveAttribute('aria-selected', 'true');
  await expect(gen).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(sectionEditor(harbour)).toHaveText('The palette wrote this section.');
  await expect(harbour.getByRole('button', { name: 'Generate section' })).toBeEnabled();
  expect(await recorded(request, `Brief ${mark}`)).toBeGreaterThanOrEqual(1);
});

test('the palette opens Settings, and the Settings button reads the same command', async ({ page }) => {
  await openApp(page);
  await newDocument(page, `Prefs ${uid()}`);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Command' }).fill('sett');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
});

// The registry's chunks load after the page's first keystroke (src/app/App.tsx). Ctrl+K pressed before they are
// there is held, not lost and not typed: here they are kept back until after the key press.
test('Ctrl+K pressed before the command registry has loaded opens the palette once it has', async ({ page }) => {
  await openApp(page);
  await newDocument(page, `Early ${uid()}`);
  await expectSaved(page);
  const held: Array<() => Promise<void>> = [];
  let holding = true;
  await page.route(/\/assets\/commands-[^/]*\.js$/, (route) => (holding ? void held.push(() => route.continue()) : route.continue()));
  await page.reload();
  const editor = sectionEditor(sectionRegion(page, 'Untitled section'));
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  await editor.focus();
  // Typing one letter first releases the rest of the page, which requests the registry (held back here).
  await page.keyboard.type('a');
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  holding = false;
  for (const release of held.splice(0)) await release();
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox', { name: 'Command' })).toBeFocused();
  await expect(editor).toHaveText('a');
});
