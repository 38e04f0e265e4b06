// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { unmountAll } from '../../testing/ui';
import { ReviseMenu } from './ReviseMenu';
import { useStore } from '../../app/store';

afterEach(unmountAll);

describe('ReviseMenu', () => {
  it('lists the presets by their contract names and focuses the first', () => {
    render(<ReviseMenu onChoose={() => {}} onClose={() => {}} />);
    const menu = screen.getByRole('menu', { name: 'Revise' });
    const names = within(menu).getAllByRole('menuitem').map((i) => i.getAttribute('aria-label') ?? i.textContent);
    expect(names).toEqual([
      'Fix grammar', 'Make clearer', 'Simplify', 'Improve flow', 'More formal', 'More neutral', 'Paraphrase', 'Shorten',
      'Expand', 'Change tone›', 'Custom instruction…',
    ]);
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Fix grammar' }));
    expect(screen.getByRole('menuitem', { name: 'Simplify' }).getAttribute('aria-keyshortcuts')).toBe('Control+Alt+S');
  });

  it('moves with the arrow keys, opens Change tone with →, and chooses with the instruction text', () => {
    const onChoose = vi.fn();
    const onClose = vi.fn();
    render(<ReviseMenu onChoose={onChoose} onClose={onClose} />);
    const menu = screen.getByRole('menu', { name: 'Revise' });
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Custom instruction…' }));
    fireEvent.keyDown(menu, { key: 'ArrowUp' });
    const tone = screen.getByRole('menuitem', { name: /Change tone/ });
    expect(document.activeElement).toBe(tone);
    fireEvent.keyDown(menu, { key: 'ArrowRight' });
    const sub = screen.getByRole('menu', { name: 'Change tone' });
    expect(tone.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(within(sub).getByRole('menuitem', { name: 'Friendlier' }));
    fireEvent.click(within(sub).getByRole('menuitem', { name: 'More casual' }));
    expect(onChoose).toHaveBeenCalledWith({ instruction: 'Make this more casual', label: 'More casual' });
    fireEvent.keyDown(menu, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('takes a custom instruction, remembers it, and offers it next time', () => {
    localStorage.clear();
    useStore.setState({ recentCustom: [] });
    const onChoose = vi.fn();
    render(<ReviseMenu onChoose={onChoose} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Custom instruction…' }));
    const box = screen.getByRole('textbox', { name: 'Custom instruction' });
    expect(document.activeElement).toBe(box);
    fireEvent.change(box, { target: { value: 'Use British spelling' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply instruction' }));
    expect(onChoose).toHaveBeenCalledWith({ instruction: 'Use British spelling', label: 'Use British spelling' });
    expect(JSON.parse(localStorage.getItem('longhand.revision.recentCustom')!)).toEqual(['Use British spelling']);
    unmountAll();
    render(<ReviseMenu onChoose={onChoose} onClose={() => {}} startCustom />);
    fireEvent.click(within(screen.getByRole('list', { name: 'Recent instructions' })).getByRole('button', { name: 'Use British spelling' }));
    expect(onChoose).toHaveBeenLastCalledWith({ instruction: 'Use British spelling', label: 'Use British spelling' });
  });
});
