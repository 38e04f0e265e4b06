// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { unmountAll } from '../../testing/ui';

vi.mock('./watch', () => ({ startQuality: () => {} }));
vi.mock('./fitService', () => ({ fitToTarget: vi.fn(async () => null), stopFit: vi.fn() }));
vi.mock('./checkService', () => ({ checkSection: vi.fn(async () => null) }));
vi.mock('./integrations', () => ({ generateSection: vi.fn(), proposeRevision: vi.fn(async () => ({ status: 'ready' })) }));

import { useStore } from '../../app/store';
import { SectionQuality } from './SectionQuality';
import { fitToTarget } from './fitService';
import { checkSection } from './checkService';
import { proposeRevision } from './integrations';
import type { DocumentMeta, SectionMeta } from '../../core/model';

function open(section: Partial<SectionMeta>, doc: Partial<DocumentMeta> = {}) {
  const s: SectionMeta = { id: 's1', docId: 'd', title: 'One', brief: '', targetWords: 100, status: 'draft', wordCount: 50, summary: '', checklist: [], updatedAt: 0, ...section };
  const d: DocumentMeta = { id: 'd', title: 'D', brief: '', targetWords: 0, sectionIds: ['s1'], checklist: [], createdAt: 0, updatedAt: 0, wordCount: 0, ...doc };
  act(() => useStore.getState().setOpenDocument(d, [s]));
}

beforeEach(() => { vi.mocked(fitToTarget).mockClear(); vi.mocked(checkSection).mockClear(); });
afterEach(unmountAll);

describe('SectionQuality', () => {
  it('shows the length score with its band, and Fit to target only when outside ±10%', async () => {
    open({ wordCount: 50, targetWords: 100 });
    render(<SectionQuality sectionId="s1" />);
    const meter = screen.getByRole('meter', { name: 'Length score' });
    expect(meter.textContent).toBe('50');
    expect(meter.className).toContain('band-poor');
    const fit = screen.getByRole('button', { name: 'Fit to target' });
    expect((fit as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Auto' }));
    fireEvent.click(fit);
    // The command loads the fit service on first use.
    await waitFor(() => expect(fitToTarget).toHaveBeenCalledWith('s1', { auto: true }));
    act(() => useStore.getState().updateSection('s1', { wordCount: 95 }));
    expect(meter.textContent).toBe('97');
    expect(meter.className).toContain('band-good');
    expect((fit as HTMLButtonElement).disabled).toBe(true);
  });

  it('has no score without a target, and no fitting while the section streams', () => {
    open({ wordCount: 50, targetWords: 0 });
    render(<SectionQuality sectionId="s1" />);
    expect(screen.queryByRole('meter')).toBeNull();
    expect(screen.getByLabelText('Length score').textContent).toBe('–');
    act(() => useStore.getState().updateSection('s1', { targetWords: 1000, streaming: { startedAt: 1, takeId: 't' } }));
    expect((screen.getByRole('button', { name: 'Fit to target' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('adds items, lists section and applicable document items with their state, checks and fixes', () => {
    open({ checklist: [{ id: 'a', text: 'must contain "Pemberley"', state: 'fail', checkedAt: Date.now() }] },
      { checklist: [{ id: 'd1', text: 'first person', state: 'unchecked', results: { s1: { state: 'pass', checkedAt: 1 } } },
        { id: 'd2', text: 'weather', state: 'unchecked', everyN: 5 }] });
    render(<SectionQuality sectionId="s1" />);
    const list = screen.getByRole('list', { name: 'Checklist' });
    let items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringMatching(/^fail.*Pemberley.*text search · checked/),
      expect.stringMatching(/^pass.*first person.*document/),
    ]);
    fireEvent.change(screen.getByRole('textbox', { name: 'New checklist item' }), { target: { value: 'mention the lighthouse' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add item' }));
    items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[1]!.textContent).toMatch(/^unchecked.*mention the lighthouse.*judged by the model/);
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(checkSection).toHaveBeenCalledWith('s1');
    fireEvent.click(within(items[0]!).getByRole('button', { name: 'Fix' }));
    expect(proposeRevision).toHaveBeenCalledWith('s1', expect.objectContaining({ instruction: 'Revise to satisfy: must contain "Pemberley"', range: 'section' }));
  });
});
