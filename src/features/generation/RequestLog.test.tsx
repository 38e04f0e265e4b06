// @vitest-environment jsdom
// The request log names the story bible entries a write/continue prompt carried (issue 13).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/preact';
import { unmountAll } from '../../testing/ui';
import type { RequestLogEntry } from '../../core/model';

const rows: RequestLogEntry[] = [
  { id: 'l2', sectionId: 's1', kind: 'continue', provider: 'openai', model: 'gpt-test', durationMs: 900, finishReason: 'stop', at: 2, bibleEntries: [] },
  { id: 'l1', sectionId: 's1', kind: 'generate', provider: 'openai', model: 'gpt-test', durationMs: 1200, finishReason: 'stop', at: 1, bibleEntries: ['House style', 'Elspeth Morrow'] },
  { id: 'l0', sectionId: 's1', kind: 'summary', provider: 'openai', model: 'gpt-test', durationMs: 300, finishReason: 'stop', at: 0 },
];
vi.mock('../../storage/logs', () => ({ watchLogs: (_id: string, _n: number, onRows: (r: RequestLogEntry[]) => void) => { queueMicrotask(() => onRows(rows)); return () => undefined; } }));
vi.mock('../../app/services', () => ({ summaries: {} }));
vi.mock('./service', () => ({ generateSection: vi.fn(), switchTake: vi.fn() }));
vi.mock('./takes', () => ({ watchTakes: () => () => undefined }));

import { RequestLog } from './SectionGenerationControls';

afterEach(unmountAll);

describe('RequestLog', () => {
  it('shows which story bible entries went into each write/continue call, and nothing for other calls', async () => {
    render(<RequestLog sectionId="s1" />);
    const table = await screen.findByRole('table', { name: 'Request log' });
    const lines = within(table).getAllByText(/^Story bible:/).map((e) => e.textContent);
    expect(lines).toEqual(['Story bible: none', 'Story bible: House style, Elspeth Morrow']);
    // Each line sits right under its call's row.
    const bodyRows = within(table).getAllByRole('row').slice(1).map((r) => r.textContent ?? '');
    expect(bodyRows).toHaveLength(5);
    expect(bodyRows[0]).toContain('continue');
    expect(bodyRows[1]).toBe('Story bible: none');
    expect(bodyRows[2]).toContain('generate');
    expect(bodyRows[3]).toBe('Story bible: House style, Elspeth Morrow');
    expect(bodyRows[4]).toContain('summary');
  });
});
