// Revision end to end against the fake upstream through the real proxy: the bubble menu on a selection, the
// request it sends, the streamed diff, Accept as one undo step, Reject byte-for-byte, failures that keep the
// original, the range lock, proposals pending in two sections at once, marks and paragraphs, the whole-section
// menu, custom instructions and the command palette.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { newDocument, openApp, readStore, sectionEditor, sectionRegion, typeInSection } from './support/app';

test.describe.configure({ timeout: 120_000 }); // typing through the UI is slow on a loaded shared machine

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;

interface FakeRule {
  match: string; text: string; chunkSize?: number; delayMs?: number; holdAfterChunks?: number;
  fault?: { kind: 'cut'; afterChunks: number }; faultTimes?: number;
}
interface Recorded { text: string; path: string; completed: boolean }

async function rule(r: FakeRule): Promise<void> {
  const res = await fetch(`${FAKE}/__control/rules`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
  expect(res.ok).toBe(true);
}

async function revisions(mark: string): Promise<Recorded[]> {
  const res = await fetch(`${FAKE}/__control/requests`);
  return ((await res.json()) as Recorded[]).filter((r) => r.text.includes(mark) && r.text.includes('Longhand task: revise'));
}

const marker = (name: string) => `RV${name}${Math.random().toString(36).slice(2, 8)}`;

/** A new document whose first section has a title, a brief holding the marker, and the given paragraphs. */
async function sectionWith(page: Page, title: string, mark: string, paragraphs: string[], first = true): Promise<Locator> {
  if (first) {
    await openApp(page);
    await newDocument(page, `Revision ${mark}`);
    await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(title);
  } else {
    await page.getByRole('button', { name: 'Add section' }).click();
    await sectionRegion(page, 'Untitled section').last().getByRole('textbox', { name: 'Section title' }).fill(title);
  }
  const region = sectionRegion(page, title);
  await region.getByRole('textbox', { name: 'Section brief' }).fill(`Brief ${mark}.`);
  await typeInSection(page, region, paragraphs[0]!);
  for (const p of paragraphs.slice(1)) {
    await page.keyboard.press('Enter');
    await page.keyboard.type(p);
  }
  return region;
}

/** Selects `text` inside the section's editor the way a mouse drag would (a DOM selection ProseMirror reads). */
async function select(region: Locator, text: string): Promise<void> {
  const editor = sectionEditor(region);
  await editor.click();
  await editor.evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + needle.length);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return;
    }
    throw new Error(`text not found: ${needle}`);
  }, text);
  await expect.poll(() => region.page().evaluate(() => window.getSelection()?.toString())).toBe(text);
}

async function revise(region: Locator, item: string): Promise<void> {
  await region.getByRole('button', { name: 'Revise', exact: true }).click();
  await region.getByRole('menu', { name: 'Revise' }).getByRole('menuitem', { name: item, exact: true }).click();
}

/** The editor's HTML without the lock's decoration (which is not text): the bytes the writer's text is made of. */
const html = (region: Locator) => sectionEditor(region).evaluate((el) => {
  const copy = el.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.revision-locked').forEach((d) => d.replaceWith(...Array.from(d.childNodes)));
  return copy.innerHTML;
});

test('Simplify on a selection: request, diff, Accept as one step, Ctrl+Z restores the original exactly', async ({ page }) => {
  const mark = marker('simp');
  const region = await sectionWith(page, 'Whale', mark, [
    'It was dawn at sea.',
    'The obstreperous whale breached with considerable violence. Sailors watched.',
    'Then came silence.',
  ]);
  await rule({ match: mark, text: 'The loud whale jumped hard.', chunkSize: 4 });
  const original = await html(region);
  await select(region, 'The obstreperous whale breached with considerable violence.');
  await expect(region.getByRole('button', { name: 'Revise', exact: true })).toBeVisible();
  await region.getByRole('button', { name: 'Revise', exact: true }).click();
  const menu = region.getByRole('menu', { name: 'Revise' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Fix grammarCtrl+Alt+G', 'Make clearerCtrl+Alt+K', 'SimplifyCtrl+Alt+S', 'Improve flowCtrl+Alt+O', 'More formalCtrl+Alt+Y',
    'More neutralCtrl+Alt+N', 'ParaphraseCtrl+Alt+P', 'ShortenCtrl+Alt+X', 'ExpandCtrl+Alt+V', 'Change tone›', 'Custom instruction…Ctrl+Alt+Q',
  ]);
  for (const name of ['Fix grammar', 'Make clearer', 'Simplify', 'Improve flow', 'More formal', 'More neutral', 'Paraphrase', 'Shorten', 'Expand', 'Custom instruction…']) {
    await expect(menu.getByRole('menuitem', { name, exact: true })).toBeVisible();
  }
  await menu.getByRole('menuitem', { name: 'Simplify', exact: true }).click();

  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();
  await expect(proposal.locator('del')).toContainText(['obstreperous']);
  await expect(proposal.locator('ins').first()).toContainText('loud');
  await expect(proposal).toContainText('\u22122 words');

  const [req] = await revisions(mark);
  expect(req!.text).toContain('Instruction: Make this simpler');
  expect(req!.text).toContain('<passage>\nThe obstreperous whale breached with considerable violence.\n</passage>');
  expect(req!.text).toContain('It was dawn at sea.'); // the paragraph before, as context
  expect(req!.text).toContain('Then came silence.'); // the paragraph after
  // The section text is untouched until Accept.
  expect(await html(region)).toBe(original);

  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(proposal).toHaveCount(0);
  await expect(sectionEditor(region).locator('p').nth(1)).toHaveText('The loud whale jumped hard. Sailors watched.');
  await expect(region.getByRole('combobox', { name: 'Section status' })).toHaveValue('revised');

  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(() => html(region)).toBe(original);

  const logs = await readStore<{ kind: string; note?: string; provider: string; finishReason: string }>(page, 'logs');
  expect(logs.some((l) => l.kind === 'revise' && l.note === 'Simplify' && l.provider === 'openai' && l.finishReason === 'stop')).toBe(true);
});

