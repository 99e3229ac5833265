import { describe, expect, it } from 'vitest';
import { mdCell } from '../../bot/digest/markdown.ts';

describe('the Markdown action log shows what people typed as typed', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['<https://example.com>', '&lt;https://example.com&gt;'],
    ['**bold** and _em_ and ~~gone~~ and `code`', '\\*\\*bold\\*\\* and \\_em\\_ and \\~\\~gone\\~\\~ and \\`code\\`'],
    ['a | b', 'a \\| b'],
    ['C:\\path', 'C:\\\\path'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['first line\nsecond\r\nthird', 'first line<br>second<br>third'],
    ['  plain text, 14/03/2023.  ', 'plain text, 14/03/2023.'],
    ['', ' '],
  ])('%j', (typed, cell) => {
    expect(mdCell(typed)).toBe(cell);
  });
});
