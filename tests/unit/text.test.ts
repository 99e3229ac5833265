import { describe, expect, it } from 'vitest';
import { cleanChars, normaliseText, splitLines } from '../../bot/tracker/text.ts';

describe('normaliseText', () => {
  it('turns non-breaking and other unicode spaces into plain spaces', () => {
    expect(normaliseText('JD\u00a0-\u202fCirculate\u2003the\u3000terms')).toBe('JD - Circulate the terms');
  });

  it('removes zero-width characters, soft hyphens and a BOM', () => {
    expect(normaliseText('\ufeffJ\u200bD\u200c -\u200d Circ\u00adulate\u2060')).toBe('JD - Circulate');
  });

  it('straightens smart quotes', () => {
    expect(normaliseText('\u201cMary O\u2019Neill\u201d said \u2018yes\u2019')).toBe('"Mary O\'Neill" said \'yes\'');
  });

  it('collapses runs of spaces and tabs and trims', () => {
    expect(normaliseText(' \t JD   -\t\tCirculate  ')).toBe('JD - Circulate');
  });

  it('keeps en and em dashes, which separate owner and task', () => {
    expect(normaliseText('JD \u2013 one \u2014 two')).toBe('JD \u2013 one \u2014 two');
  });

  it('returns an empty string for whitespace only', () => {
    expect(normaliseText('\u00a0 \t\u200b')).toBe('');
  });
});

describe('cleanChars', () => {
  it('cleans characters but keeps tabs and runs of spaces for column splitting', () => {
    expect(cleanChars('01\u00a0\u00a0x\tJD\u2019s')).toBe("01  x\tJD's");
  });
});

describe('splitLines', () => {
  it('splits on CRLF, CR and LF alike', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps empty lines so line numbers stay right', () => {
    expect(splitLines('a\r\n\r\nb\n')).toEqual(['a', '', 'b', '']);
  });
});
