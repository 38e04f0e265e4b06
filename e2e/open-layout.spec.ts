// Opening a document: the parts that mount after the first section takes keystrokes (panels, a section's controls;
// see releaseRest in src/app/App.tsx) must not push the text down when they appear. The page records the first
// editor's position on every frame from navigation on; once everything has mounted, it must have had one position.
import { expect, test } from '@playwright/test';
import { newDocument, openApp, sectionEditor, sectionRegion, typeInSection } from './support/app';

test('a reopened document: the text does not move while the rest of the page loads', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'Steady page');
  await typeInSection(page, sectionRegion(page, 'Untitled section'), 'The first words stay where they are.');
  // The slots have rendered once (their heights are what the next open keeps room for).
  await expect(page.getByRole('button', { name: 'Write all' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('All changes saved');

  await page.addInitScript(`(() => {
    const tops = [];
    window.__editorTops = tops;
    const tick = () => {
      const ed = document.querySelector('.ProseMirror');
      if (ed) {
        const top = Math.round(ed.getBoundingClientRect().top);
        if (tops[tops.length - 1] !== top) tops.push(top);
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.reload();
  await expect(sectionEditor(sectionRegion(page, 'Untitled section'))).toContainText('The first words stay where they are.');
  // Everything that mounts later is there: the document's panels and the section's controls.
  await expect(page.getByRole('button', { name: 'Write all' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Plan outline' })).toBeVisible();
  await expect(sectionRegion(page, 'Untitled section').getByRole('button', { name: 'Fit to target' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Share' })).toBeVisible();
  // A frame after the last of them rendered, so the recorder has seen the final layout.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const tops = await page.evaluate(() => (window as unknown as { __editorTops: number[] }).__editorTops);
  expect(tops.length, `editor positions seen: ${tops.join(' → ')}`).toBe(1);
});

test('when the app\'s code cannot load, the page says so instead of staying blank; the next load opens the text', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'Kept through a failed load');
  await typeInSection(page, sectionRegion(page, 'Untitled section'), 'Words that must survive a failed load.');
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('All changes saved');
  // As after a deployment that replaced the app's chunks: the app's own code (src/boot.tsx's chunk) is gone.
  await page.route(/\/assets\/boot-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.reload();
  await expect(page.getByText('Longhand could not load its code. Reload the page; your documents are kept in this browser.')).toBeVisible();
  await page.unroute(/\/assets\/boot-[^/]*\.js$/);
  await page.reload();
  await expect(sectionEditor(sectionRegion(page, 'Untitled section'))).toContainText('Words that must survive a failed load.');
});
