// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';

const linkify = vi.hoisted(() => ({ init: vi.fn(), reset: vi.fn(), registerCustomProtocol: vi.fn(), find: vi.fn(() => []), tokenize: vi.fn(() => []) }));
vi.mock('linkifyjs', () => linkify);

describe('linkify as the Link extension sees it', () => {
  it('builds the scanner in an idle moment once loaded, and an editor going away does not throw it away unless a custom protocol was registered', async () => {
    const idle: Array<() => void> = [];
    (globalThis as unknown as { requestIdleCallback: unknown }).requestIdleCallback = (cb: () => void) => idle.push(cb);
    const lazy = await import('./linkifyLazy');
    await vi.waitFor(() => expect(idle).toHaveLength(1));
    expect(linkify.init).not.toHaveBeenCalled();
    idle[0]!();
    expect(linkify.init).toHaveBeenCalledTimes(1);
    lazy.reset(); // Link's onDestroy, with no protocol of ours
    expect(linkify.reset).not.toHaveBeenCalled();
    lazy.registerCustomProtocol('web+longhand');
    lazy.reset();
    expect(linkify.reset).toHaveBeenCalledTimes(1);
    lazy.reset();
    expect(linkify.reset).toHaveBeenCalledTimes(1);
  });
});