test('while pending the passage is locked and the rest editable; Reject leaves the text byte-for-byte', async ({ page }) => {
  const mark = marker('rej');
  const region = await sectionWith(page, 'Locked', mark, ['Keep this exact sentence, with  two spaces.', 'Second paragraph.']);
  await rule({ match: mark, text: 'A different sentence.' });
  await select(region, 'Keep this exact sentence, with  two spaces.');
  await revise(region, 'Paraphrase');
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();

  // Typing inside the locked passage is refused; typing elsewhere goes through.
  await sectionEditor(region).getByText('Keep this exact').click();
  await page.keyboard.type('XYZ');
  await expect(sectionEditor(region).locator('p').first()).toHaveText('Keep this exact sentence, with  two spaces.');
  await sectionEditor(region).getByText('Second paragraph.').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Added.');
  await expect(sectionEditor(region).locator('p').nth(1)).toHaveText('Second paragraph. Added.');
  const before = await html(region);

  await proposal.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(proposal).toHaveCount(0);
  expect(await html(region)).toBe(before);
  await expect(sectionEditor(region).locator('p').first()).toHaveText('Keep this exact sentence, with  two spaces.');
  await expect(region.getByRole('combobox', { name: 'Section status' })).toHaveValue('draft');
});

test('an upstream cut mid-proposal keeps the original, shows the partial proposal as incomplete, and Retry recovers', async ({ page }) => {
  const mark = marker('cut');
  const region = await sectionWith(page, 'Fragile', mark, ['The ship sailed slowly into the grey harbour at dawn.']);
  await rule({ match: mark, text: 'The ship drifted into the harbour as morning broke over the water.', chunkSize: 6, fault: { kind: 'cut', afterChunks: 3 }, faultTimes: 1 });
  const original = await html(region);
  await select(region, 'The ship sailed slowly into the grey harbour at dawn.');
  await revise(region, 'Improve flow');
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal.getByRole('alert')).toContainText('The revision failed');
  await expect(proposal.getByRole('alert')).toContainText('the original text is unchanged');
  await expect(proposal.locator('ins')).toContainText(['drift']);
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeDisabled();
  expect(await html(region)).toBe(original);

  await proposal.getByRole('button', { name: 'Retry', exact: true }).click();
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();
  await expect(proposal.getByRole('alert')).toHaveCount(0);
  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(sectionEditor(region)).toHaveText('The ship drifted into the harbour as morning broke over the water.');
  expect((await revisions(mark)).length).toBe(2);
});

test('Stop while streaming keeps the original and offers Retry', async ({ page }) => {
  const mark = marker('stop');
  const region = await sectionWith(page, 'Slow', mark, ['A patient sentence waits here.']);
  // Held after its first words and never released: Stop always lands mid-stream.
  await rule({ match: mark, text: 'A very long proposal that streams word after word, held after its first ones.', chunkSize: 3, delayMs: 5, holdAfterChunks: 4 });
  const original = await html(region);
  await select(region, 'A patient sentence waits here.');
  await revise(region, 'Expand');
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal.locator('ins').first()).toContainText('very');
  await proposal.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(proposal.getByRole('alert')).toContainText('Stopped.');
  await expect(proposal.getByRole('button', { name: 'Retry', exact: true })).toBeEnabled();
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeDisabled();
  await proposal.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect.poll(() => html(region)).toBe(original);
});

