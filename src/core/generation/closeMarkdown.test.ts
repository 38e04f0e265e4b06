import { describe, expect, it } from 'vitest';
import { closeOpenMarkdown } from './closeMarkdown';

describe('closeOpenMarkdown', () => {
  it('closes emphasis that is still open', () => {
    expect(closeOpenMarkdown('Some **bo')).toBe('Some **bo**');
    expect(closeOpenMarkdown('a *soft and **hard')).toBe('a *soft and **hard***');
    expect(closeOpenMarkdown('use `code')).toBe('use `code`');
    expect(closeOpenMarkdown('~~gone')).toBe('~~gone~~');
  });
  it('drops a marker with nothing after it yet', () => {
    expect(closeOpenMarkdown('Some **')).toBe('Some ');
    expect(closeOpenMarkdown('Para.\n\n#')).toBe('Para.\n\n');
    expect(closeOpenMarkdown('- one\n-')).toBe('- one\n');
  });
  it('leaves finished Markdown, bullets and snake_case alone', () => {
    for (const s of ['Some **bold** text.', '* item\n* item two', 'a snake_case_name', '2 * 3 = 6', '```\nx = *y\n']) {
      expect(closeOpenMarkdown(s)).toBe(s);
    }
  });
  it('only looks at the last block', () => {
    expect(closeOpenMarkdown('Odd * star.\n\nNew *em')).toBe('Odd * star.\n\nNew *em*');
  });
});
