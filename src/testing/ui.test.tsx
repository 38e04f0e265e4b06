// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { useEffect } from 'react';
import { cleanup, render } from '@testing-library/preact';
import { unmountAll } from './ui';

function Listening({ log }: { log: string[] }) {
  useEffect(() => () => { log.push('cleaned up'); }, [log]);
  return null;
}

describe('unmountAll', () => {
  it('runs effect cleanups before it returns (plain cleanup leaves them to a timer)', () => {
    const plain: string[] = [];
    render(<Listening log={plain} />);
    cleanup();
    // Preact defers a useEffect cleanup past the next paint: a timer that can outlive the test's jsdom window.
    expect(plain).toEqual([]);

    const log: string[] = [];
    render(<Listening log={log} />);
    unmountAll();
    expect(log).toEqual(['cleaned up']);
  });
});
