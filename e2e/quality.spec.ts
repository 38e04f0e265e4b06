// Quality end to end against the fake upstream through the real proxy: the length score, Fit to target's
// Continue request, deterministic and judged checklist items, Fix as a revision proposal, and the stats view.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { newDocument, openApp, sectionEditor, sectionRegion } from './support/app';

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;

interface Recorded { text: string; path: string; at: number }

async function rule(r: { match: string; text: string; chunkSize?: number }): Promise<void> {
  const res = await fetch(`${FAKE}/__control/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
  expect(res.ok).toBe(true);
}

async function requests(containing: string): Promise<Recorded[]> {
  const res = await fetch(`${FAKE}/__control/requests`);
  return ((await res.json()) as Recorded[]).filter((r) => r.text.includes(containing));
}

// A loaded machine types slowly; one input event per call keeps the tests about quality, not typing speed.
test.setTimeout(120_000);

/** Types text at the end of a section's editor as one input event (still the writer's typing). */
async function typeInSection(page: Page, region: Locator, text: string): Promise<void> {
  await sectionEditor(region).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText(text);
}

const marker = (name: string) => `QM${name}${Math.random().toString(36).slice(2, 8)}`;
const words = (n: number, word = 'word') => Array.from({ length: n }, (_, i) => `${word}${i + 1}`).join(' ');

/** A new document with one section titled `title`, a brief holding the test's marker, and a target. */
async function section(page: Page, title: string, mark: string, target: number): Promise<Locator> {
  await openApp(page);
  await newDocument(page, `Quality ${mark}`);
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(title);
  const region = sectionRegion(page, title);
  await region.getByRole('textbox', { name: 'Section brief' }).fill(`Brief ${mark}.`);
  await region.getByRole('spinbutton', { name: 'Target words' }).fill(String(target));
  return region;
}

test('a section of 50 words with target 100 scores 50, and the stats view agrees', async ({ page }) => {
  const region = await section(page, 'Half', marker('len'), 100);
  await typeInSection(page, region, `${words(49)} end.`);
  await expect(region.getByLabel('Section word count')).toHaveText('50 / 100 words');
  const score = region.getByRole('meter', { name: 'Length score' });
  await expect(score).toHaveText('50');
  await expect(score).toHaveClass(/band-poor/);
  await expect(region.getByRole('button', { name: 'Fit to target' })).toBeEnabled();

  const stats = page.getByRole('region', { name: 'Document stats' });
  await expect(stats.getByLabel('Document length score')).toContainText('50');
  await expect(stats.getByRole('row', { name: /Half/ })).toContainText('50 / 100');
  await expect(stats.getByRole('img', { name: '50 of 100 words' })).toBeVisible();
  // Repetition figures come from the metrics worker once typing pauses.
  await expect(stats.getByRole('row', { name: /Half/ })).toContainText('rep-4 0.0%');
  await expect(region.getByLabel('Repetition and readability')).toContainText('Repeated 4-grams 0.0%');
  // Provenance: all 50 words were typed by the writer today.
  await expect(stats.getByLabel('Words written today')).toContainText('50 typed, 0 generated');

  // In band (±10%): 95 words score 97 and need no fit.
  await typeInSection(page, region, ` ${words(45, 'more')}`);
  await expect(score).toHaveText(String(Math.round(100 * (1 - (100 / 95 - 1) / 2))));
  await expect(region.getByRole('button', { name: 'Fit to target' })).toBeDisabled();
});

test('Fit to target on a short section sends a Continue request for the missing words', async ({ page }) => {
  const mark = marker('fit');
  const region = await section(page, 'Short one', mark, 100);
  await rule({ match: mark, text: `${words(50, 'added')}.` });
  await typeInSection(page, region, `${words(49)} end.`);
  await expect(region.getByRole('meter', { name: 'Length score' })).toHaveText('50');
  await region.getByRole('button', { name: 'Fit to target' }).click();

  await expect.poll(async () => (await requests(mark)).filter((r) => r.text.includes('Longhand task: continue')).length).toBe(1);
  const [req] = (await requests(mark)).filter((r) => r.text.includes('Longhand task: continue'));
  expect(req!.text).toContain('word49 end.'); // the section so far as context
  expect(req!.text).toMatch(/about 50 words/);
  await expect(region.getByLabel('Section word count')).toHaveText('100 / 100 words');
  await expect(region.getByRole('meter', { name: 'Length score' })).toHaveText('100');
  await expect(region.getByRole('status').filter({ hasText: 'In band after 1 round' })).toBeVisible();
  // Generated words are counted apart from typed ones.
  await expect(page.getByRole('region', { name: 'Document stats' }).getByLabel('Words written today')).toContainText('50 typed, 50 generated');
});

test('a quoted checklist item passes or fails by text search, with no model request', async ({ page }) => {
  const mark = marker('quote');
  const region = await section(page, 'Estates', mark, 50);
  await typeInSection(page, region, 'They drove to Pemberley at dusk and said nothing at all.');
  const checklist = region.getByRole('list', { name: 'Checklist' });
  const newItem = region.getByRole('textbox', { name: 'New checklist item' });
  await newItem.fill('must contain "pemberley"');
  await region.getByRole('button', { name: 'Add item' }).click();
  await newItem.fill('must contain "Netherfield"');
  await newItem.press('Enter');
  await expect(checklist.getByRole('listitem')).toHaveCount(2);
  await expect(checklist.getByRole('listitem').nth(0)).toContainText('unchecked');

  await region.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(checklist.getByRole('listitem').nth(0)).toContainText('pass');
  await expect(checklist.getByRole('listitem').nth(1)).toContainText('fail');
  await expect(checklist.getByRole('listitem').nth(0)).toContainText('checked');
  await expect(checklist.getByRole('listitem').nth(1).getByRole('button', { name: 'Fix' })).toBeVisible();
  expect(await requests('Longhand task: judge').then((r) => r.filter((x) => x.text.includes('Pemberley')))).toHaveLength(0);

  // Survives a reload (checklist states are document data).
  await page.reload();
  const again = sectionRegion(page, 'Estates').getByRole('list', { name: 'Checklist' });
  await expect(again.getByRole('listitem').nth(0)).toContainText('pass');
  await expect(again.getByRole('listitem').nth(1)).toContainText('fail');
});

test('an unquoted item is judged by a yes/no request', async ({ page }) => {
  const mark = marker('judge');
  const region = await section(page, 'Coast', mark, 50);
  await typeInSection(page, region, 'The keeper climbed the tower and lit the great lamp over the sea.');
  await rule({ match: `lighthouse keeper ${mark}`, text: 'Yes.' });
  await rule({ match: `a dragon ${mark}`, text: '**No** — there is no dragon.' });
  const newItem = region.getByRole('textbox', { name: 'New checklist item' });
  await newItem.fill(`mention the lighthouse keeper ${mark}`);
  await newItem.press('Enter');
  await newItem.fill(`a dragon ${mark}`);
  await newItem.press('Enter');
  await region.getByRole('button', { name: 'Check', exact: true }).click();
  const items = region.getByRole('list', { name: 'Checklist' }).getByRole('listitem');
  await expect(items.nth(0)).toContainText('pass');
  await expect(items.nth(1)).toContainText('fail');
  const judged = (await requests(mark)).filter((r) => r.text.includes('Longhand task: judge'));
  expect(judged).toHaveLength(2);
  expect(judged[0]!.text).toContain('<passage>');
  expect(judged[0]!.text).toContain('The keeper climbed the tower');
  expect(judged[0]!.text).toContain(`Does the text include this: mention the lighthouse keeper ${mark}? Answer yes or no.`);
});

test("a failed item's Fix opens a revision proposal; accepting it re-checks the item", async ({ page }) => {
  const mark = marker('fix');
  const region = await section(page, 'Fixable', mark, 50);
  await typeInSection(page, region, 'Elizabeth walked home alone through the fields.');
  await rule({ match: mark, text: 'Elizabeth walked home alone through the fields to Netherfield.' });
  await region.getByRole('textbox', { name: 'New checklist item' }).fill('must contain "Netherfield"');
  await region.getByRole('button', { name: 'Add item' }).click();
  await region.getByRole('button', { name: 'Check', exact: true }).click();
  const item = region.getByRole('list', { name: 'Checklist' }).getByRole('listitem').first();
  await expect(item).toContainText('fail');
  await item.getByRole('button', { name: 'Fix' }).click();

  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal).toBeVisible();
  await expect.poll(async () => (await requests(mark)).filter((r) => r.text.includes('Longhand task: revise')).length).toBe(1);
  const [req] = (await requests(mark)).filter((r) => r.text.includes('Longhand task: revise'));
  expect(req!.text).toContain('Revise to satisfy: must contain "Netherfield"');
  await proposal.getByRole('button', { name: 'Accept' }).click();
  await expect(item).toContainText('pass');
});

test('Fit to target on a long section proposes "Shorten by N words, keep the meaning"', async ({ page }) => {
  const mark = marker('shorten');
  const region = await section(page, 'Too long', mark, 100);
  await rule({ match: mark, text: `${words(100, 'short')}.` });
  await typeInSection(page, region, `${words(199)} end.`);
  await expect(region.getByRole('meter', { name: 'Length score' })).toHaveText('67');
  await region.getByRole('button', { name: 'Fit to target' }).click();
  await expect(region.getByRole('region', { name: 'Revision proposal' })).toBeVisible();
  await expect.poll(async () => (await requests(mark)).filter((r) => r.text.includes('Longhand task: revise')).length).toBe(1);
  const [req] = (await requests(mark)).filter((r) => r.text.includes('Longhand task: revise'));
  expect(req!.text).toContain('Shorten by 100 words, keep the meaning');
  await expect(region.getByRole('status').filter({ hasText: 'shorten proposal is ready' })).toBeVisible();
  // Nothing changes until the writer accepts.
  await expect(region.getByLabel('Section word count')).toHaveText('200 / 100 words');
  await region.getByRole('region', { name: 'Revision proposal' }).getByRole('button', { name: 'Accept' }).click();
  await expect(region.getByRole('meter', { name: 'Length score' })).toHaveText('100');
});

test('document items apply to every section or every Nth, and checks re-run after a generation', async ({ page }) => {
  const mark = marker('doc');
  const first = await section(page, 'First', mark, 50);
  await rule({ match: mark, text: 'A cold wind came off the river and Lisbon felt far away.' });
  await page.getByRole('textbox', { name: 'New document checklist item' }).fill('must contain "Lisbon"');
  await page.getByRole('button', { name: 'Add document item' }).click();
  await page.getByRole('textbox', { name: 'New document checklist item' }).fill('a weather note every 2nd section');
  await page.getByRole('button', { name: 'Add document item' }).click();
  await page.getByRole('button', { name: 'Add section' }).click();
  const second = sectionRegion(page, 'Untitled section');
  await expect(first.getByRole('list', { name: 'Checklist' }).getByRole('listitem')).toHaveText([/Lisbon/]);
  await expect(second.getByRole('list', { name: 'Checklist' }).getByRole('listitem')).toHaveText([/Lisbon/, /weather note/]);

  // Generate the first section: its checks run by themselves when the stream ends.
  await first.getByRole('button', { name: 'Generate section' }).click();
  await expect(sectionEditor(first)).toContainText('Lisbon felt far away');
  await expect(first.getByRole('list', { name: 'Checklist' }).getByRole('listitem').first()).toContainText('pass');
  await expect(second.getByRole('list', { name: 'Checklist' }).getByRole('listitem').first()).toContainText('unchecked');
});
