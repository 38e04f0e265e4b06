// Issue 15: the write-ahead journal's records (kv `j:<sectionId>`) of deleted sections and documents are
// cleared on delete, while Undo still brings the text back. A record left behind (by a crash, another tab or an
// older build) is planted first, so only the clean-up on delete can remove it.
import { expect, test, type Page } from '@playwright/test';
import { addSection, expectSaved, newDocument, openApp, readStore, sectionEditor, sectionRegion, typeInSection, writeStore } from './support/app';

const journalKeys = async (page: Page) => (await readStore<{ key: string }>(page, 'kv')).map((r) => r.key).filter((k) => k.startsWith('j:'));
const sectionIds = async (page: Page, docTitle: string) => {
  const docs = await readStore<{ id: string; title: string }>(page, 'documents');
  const docId = docs.find((d) => d.title === docTitle)!.id;
  return (await readStore<{ id: string; docId: string; title: string }>(page, 'sections')).filter((s) => s.docId === docId);
};

test('deleting a section or a document clears its journal records; Undo still restores the text', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'Hygiene');
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill('Alpha');
  await typeInSection(page, sectionRegion(page, 'Alpha'), 'Alpha text.');
  const beta = await addSection(page, 'Beta');
  await typeInSection(page, beta, 'Beta text.');
  await expectSaved(page);
  const ids = await sectionIds(page, 'Hygiene');
  const alpha = ids.find((s) => s.title === 'Alpha')!.id;
  const betaId = ids.find((s) => s.title === 'Beta')!.id;
  await writeStore(page, 'kv', [{ key: `j:${betaId}`, value: { base: 'left-behind', steps: [] } }, { key: `j:${alpha}`, value: { base: 'left-behind', steps: [] } }]);
  expect(await journalKeys(page)).toEqual(expect.arrayContaining([`j:${alpha}`, `j:${betaId}`]));

  await page.getByRole('region', { name: 'Outline' }).getByRole('button', { name: 'Delete Beta' }).click();
  await expect.poll(() => journalKeys(page)).not.toContain(`j:${betaId}`);
  // Only the deleted section's record.
  expect(await journalKeys(page)).toContain(`j:${alpha}`);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(sectionEditor(sectionRegion(page, 'Beta'))).toHaveText('Beta text.');

  await page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Delete document Hygiene' }).click();
  await expect(page.getByRole('button', { name: 'Open Hygiene' })).toHaveCount(0);
  await expect.poll(async () => (await journalKeys(page)).filter((k) => k === `j:${alpha}` || k === `j:${betaId}`)).toEqual([]);
  // Undo brings the document back with its text.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(sectionEditor(sectionRegion(page, 'Alpha'))).toHaveText('Alpha text.');
  await expect(sectionEditor(sectionRegion(page, 'Beta'))).toHaveText('Beta text.');
});
