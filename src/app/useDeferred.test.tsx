// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, render } from '@testing-library/preact';
import { unmountAll } from '../testing/ui';
import { useDeferred } from './useDeferred';

afterEach(unmountAll);

function Probe({ value, seen, initial }: { value: number; seen: number[]; initial?: number }) {
  const shown = useDeferred(value, ...(initial === undefined ? [] : [initial]) as [] | [number]);
  seen.push(shown);
  return <span>{shown}</span>;
}

const nextTask = () => new Promise<void>((r) => setTimeout(r, 0));

describe('useDeferred', () => {
  it('renders the old value first and the new one in a later task', async () => {
    const seen: number[] = [];
    const view = render(<Probe value={1} seen={seen} />);
    expect(view.container.textContent).toBe('1');
    act(() => view.rerender(<Probe value={2} seen={seen} />));
    // The render that changed the value committed with the old one.
    expect(view.container.textContent).toBe('1');
    await act(async () => { await nextTask(); await nextTask(); });
    expect(view.container.textContent).toBe('2');
    expect(seen.at(-1)).toBe(2);
  });

  it('starts from the initial value when one is given, then follows', async () => {
    const seen: number[] = [];
    const view = render(<Probe value={7} initial={-1} seen={seen} />);
    expect(seen[0]).toBe(-1);
    await act(async () => { await nextTask(); await nextTask(); });
    expect(view.container.textContent).toBe('7');
  });

  it('skips values that were replaced before their task ran', async () => {
    const seen: number[] = [];
    const view = render(<Probe value={1} seen={seen} />);
    act(() => view.rerender(<Probe value={2} seen={seen} />));
    act(() => view.rerender(<Probe value={3} seen={seen} />));
    await act(async () => { await nextTask(); await nextTask(); });
    expect(view.container.textContent).toBe('3');
    expect(seen).not.toContain(2);
  });
});
