// Shared-document e2e helpers (e2e/collab*.spec.ts). Every helper finds elements by role and name.
import { expect, type Page } from '@playwright/test';

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
