import { describe, expect, it } from 'vitest';
import { mdCell } from '../../bot/digest/markdown.ts';

// (10) As typed, in the rendered page and in the raw text: no HTML entities ('P&amp;CP'), only a
// backslash where Markdown or HTML would otherwise read markup.
describe('the Markdown action log shows what people typed as typed', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script>alert(1)\\</script>'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)>'],
    ['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
    ['<https://example.com>', '\\<https://example.com>'],
    ['<!-- hidden -->', '\\<!-- hidden -->'],
    ['**bold** and _em_ and ~~gone~~ and `code`', '\\*\\*bold\\*\\* and \\_em\\_ and \\~\\~gone\\~\\~ and \\`code\\`'],
    ['a | b', 'a \\| b'],
    ['C:\\path', 'C:\\\\path'],
    ['Tom & Jerry', 'Tom & Jerry'],
    ['P&CP and R&R', 'P&CP and R&R'],
    ['a < b > c', 'a < b > c'],
    ['typed &amp; or &#38; or &#x26;', 'typed \\&amp; or \\&#38; or \\&#x26;'],
    ['first line\nsecond\r\nthird', 'first line<br>second<br>third'],
    ['  plain text, 14/03/2023.  ', 'plain text, 14/03/2023.'],
    ['', ' '],
  ])('%j', (typed, cell) => {
    expect(mdCell(typed)).toBe(cell);
  });
});
