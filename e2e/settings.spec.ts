// The model picker and Settings, in the browser against the built app and the real proxy (fake upstream).
import { expect, test } from '@playwright/test';
import { openApp } from './support/app';

test('the model picker lists configured models by provider and shows unavailable ones with their reason', async ({ page }) => {
  await openApp(page);
  const picker = page.getByRole('combobox', { name: 'Model' });
  await expect(picker).toBeEnabled();
  await expect(picker.getByRole('option', { name: 'gpt-test' })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: 'claude-test' })).toHaveCount(1);
  await expect(picker.getByRole('option', { name: 'Placeholder prose' })).toHaveCount(1);
  // OpenAI is the first configured provider: the default selection, never the demo writer.
  await expect(picker.locator('option:checked')).toHaveText('gpt-test');
  const ollama = picker.locator('optgroup[label="Ollama (unavailable)"]');
  await expect(ollama).toHaveAttribute('disabled', '');
  await expect(ollama.getByRole('option')).toHaveText('Ollama is not running at http://127.0.0.1:9');
  await expect(picker.locator('optgroup[label="OpenAI-compatible server (unavailable)"] option')).toHaveText('LLM_BASE_URL is not set');
  await expect(picker.locator('optgroup[label="Demo writer (offline, no AI)"]')).toHaveCount(1);
});

test('a chosen model is remembered across a reload', async ({ page }) => {
  await openApp(page);
  const picker = page.getByRole('combobox', { name: 'Model' });
  await expect(picker).toBeEnabled();
  const value = await picker.getByRole('option', { name: 'claude-test' }).getAttribute('value');
  await picker.selectOption(value!);
  await expect(picker.locator('option:checked')).toHaveText('claude-test');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Model' })).toBeEnabled();
  await expect(page.getByRole('combobox', { name: 'Model' }).locator('option:checked')).toHaveText('claude-test');
});

test('Settings explains how to connect each provider and shows their status, with Refresh', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('listitem', { name: 'OpenAI', exact: true })).toContainText('Available · 1 model · default');
  await expect(dialog.getByRole('listitem', { name: 'Ollama' })).toContainText('Unavailable: Ollama is not running at http://127.0.0.1:9');
  await expect(dialog.getByRole('listitem', { name: 'Ollama' })).toContainText('ollama pull');
  await expect(dialog).toContainText('OPENAI_API_KEY');
  await expect(dialog).toContainText('LLM_BASE_URL');
  await expect(dialog).toContainText('.env');
  // Opening the dialog refetches the list in the background: let that settle so the response awaited below is
  // the one the click asked for. The button keeps its name (and stays clickable) while it reloads.
  const refresh = dialog.getByRole('button', { name: 'Refresh' });
  await expect(refresh).toHaveAttribute('aria-busy', 'false');
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/providers') && r.status() === 200);
  await refresh.click();
  await refreshed;
  await expect(refresh).toHaveAttribute('aria-busy', 'false');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
