// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { unmountAll } from '../../testing/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ProviderInfo } from '../../shared/protocol';
import { useStore } from '../../app/store';
import { ModelPicker } from './ModelPicker';

const PROVIDERS: ProviderInfo[] = [
  { id: 'openai', label: 'OpenAI', kind: 'openai', available: true, default: true, models: [{ id: 'gpt-test', label: 'gpt-test' }] },
  { id: 'anthropic', label: 'Anthropic', kind: 'anthropic', available: true, models: [{ id: 'claude-test', label: 'claude-test' }] },
  { id: 'openai-compatible', label: 'OpenAI-compatible server', kind: 'openai-compatible', available: false, reason: 'LLM_BASE_URL is not set', models: [] },
  { id: 'ollama', label: 'Ollama', kind: 'ollama', available: false, reason: 'Ollama is not running at http://127.0.0.1:11434', models: [] },
  { id: 'demo', label: 'Demo writer (offline, no AI)', kind: 'demo', available: true, models: [{ id: 'demo-writer', label: 'Placeholder prose' }] },
];

let calls = 0;
beforeEach(() => {
  calls = 0;
  useStore.getState().selectModel(null);
  vi.stubGlobal('fetch', vi.fn(async () => {
    calls++;
    return new Response(JSON.stringify(PROVIDERS), { headers: { 'content-type': 'application/json' } });
  }));
});
afterEach(() => {
  unmountAll();
  vi.unstubAllGlobals();
});

const renderPicker = () => render(
  <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}><ModelPicker /></QueryClientProvider>,
);

describe('ModelPicker', () => {
  it('lists models grouped by provider, unavailable ones disabled with their reason, default shown', async () => {
    renderPicker();
    const select = screen.getByRole('combobox', { name: 'Model' }) as HTMLSelectElement;
    await waitFor(() => expect(select.disabled).toBe(false));
    const groups = [...select.querySelectorAll('optgroup')].map((g) => [g.label, g.disabled]);
    expect(groups).toEqual([['OpenAI', false], ['Anthropic', false], ['OpenAI-compatible server (unavailable)', true],
      ['Ollama (unavailable)', true], ['Demo writer (offline, no AI)', false]]);
    expect(within(select).getByRole('option', { name: 'Ollama is not running at http://127.0.0.1:11434' })).toBeTruthy();
    expect(select.selectedOptions[0].textContent).toBe('gpt-test');
    expect(screen.getByText('(default)')).toBeTruthy();
  });

  it('remembers a choice through the settings slice', async () => {
    renderPicker();
    const select = screen.getByRole('combobox', { name: 'Model' }) as HTMLSelectElement;
    await waitFor(() => expect(select.disabled).toBe(false));
    const claude = within(select).getByRole('option', { name: 'claude-test' }) as HTMLOptionElement;
    // A real change event: @testing-library/preact's fireEvent.change sends `input` (Preact turns a text input's
    // onChange into onInput), but a browser picking an option fires `change`, which the select listens to.
    act(() => { select.value = claude.value; select.dispatchEvent(new Event('change', { bubbles: true })); });
    expect(useStore.getState().selectedModel).toEqual({ provider: 'anthropic', model: 'claude-test' });
    expect(JSON.parse(localStorage.getItem('longhand.model')!)).toEqual({ provider: 'anthropic', model: 'claude-test' });
    expect(select.selectedOptions[0].textContent).toBe('claude-test');
  });

  it('Settings opens a dialog with each provider\'s status and a Refresh button', async () => {
    renderPicker();
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' }); // the dialog's code loads on first open
    await waitFor(() => expect(within(dialog).getByText('Unavailable: Ollama is not running at http://127.0.0.1:11434')).toBeTruthy());
    expect(within(dialog).getByText(/OPENAI_API_KEY/, { selector: 'code' })).toBeTruthy();
    expect(dialog.textContent).toContain('.env');
    // Opening the dialog refetches the (stale) list in the background; wait until that settles so the count
    // below measures the click alone. The button exists, named Refresh, through the whole reload.
    const refresh = await within(dialog).findByRole('button', { name: 'Refresh' });
    await waitFor(() => expect(refresh.getAttribute('aria-busy')).toBe('false'));
    const before = calls;
    fireEvent.click(refresh);
    await waitFor(() => expect(calls).toBe(before + 1));
    expect(within(dialog).getByRole('button', { name: 'Refresh' })).toBe(refresh); // not renamed or replaced
    await waitFor(() => expect(refresh.getAttribute('aria-busy')).toBe('false'));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
