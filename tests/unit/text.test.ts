import { describe, expect, it } from 'vitest';
import { checkCharacters, keptLine, MAX_LINE, TooLongError } from '../../bot/rules/limits.ts';
import { parsePeopleCsv } from '../../bot/rules/people-csv.ts';
import { newQuestion } from '../../bot/rules/questions.ts';
import { RefusedError } from '../../bot/rules/refused.ts';
import { cleanChars, normaliseText, oneLine, splitLines, unsafeCharacter } from '../../bot/rules/text.ts';

describe('normaliseText', () => {
  it('turns non-breaking and other unicode spaces into plain spaces', () => {
    expect(normaliseText('JD\u00a0-\u202fCirculate\u2003the\u3000terms')).toBe('JD - Circulate the terms');
  });

  it('removes zero-width characters, soft hyphens and a BOM', () => {
    expect(normaliseText('\ufeffJ\u200bD\u200c -\u200d Circ\u00adulate\u2060')).toBe('JD - Circulate');
  });

  it('straightens smart quotes', () => {
    expect(normaliseText('\u201cMary O\u2019Neill\u201d said \u2018yes\u2019')).toBe("\"Mary O'Neill\" said 'yes'");
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

describe('oneLine', () => {
  it('puts a value with line breaks on one clean line', () => {
    expect(oneLine(' Gold\r\nRoom,\u00a0Police\rHQ\n ')).toBe('Gold Room, Police HQ');
  });
});

// The one rule for every stored text a person gives: notes, texts, names, emails, places.
describe('the text rule', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'a control character (U+0000)'],
    ['a bell', 'FOIA\u0007', 'a control character (U+0007)'],
    ['an escape', '\u001b[31m', 'a control character (U+001B)'],
    ['DEL', 'x\u007f', 'a control character (U+007F)'],
    ['a C1 control', 'x\u0085', 'a control character (U+0085)'],
    ['a lone high surrogate', 'FOIA \ud800', 'a broken character (U+D800)'],
    ['a lone low surrogate', '\udc00 s.31', 'a broken character (U+DC00)'],
    ['a low surrogate before its high one', '\ude93\ud83d', 'a broken character (U+DE93)'],
  ])('names %s', (_name, value, said) => {
    expect(unsafeCharacter(value)).toBe(said);
    expect(() => checkCharacters('the note', value)).toThrow(
      new RefusedError(`the note contains ${said}: remove it and try again`),
    );
  });

  it('keeps tabs, line breaks, emoji and accents', () => {
    for (const ok of ['a\tb\r\nc', 'Police 🚓 HQ', 'Siân Öztürk', '']) {
      expect(unsafeCharacter(ok)).toBeNull();
      expect(() => checkCharacters('the note', ok)).not.toThrow();
    }
    expect(() => checkCharacters('the note', undefined)).not.toThrow();
  });

  it('keptLine cleans a one-line field and keeps it', () => {
    expect(keptLine("the exemption's name", '  FOIA\u00a0s.31\n(law \u201cenforcement\u201d)  ')).toBe(
      'FOIA s.31 (law "enforcement")',
    );
    expect(keptLine('the name', 'x'.repeat(MAX_LINE))).toHaveLength(MAX_LINE);
  });

  it('keptLine refuses a character that cannot be kept, and a field that is too long, saying which', () => {
    expect(() => keptLine("the exemption's name", 'FOIA \ud800')).toThrow(
      "the exemption's name contains a broken character (U+D800)",
    );
    expect(() => keptLine('the email', 'jane\u0007@example.org')).toThrow(
      'the email contains a control character (U+0007)',
    );
    expect(() => keptLine('the location', 'x'.repeat(MAX_LINE + 1))).toThrow(TooLongError);
    expect(() => keptLine('the email', 'x'.repeat(255), 254)).toThrow('the email is 255 characters; the limit is 254');
  });
});

describe('the text rule on directory rows (parsePeopleCsv)', () => {
  const HEADER = 'name,capacity,initials,aliases,email,role';
  it.each([
    [
      'an email with a control character',
      'Jane Doe,Ch Supt,JD,,jane\u0007doe@example.police.uk,member',
      /^the email contains a control character \(U\+0007\)/,
    ],
    [
      'an email with a lone surrogate',
      'Jane Doe,Ch Supt,JD,,jane\ud800@example.police.uk,member',
      /^the email contains a broken character \(U\+D800\)/,
    ],
    [
      'a name with a lone surrogate',
      'Jane \udc00Doe,Ch Supt,JD,,jane.doe@example.police.uk,member',
      /^the name contains a broken character \(U\+DC00\)/,
    ],
    [
      'a capacity with an escape',
      'Jane Doe,\u001b[2JCh Supt,JD,,jane.doe@example.police.uk,member',
      /^the capacity contains a control character \(U\+001B\)/,
    ],
    [
      'initials with a NUL',
      'Jane Doe,Ch Supt,J\u0000D,,jane.doe@example.police.uk,member',
      /^the initials column contains a control character \(U\+0000\)/,
    ],
    [
      'an alias with a C1 control',
      'Jane Doe,Ch Supt,JD,DJ;Ch\u0085Supt Doe,jane.doe@example.police.uk,member',
      /control character \(U\+0085\)/,
    ],
    [
      'a role with a bell',
      'Jane Doe,Ch Supt,JD,,jane.doe@example.police.uk,member\u0007',
      /^the role contains a control character \(U\+0007\)/,
    ],
    [
      'a name of 201 characters',
      `${'x'.repeat(201)},Ch Supt,JD,,jane.doe@example.police.uk,member`,
      /^the name is 201 characters; the limit is 200/,
    ],
  ])('refuses the row with %s, saying which field', (_name, row, reason) => {
    const [, line] = parsePeopleCsv(`${HEADER}\n${row}\n`);
    expect(line).toMatchObject({ line: 2, kind: 'error' });
    expect(line?.kind === 'error' && line.reason).toMatch(reason);
  });

  it('still reads a clean row, cleaned', () => {
    const [, line] = parsePeopleCsv(`${HEADER}\nJane\u00a0Doe,Ch Supt,JD,DJ,Jane.Doe@Example.Police.UK,member\n`);
    expect(line).toMatchObject({
      kind: 'person',
      person: { name: 'Jane Doe', email: 'jane.doe@example.police.uk', aliases: ['DJ'] },
    });
  });
});

describe('the text rule on a scrutiny question (newQuestion)', () => {
  const actor = { id: 'tom-ellis', name: 'Tom Ellis', role: 'scrutiny' as const, channel: 'teams' as const };
  const fields = {
    id: '2023-04-11.q1',
    number: 'Q1',
    meeting: '2023-04-11',
    text: 'Why?',
    respondent: { label: 'KP' },
  };
  it('refuses a theme or a respondent holding a character that cannot be kept', () => {
    expect(() => newQuestion({ ...fields, theme: 'Drugs\u0007' }, actor, '2023-03-20T10:00:00.000Z')).toThrow(
      'the theme contains a control character (U+0007)',
    );
    expect(() =>
      newQuestion({ ...fields, respondent: { label: 'K\ud800P' } }, actor, '2023-03-20T10:00:00.000Z'),
    ).toThrow('the respondent contains a broken character (U+D800)');
    expect(newQuestion({ ...fields, theme: 'Drugs' }, actor, '2023-03-20T10:00:00.000Z').next).toMatchObject({
      theme: 'Drugs',
      respondent: { label: 'KP' },
    });
  });
});
