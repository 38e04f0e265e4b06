// Story bible end to end against the fake upstream through the real proxy: entries edited on the page go into
// the prompts of the sections that mention them (and "always include" ones into every prompt), extraction
// suggestions are accepted and rejected one by one, a consistency contradiction offers a Fix proposal, and the
// bible survives a reload and a Markdown export and import.
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import mammoth from 'mammoth';
import {
  addSection, expectSaved, exportMarkdownText, importMarkdownText, newDocument, openApp, sectionEditor, sectionRegion, typeInSection,
} from './support/app';

test.describe.configure({ timeout: 180_000 });

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;
interface Recorded { text: string }
interface Rule { match: string; also?: string[]; text: string }

async function rule(r: Rule): Promise<void> {
  const res = await fetch(`${FAKE}/__control/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
  expect(res.ok).toBe(true);
}
async function recorded(...all: string[]): Promise<Recorded[]> {
  const res = await fetch(`${FAKE}/__control/requests`);
  return ((await res.json()) as Recorded[]).filter((r) => all.every((m) => r.text.includes(m)));
}
const uid = () => Math.random().toString(36).slice(2, 8);

async function wordExport(page: Page, withBible: boolean): Promise<string> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const option = page.getByRole('menuitemcheckbox', { name: 'Include story bible' });
  if ((await option.getAttribute('aria-checked')) !== String(withBible)) await option.click();
  await expect(option).toHaveAttribute('aria-checked', String(withBible));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Word (.docx)' }).click()]);
  const chunks: Buffer[] = [];
  for await (const c of await (download as Download).createReadStream()) chunks.push(c as Buffer);
  return (await mammoth.convertToHtml({ buffer: Buffer.concat(chunks) })).value;
}

const bible = (page: Page) => page.getByRole('region', { name: 'Story bible' });
const entriesList = (page: Page) => bible(page).getByRole('list', { name: 'Story bible entries' });

async function addEntry(page: Page, e: { name: string; aliases?: string; kind?: string; description: string; always?: boolean }): Promise<void> {
  await bible(page).getByRole('button', { name: 'Add entry' }).click();
  const item = entriesList(page).getByRole('listitem', { name: 'New entry' });
  await item.getByRole('textbox', { name: 'Entry name' }).fill(e.name);
  const named = entriesList(page).getByRole('listitem', { name: e.name, exact: true });
  if (e.aliases) await named.getByRole('textbox', { name: 'Entry aliases' }).fill(e.aliases);
  if (e.kind) await named.getByRole('combobox', { name: 'Entry kind' }).selectOption(e.kind);
  await named.getByRole('textbox', { name: 'Entry description' }).fill(e.description);
  if (e.always) await named.getByRole('checkbox', { name: 'Always include' }).check();
  // Close the editor: the list shows names.
  await named.getByRole('button', { expanded: true }).click();
}

async function generated(region: Locator): Promise<void> {
  await region.getByRole('button', { name: 'Generate section' }).click();
  await expect(sectionEditor(region)).toContainText('Fake upstream reply', { timeout: 60_000 });
  await expect(region.getByRole('button', { name: 'Generate section' })).toBeVisible({ timeout: 60_000 });
}

test('entries go into the prompts of sections that mention them; "always include" into every one; extraction runs after writing', async ({ page }) => {
  const id = uid();
  const title = `BI-${id}`;
  await openApp(page);
  await newDocument(page, title);
  await addEntry(page, { name: 'Elspeth Morrow', aliases: 'Ellie', description: `Grey-eyed rower ${id}-ELSPETH.` });
  await addEntry(page, { name: 'Narrator voice', kind: 'rule', description: `First person, past tense ${id}-ALWAYS.`, always: true });
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(2);

  const harbour = sectionRegion(page, 'Untitled section');
  await harbour.getByRole('textbox', { name: 'Section title' }).fill('Harbour');
  await sectionRegion(page, 'Harbour').getByRole('textbox', { name: 'Section brief' }).fill('Ellie rows out at dawn.');
  await addSection(page, 'Gap');
  const inland = await addSection(page, 'Inland');
  await inland.getByRole('textbox', { name: 'Section brief' }).fill('The mountains stand silent.');
  await expectSaved(page);

  // A section whose brief, neighbours and text never mention Ellie: only the "always include" entry.
  await generated(inland);
  await expect.poll(async () => (await recorded(title, 'Longhand task: write', 'Write section 3: "Inland"')).length).toBe(1);
  const [inlandReq] = await recorded(title, 'Longhand task: write', 'Write section 3: "Inland"');
  expect(inlandReq!.text).toContain(`${id}-ALWAYS`);
  expect(inlandReq!.text).not.toContain(`${id}-ELSPETH`);

  // Its brief mentions Ellie (an alias): both entries. Then the extraction after writing proposes an entry.
  await rule({ match: 'story bible extraction', also: [title, 'Section 1: "Harbour"'],
    text: '{"entries":[{"action":"add","kind":"place","name":"Kestrel Bay","description":"The harbour Ellie rows from."}]}' });
  const h = sectionRegion(page, 'Harbour');
  await generated(h);
  const [harbourReq] = await recorded(title, 'Longhand task: write', 'Write section 1: "Harbour"');
  expect(harbourReq!.text).toContain(`${id}-ALWAYS`);
  expect(harbourReq!.text).toContain(`${id}-ELSPETH`);
  const suggestions = h.getByRole('list', { name: 'Story bible suggestions' });
  await expect(suggestions.getByRole('listitem')).toHaveCount(1, { timeout: 60_000 });
  await expect(suggestions).toContainText('New place: Kestrel Bay');
  expect(await recorded(title, 'story bible extraction', 'Section 1: "Harbour"')).toHaveLength(1);
  // Nothing is applied until the writer accepts it.
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(2);
});

test('extraction suggestions are accepted and rejected one by one, and accepted entries persist', async ({ page }) => {
  const id = uid();
  const title = `BX-${id}`;
  await openApp(page);
  await newDocument(page, title);
  const region = sectionRegion(page, 'Untitled section');
  await typeInSection(page, region, 'Quill keeps the harbour at Kestrel Bay, where the Pequod lies.');
  await rule({ match: 'story bible extraction', also: [title], text: JSON.stringify({ entries: [
    { action: 'add', kind: 'character', name: 'Harbourmaster Quill', aliases: ['Quill'], description: 'Keeps the harbour.' },
    { action: 'add', kind: 'place', name: 'Kestrel Bay', description: 'A cold harbour.' },
  ] }) });
  await region.getByRole('button', { name: 'Extract entries' }).click();
  const suggestions = region.getByRole('list', { name: 'Story bible suggestions' });
  await expect(suggestions.getByRole('listitem')).toHaveCount(2);
  const [req] = await recorded(title, 'story bible extraction');
  expect(req!.text).toContain('Quill keeps the harbour at Kestrel Bay, where the Pequod lies.');

  await suggestions.getByRole('listitem').filter({ hasText: 'Harbourmaster Quill' }).getByRole('button', { name: 'Accept' }).click();
  await expect(entriesList(page).getByRole('listitem', { name: 'Harbourmaster Quill' })).toBeVisible();
  await expect(suggestions.getByRole('listitem')).toHaveCount(1);
  await suggestions.getByRole('listitem').filter({ hasText: 'Kestrel Bay' }).getByRole('button', { name: 'Reject' }).click();
  await expect(suggestions).toHaveCount(0);
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(1);

  // The accepted entry is marked where the section mentions it, with the entry as its title.
  const mention = sectionEditor(region).locator('.bible-mention').first();
  await expect(mention).toHaveText('Quill');
  await expect(mention).toHaveAttribute('title', 'Harbourmaster Quill (character): Keeps the harbour.');
  // With the cursor in the mention (the keyboard's hover), the section shows the entry.
  await mention.click();
  await expect(region.getByRole('note', { name: 'Story bible entry at the cursor' })).toContainText('Harbourmaster Quill (character): Keeps the harbour.');

  await expectSaved(page);
  await page.reload();
  await expect(entriesList(page).getByRole('listitem', { name: 'Harbourmaster Quill' })).toBeVisible();
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(1);
});

test('a consistency contradiction is listed with its sentence and entry, and Fix opens a revision proposal', async ({ page }) => {
  const id = uid();
  const section = `Cove ${id}`;
  await openApp(page);
  await newDocument(page, `BC-${id}`);
  await addEntry(page, { name: 'Elspeth Morrow', aliases: 'Ellie', description: 'Grey eyes.' });
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(section);
  const region = sectionRegion(page, section);
  await typeInSection(page, region, 'Ellie looked up with her brown eyes. The sea was calm.');
  await rule({ match: 'story bible consistency check', also: [section], text: JSON.stringify({ contradictions: [
    { entry: 'Elspeth Morrow', quote: 'Ellie looked up with her brown eyes.', explanation: 'Her eyes are grey.' },
  ] }) });
  await rule({ match: 'Longhand task: revise', also: ['Ellie looked up with her brown eyes.'], text: 'Ellie looked up with her grey eyes.' });

  await region.getByRole('button', { name: 'Check consistency' }).click();
  const found = region.getByRole('list', { name: 'Story bible contradictions' });
  await expect(found.getByRole('listitem')).toHaveCount(1);
  await expect(found).toContainText('Elspeth Morrow');
  await expect(found).toContainText('Ellie looked up with her brown eyes.');
  const [check] = await recorded('story bible consistency check', section);
  expect(check!.text).toContain('Elspeth Morrow');

  await found.getByRole('button', { name: 'Fix' }).click();
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();
  const [rev] = await recorded('Longhand task: revise', 'Ellie looked up with her brown eyes.');
  expect(rev!.text).toContain('Make this consistent with the story bible: Elspeth Morrow: Grey eyes.');
  // The quoted sentence is the passage, not the whole section.
  expect(rev!.text).toContain('<passage>\nEllie looked up with her brown eyes.\n</passage>');
  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(sectionEditor(region)).toHaveText('Ellie looked up with her grey eyes. The sea was calm.');
});

test('search, delete with Undo, and the bible through Markdown export and import', async ({ page }) => {
  const id = uid();
  const title = `BM-${id}`;
  await openApp(page);
  await newDocument(page, title);
  await addEntry(page, { name: 'Elspeth Morrow', aliases: 'Ellie, Els', description: 'Grey eyes.' });
  await addEntry(page, { name: 'Kestrel Bay', kind: 'place', description: 'A cold harbour.', always: true });
  await entriesList(page).getByRole('listitem', { name: 'Elspeth Morrow' }).getByRole('button', { expanded: false }).click();
  const ellie = entriesList(page).getByRole('listitem', { name: 'Elspeth Morrow' });
  await ellie.getByRole('button', { name: 'Add progression' }).click();
  await ellie.getByRole('textbox', { name: 'Progression text' }).fill('Blind in one eye.');

  await bible(page).getByRole('searchbox', { name: 'Search entries' }).fill('harbour');
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(1);
  await expect(entriesList(page).getByRole('listitem', { name: 'Kestrel Bay' })).toBeVisible();
  await bible(page).getByRole('searchbox', { name: 'Search entries' }).fill('');
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(2);

  await entriesList(page).getByRole('listitem', { name: 'Kestrel Bay' }).getByRole('button', { expanded: false }).click();
  await entriesList(page).getByRole('listitem', { name: 'Kestrel Bay' }).getByRole('button', { name: 'Delete entry' }).click();
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(2);

  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill('Opening');
  await typeInSection(page, sectionRegion(page, 'Opening'), 'Els walked.');
  const { text } = await exportMarkdownText(page);
  expect(text).toContain('## Story bible\n\n<!-- longhand:story-bible -->\n\n### Elspeth Morrow\n\n- Kind: character\n- Aliases: Ellie, Els\n- From section 1 (Opening): Blind in one eye.\n\nGrey eyes.');
  expect(text).toContain('### Kestrel Bay\n\n- Kind: place\n- Always include: yes\n\nA cold harbour.');

  // Word: an appendix only when asked.
  expect(await wordExport(page, false)).not.toContain('Story bible');
  const word = await wordExport(page, true);
  expect(word).toContain('<h1>Story bible</h1>');
  expect(word).toContain('<h2>Elspeth Morrow</h2>');
  expect(word).toContain('From section 1 (Opening): Blind in one eye.');
  expect(word.indexOf('<h1>Opening</h1>')).toBeLessThan(word.indexOf('<h1>Story bible</h1>'));

  await importMarkdownText(page, 'back.md', text.replace(`# ${title}`, `# ${title} again`));
  await expect(page.getByRole('main').getByRole('region', { name: 'Story bible' })).toBeVisible();
  await expect(entriesList(page).getByRole('listitem')).toHaveCount(2);
  // The bible is not imported as a section.
  await expect(page.locator('section[data-section-id]')).toHaveCount(1);
  await entriesList(page).getByRole('listitem', { name: 'Elspeth Morrow' }).getByRole('button', { expanded: false }).click();
  const back = entriesList(page).getByRole('listitem', { name: 'Elspeth Morrow' });
  await expect(back.getByRole('textbox', { name: 'Entry aliases' })).toHaveValue('Ellie, Els');
  await expect(back.getByRole('textbox', { name: 'Progression text' })).toHaveValue('Blind in one eye.');
  await expect(back.getByRole('combobox', { name: 'Progression section' }).locator('option:checked')).toHaveText('From 1. Opening');
  await expect(sectionEditor(sectionRegion(page, 'Opening')).locator('.bible-mention')).toHaveText('Els');
});
