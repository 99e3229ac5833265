import { describe, expect, it } from 'vitest';
import { escapeMarkdown, truncate } from '../../cards/index.ts';
import { givenBack, names, withLimit } from '../../cards/text.ts';

describe('escapeMarkdown', () => {
  it('leaves ordinary text alone', () => {
    expect(escapeMarkdown('Met with Insp Smith on 12/03/2023 (see notes), 50% done; R&D next.')).toBe(
      'Met with Insp Smith on 12/03/2023 (see notes), 50% done; R&D next.',
    );
  });

  it('escapes emphasis, strike, code, links, images and autolinks', () => {
    expect(escapeMarkdown('**bold** _it_ ~~gone~~ `code` [x](http://y) ![i](http://z) <http://a>')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\[x\\](http://y) !\\[i\\](http://z) \\<http://a>',
    );
  });

  it('escapes a backslash first, so an escape in the text stays as typed', () => {
    expect(escapeMarkdown('C:\\temp \\*')).toBe('C:\\\\temp \\\\\\*');
  });

  it('escapes what opens a block at the start of a line, and only there', () => {
    expect(escapeMarkdown('# Heading\n> quote\n- item\n+ item\n1. first\n2) second\n===\n| a | b |')).toBe(
      '\\# Heading\n\n\\> quote\n\n\\- item\n\n\\+ item\n\n1\\. first\n\n2\\) second\n\n\\===\n\n\\| a | b |',
    );
    expect(escapeMarkdown('a - b, 3 > 2, item 1. ok, 1.5 hours')).toBe('a - b, 3 > 2, item 1. ok, 1.5 hours');
  });

  it('escapes an entity reference but not a lone ampersand', () => {
    expect(escapeMarkdown('Q&A &amp; &#42;')).toBe('Q&A \\&amp; \\&#42;');
  });

  it('keeps line breaks as paragraph breaks (a single newline would render as a space)', () => {
    expect(escapeMarkdown('one\r\ntwo\n\n\nthree')).toBe('one\n\ntwo\n\nthree');
  });

  it('leaves ${...} alone: it is data, not template', () => {
    expect(escapeMarkdown('${title} @{x}')).toBe('${title} @{x}');
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text with an ellipsis, within the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('a'.repeat(300), 200);
    expect(cut).toHaveLength(200);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('😀'.repeat(10), 5);
    expect(Array.from(cut)).toHaveLength(5);
    expect(cut).toBe('😀😀😀😀…');
  });
});

describe('names', () => {
  it('joins owners as a sentence', () => {
    expect(names([])).toBe('');
    expect(names(['Jane Doe'])).toBe('Jane Doe');
    expect(names(['Jane Doe', 'Sam Carter-Lee'])).toBe('Jane Doe and Sam Carter-Lee');
    expect(names(['A', ' ', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('givenBack and withLimit', () => {
  it('gives a refused text back whole, or cut a quarter past the limit: never to a length that would be saved', () => {
    expect(givenBack('x'.repeat(4_001), 4_000)).toHaveLength(4_001);
    const huge = givenBack('🚓'.repeat(300_000), 4_000);
    expect(Array.from(huge)).toHaveLength(5_000); // whole characters, no half pair
    expect(huge.length).toBeGreaterThan(4_000);
  });

  it('says the limit on the label', () => {
    expect(withLimit('Written response', 8_000)).toBe('Written response (up to 8,000 characters)');
  });
});
