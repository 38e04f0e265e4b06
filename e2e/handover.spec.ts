// Two tabs hand one document back and forth while the writer types in the tab that is about to lose it. The
// tab taking over must see every character the other tab accepted, and keystrokes in the read-only tab must
// say that they were not typed.
import { expect, test } from '@playwright/test';
import { expectSaved, newDocument, openApp, sectionEditor, sectionRegion, typeInSection } from './support/app';

// 20 hand-overs in `npm test`; HANDOVER_ROUNDS=50 (or more) for a longer hunt.
const ROUNDS = Number(process.env.HANDOVER_ROUNDS ?? 20);

test('hand-over while typing loses nothing, round after round, and a read-only tab says keystrokes were not typed', async ({ page, context }) => {
  // Each round is a few seconds of typing and a hand-over; on a loaded 2-core machine it can be 15 s.
  test.setTimeout(60_000 + ROUNDS * 20_000);
  await openApp(page);
  await newDocument(page, `Hand-over ${test.info().workerIndex}-${Date.now()}`);
  await typeInSection(page, sectionRegion(page, 'Untitled section'), 'Start.');
  await expectSaved(page);
  const other = await context.newPage();
  await openApp(other);
  await expect(sectionEditor(sectionRegion(other, 'Untitled section'))).toHaveText('Start.');
  await expect(page.getByRole('alert').filter({ hasText: 'open for editing in another tab' })).toBeVisible();

  // `writer` holds the document and types; `taker` presses "Edit here" part-way through the typing.
  let writer = other;
  let taker = page;
  for (let round = 0; round < ROUNDS; round++) {
    const writerEditor = sectionEditor(sectionRegion(writer, 'Untitled section'));
    const takerEditor = sectionEditor(sectionRegion(taker, 'Untitled section'));
    await expect(writerEditor).toHaveAttribute('contenteditable', 'true');
    // focus(), not click(): a click waits for two animation frames, and a tab in the background may get none.
    await writerEditor.focus();
    await writer.keyboard.press('ControlOrMeta+End');
    // 10 ms per character, like a fast typist; the hand-over lands somewhere inside the burst.
    const words = Array.from({ length: 12 }, (_, i) => `r${round}w${i}`).join(' ');
    const typing = writer.keyboard.type(` ${words}`, { delay: 10 });
    // Under load a keystroke can take a hundred milliseconds to arrive: wait for the words, however long.
    await expect(writerEditor).toContainText(`r${round}w${1 + (round % 8)}`, { timeout: 60_000 });
    await taker.getByRole('button', { name: 'Edit here' }).click();
    await expect(writer.getByRole('alert').filter({ hasText: 'open for editing in another tab' })).toBeVisible();
    await typing;

    // Everything the old holder shows reached the new one: its last accepted keystroke included.
    const shown = await writerEditor.textContent();
    await expect(takerEditor).toHaveAttribute('contenteditable', 'true');
    await expect(takerEditor).toHaveText(shown ?? '');
    // The burst went on after the hand-over; the read-only tab said so instead of dropping keys silently.
    if (!shown?.endsWith(`r${round}w11`)) {
      await expect(writer.getByRole('alert').filter({ hasText: 'Not typed: this tab is read-only.' })).toBeVisible();
    }
    [writer, taker] = [taker, writer];
  }

  // Storage agrees with the last holder: a reload reads exactly what it showed.
  await typeInSection(writer, sectionRegion(writer, 'Untitled section'), ' End.');
  await expectSaved(writer);
  const finalText = await sectionEditor(sectionRegion(writer, 'Untitled section')).textContent();
  await writer.reload();
  await expect(sectionEditor(sectionRegion(writer, 'Untitled section'))).toHaveText(finalText ?? '');
});