test('two proposals pending in two sections at once are both accepted', async ({ page }) => {
  const markA = marker('twoA');
  const markB = marker('twoB');
  const a = await sectionWith(page, 'First', markA, ['Alpha text is rather wordy and long.']);
  const b = await sectionWith(page, 'Second', markB, ['Beta text is also fairly wordy.'], false);
  await rule({ match: markA, text: 'Alpha text is short.', chunkSize: 2, delayMs: 60 });
  await rule({ match: markB, text: 'Beta text is brief.', chunkSize: 2, delayMs: 60 });
  await select(a, 'Alpha text is rather wordy and long.');
  await revise(a, 'Shorten');
  await select(b, 'Beta text is also fairly wordy.');
  await revise(b, 'Shorten');
  const pa = a.getByRole('region', { name: 'Revision proposal' });
  const pb = b.getByRole('region', { name: 'Revision proposal' });
  await expect(pa).toBeVisible();
  await expect(pb).toBeVisible();
  await expect(pa.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();
  await expect(pb.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();
  // Both passages are locked at the same time, each in its own section.
  await expect(sectionEditor(a).locator('.revision-locked')).toHaveText('Alpha text is rather wordy and long.');
  await expect(sectionEditor(b).locator('.revision-locked')).toHaveText('Beta text is also fairly wordy.');
  await pb.getByRole('button', { name: 'Accept', exact: true }).click();
  await pa.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(sectionEditor(a)).toHaveText('Alpha text is short.');
  await expect(sectionEditor(b)).toHaveText('Beta text is brief.');
  expect(await revisions(markA)).toHaveLength(1);
  expect(await revisions(markB)).toHaveLength(1);
});

test('bold, italic and paragraph breaks in the proposal survive Accept', async ({ page }) => {
  const mark = marker('marks');
  const region = await sectionWith(page, 'Marks', mark, ['Intro line.', 'One plain paragraph to split up.', 'Outro line.']);
  await rule({ match: mark, text: 'One **bold** paragraph.\n\nAnd an *italic* one.' });
  await select(region, 'One plain paragraph to split up.');
  await revise(region, 'Make clearer');
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  const paras = sectionEditor(region).locator('p');
  await expect(paras).toHaveText(['Intro line.', 'One bold paragraph.', 'And an italic one.', 'Outro line.']);
  await expect(paras.nth(1).locator('strong')).toHaveText('bold');
  await expect(paras.nth(2).locator('em')).toHaveText('italic');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(paras).toHaveText(['Intro line.', 'One plain paragraph to split up.', 'Outro line.']);
});

test('per-change review: turning one change down applies the rest', async ({ page }) => {
  const mark = marker('hunk');
  const region = await sectionWith(page, 'Hunks', mark, ['The big cat sat on the old mat today.']);
  await rule({ match: mark, text: 'The small cat sat on the new mat today.' });
  await select(region, 'The big cat sat on the old mat today.');
  await revise(region, 'Paraphrase');
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal).toContainText('Accepting 2 of 2 changes.');
  await proposal.getByRole('button', { name: 'Drop change 2' }).click();
  await expect(proposal).toContainText('Accepting 1 of 2 changes.');
  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(sectionEditor(region)).toHaveText('The small cat sat on the old mat today.');
});

test('Revise section, a remembered custom instruction, the keyboard shortcut and the command palette', async ({ page }) => {
  const mark = marker('sect');
  const region = await sectionWith(page, 'Whole', mark, ['First paragraph here.', 'Second paragraph here.']);
  await rule({ match: mark, text: 'First paragraph, revised.\n\nSecond paragraph, revised.' });

  // Whole section from the panel, with a custom instruction.
  await region.getByRole('button', { name: 'Revise section' }).click();
  await region.getByRole('menu', { name: 'Revise section' }).getByRole('menuitem', { name: 'Custom instruction…' }).click();
  await region.getByRole('textbox', { name: 'Custom instruction' }).fill('Use British spelling');
  await region.getByRole('button', { name: 'Apply instruction' }).click();
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();
  const [req] = await revisions(mark);
  expect(req!.text).toContain('Instruction: Use British spelling');
  expect(req!.text).toContain('<passage>\nFirst paragraph here.\n\nSecond paragraph here.\n</passage>');
  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(sectionEditor(region).locator('p')).toHaveText(['First paragraph, revised.', 'Second paragraph, revised.']);
  expect(await page.evaluate(() => localStorage.getItem('longhand.revision.recentCustom'))).toBe('["Use British spelling"]');

  // Keyboard: Ctrl+Alt+R on a selection opens the menu with focus on its first item.
  await rule({ match: mark, text: 'Second line, better.' });
  await select(region, 'Second paragraph, revised.');
  await page.keyboard.press('Control+Alt+r');
  await expect(region.getByRole('menuitem', { name: 'Fix grammar' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(region.getByRole('menu', { name: 'Revise' })).toHaveCount(0);

  // Palette: Ctrl+K, filter, Enter; it acts on the selection.
  await select(region, 'Second paragraph, revised.');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox', { name: 'Command' }).fill('neutral');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await expect(palette.getByRole('option', { name: 'More neutral', exact: true })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(proposal.getByRole('button', { name: 'Accept', exact: true })).toBeEnabled();
  const reqs = await revisions(mark);
  expect(reqs.at(-1)!.text).toContain('Instruction: Remove non-neutral points of view');
  expect(reqs.at(-1)!.text).toContain('<passage>\nSecond paragraph, revised.\n</passage>');
  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(sectionEditor(region).locator('p')).toHaveText(['First paragraph, revised.', 'Second line, better.']);
});
