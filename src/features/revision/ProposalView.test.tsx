// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../app/workspace', () => ({ sectionMarkdown: async () => '' }));
vi.mock('../../storage/logs', () => ({ appendLog: vi.fn(async () => ({})) }));

import { act, fireEvent, render, screen } from '@testing-library/preact';
import { unmountAll } from '../../testing/ui';
import { useStore } from '../../app/store';
import { ProposalView } from './ProposalView';
import type { Proposal } from './slice';

afterEach(() => { unmountAll(); useStore.setState({ proposals: {} }); });

const base: Proposal = {
  id: 'p1', sectionId: 's1', label: 'Simplify', instruction: 'Make this simpler', scope: 'selection',
  original: 'The obstreperous whale breached with considerable violence.', text: 'The loud whale jumped hard.',
  phase: 'ready', rejected: [], auto: false, attempt: 1,
};
const show = (p: Partial<Proposal>) => act(() => useStore.setState({ proposals: { s1: { ...base, ...p } } }));

describe('ProposalView', () => {
  it('shows deletions struck, insertions highlighted, the word change and the buttons', () => {
    show({});
    render(<ProposalView sectionId="s1" />);
    const region = screen.getByRole('region', { name: 'Revision proposal' });
    expect(Array.from(region.querySelectorAll('del')).map((d) => d.textContent)).toEqual(['obstreperous', 'breached with considerable violence']);
    expect(Array.from(region.querySelectorAll('ins')).map((d) => d.textContent)).toEqual(['loud', 'jumped hard']);
    expect(region.textContent).toContain('\u22122 words');
    for (const name of ['Accept', 'Reject', 'Retry']) expect(screen.getByRole('button', { name })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
  });

  it('while streaming offers Stop, disables Accept, and shows the unreached original as pending, not deleted', () => {
    show({ phase: 'streaming', text: 'The loud wha' });
    render(<ProposalView sectionId="s1" />);
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Accept' }) as HTMLButtonElement).disabled).toBe(true);
    const region = screen.getByRole('region', { name: 'Revision proposal' });
    expect(region.querySelector('.revision-pending')?.textContent).toContain('violence.');
    expect(Array.from(region.querySelectorAll('del')).map((d) => d.textContent).join('')).not.toContain('violence');
  });

  it('lets single changes be dropped and counts what Accept will apply', () => {
    show({});
    render(<ProposalView sectionId="s1" />);
    expect(screen.getByText('Accepting 2 of 2 changes.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Drop change 2' }));
    expect(screen.getByText('Accepting 1 of 2 changes.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Revision proposal' }).textContent).toContain('\u00b10 words');
    fireEvent.click(screen.getByRole('button', { name: 'Restore change 2' }));
    expect(screen.getByText('Accepting 2 of 2 changes.')).toBeTruthy();
  });

  it('shows an incomplete proposal with its message and Retry', () => {
    show({ phase: 'failed', text: 'The loud', message: 'The revision failed: boom. The proposal is incomplete; the original text is unchanged.' });
    render(<ProposalView sectionId="s1" />);
    expect(screen.getByRole('alert').textContent).toMatch(/incomplete; the original text is unchanged/);
    expect((screen.getByRole('button', { name: 'Retry' }) as HTMLButtonElement).disabled).toBe(false);
    expect((screen.getByRole('button', { name: 'Accept' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
