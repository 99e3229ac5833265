// Properties of the pure parsers every entry point goes through, over arbitrary text (any code
// point, lone surrogates and control characters included) and over generated valid input:
// no input throws; every reference accepted formats back to itself; key parts round-trip; a CSV
// cell never opens a formula. Fixed seeds, so a failure replays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyPart, decodeKeyPart, key } from '../../storage/keys.ts';
import { parseCommand } from '../../bot/rules/commands.ts';
import { csvFile, parseCsv } from '../../bot/rules/csv.ts';
import { parseActions } from '../../bot/rules/import-parse.ts';
import { initialsOf, stripRank } from '../../bot/rules/initials.ts';
import { looksLikeOwners, resolveOwner, splitOwnerLabels, splitOwnerLine } from '../../bot/rules/owners.ts';
import { parsePeopleCsv } from '../../bot/rules/people-csv.ts';
import { normaliseNumber, parseQuestion, parseQuestions, splitRespondent } from '../../bot/rules/questions-parse.ts';
import { formatRef, parseRef, parseUkDate, refKey, ROMANS } from '../../bot/rules/refs.ts';
import type { ActionRef, Person } from '../../bot/rules/types.ts';
import { fixture } from '../helpers/bot-board.ts';

const RUNS = { numRuns: 2_000, seed: 20_230_314 };

/** One UTF-16 unit (a surrogate alone included) or one whole code point of any plane. */
const anyUnit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
/** Any text: every code point, unpaired surrogates, controls. */
const anyText = fc.string({ unit: anyUnit, maxLength: 120 });
/** Text made of the characters references, owners and questions are built from, plus Word's noise. */
const refish = fc.string({
  unit: fc.constantFrom(
    ...'0123456789./ \t-ivxlIVXNnAaQqbJDSCLKP()–—:,&+'.split(''),
    '\u00a0',
    '\u200b',
    '\ufeff',
    '\u0000',
    '\ud800',
    'and',
    ' to ',
  ),
  maxLength: 40,
});
const hostile = fc.oneof(anyText, refish);

const two = (n: number): string => String(n).padStart(2, '0');

/** A reference as the minutes write it: `02.14/03/2023`, `05 14/03/2023.ii`, or `N/A`. */
const canonicalRef = fc.oneof(
  { weight: 1, arbitrary: fc.constant('N/A') },
  {
    weight: 8,
    arbitrary: fc
      .record({
        shape: fc.constantFrom('numbered', 'item'),
        number: fc.integer({ min: 1, max: 999 }),
        day: fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        sub: fc.option(fc.constantFrom(...ROMANS), { nil: undefined }),
      })
      .map(({ shape, number, day, sub }) => {
        const date = `${two(day.getUTCDate())}/${two(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
        return `${two(number)}${shape === 'numbered' ? '.' : ' '}${date}${sub ? `.${sub}` : ''}`;
      }),
  },
);

const DIRECTORY: Person[] = parsePeopleCsv(fixture('people-example.csv')).flatMap((p, i) =>
  p.kind === 'person' ? [{ ...p.person, id: `person-${i}` }] : [],
);

describe('references', () => {
  it('parseRef never throws, and whatever it accepts formats to a reference that parses back to the same', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const ref = parseRef(s);
        if (!ref) return;
        const formatted = formatRef(ref);
        expect(parseRef(formatted)).toEqual(ref);
        expect(formatRef(parseRef(formatted) as ActionRef)).toBe(formatted);
        // Its storage key is safe for Table Storage.
        expect(refKey(ref, ref.shape === 'none' ? '2023-03-14' : ref.meeting, 'text')).toMatch(/^[0-9a-z.-]+$/);
      }),
      RUNS,
    );
  });

  it('every reference written as the minutes write it formats back to itself', () => {
    fc.assert(
      fc.property(canonicalRef, (s) => {
        const ref = parseRef(s);
        expect(ref, s).not.toBeNull();
        expect(formatRef(ref as ActionRef)).toBe(s);
      }),
      RUNS,
    );
  });

  it('a reference with Word’s spaces and marks in it reads as the clean one', () => {
    fc.assert(
      fc.property(canonicalRef, fc.constantFrom('\u00a0', '\u202f', '\u200b', '\ufeff'), (s, noise) => {
        expect(
          formatRef(
            parseRef(
              `${noise}${s.replace(' ', noise === '\u00a0' || noise === '\u202f' ? noise : ' ')}${noise}`,
            ) as ActionRef,
          ),
        ).toBe(s);
      }),
      RUNS,
    );
  });

  it('parseUkDate never throws and accepts only real calendar dates', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostile,
          fc
            .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 }))
            .map(([d, m, y]) => `${d}/${m}/${y}`),
        ),
        (s) => {
          const iso = parseUkDate(s);
          if (iso) expect(new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10)).toBe(iso);
        },
      ),
      RUNS,
    );
  });
});

describe('owners', () => {
  it('owner lines, labels and their resolution never throw', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const split = splitOwnerLine(s);
        if (!('error' in split))
          for (const label of split.labels)
            expect(resolveOwner(label, DIRECTORY).kind).toMatch(/^(person|body|unknown|ambiguous)$/);
        looksLikeOwners(s);
        for (const label of splitOwnerLabels(s)) resolveOwner(label, DIRECTORY);
        resolveOwner(s, DIRECTORY);
        expect(initialsOf(s)).toBe(initialsOf(s).toUpperCase());
        stripRank(s);
      }),
      RUNS,
    );
  });
});

describe('questions, commands and imports', () => {
  it('question lists, numbers and respondents never throw', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 2_000 }), (s, line) => {
        const parsed = parseQuestion(s, line);
        expect(parsed.line).toBe(line);
        for (const q of parseQuestions(`${s}\n${s}`)) expect(['question', 'error']).toContain(q.kind);
        splitRespondent(s);
        normaliseNumber(s);
      }),
      RUNS,
    );
  });

  it('commands and imports in every format never throw, and report every line', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        parseCommand(s);
        for (const format of ['text', 'csv', 'json'] as const) {
          for (const line of parseActions(s, format)) expect(['action', 'skipped', 'error']).toContain(line.kind);
        }
      }),
      { ...RUNS, numRuns: 1_000 },
    );
  });
});

describe('keys and CSV cells', () => {
  it('any non-empty text is a safe key part that decodes back exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUnit, minLength: 1, maxLength: 60 }), (s) => {
        const part = keyPart(s);
        expect(decodeKeyPart(part)).toBe(s);
        if (part.length <= 512) expect(key('a', part)).toBe(`a|${part}`);
      }),
      RUNS,
    );
  });

  it('no CSV cell opens a formula, and the cells read back as written (a defused formula keeps its word joiner)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(anyText, fc.constantFrom('=1+1', '+1', '-1', '@A1', '\t=1', '\r=1', '"=1"')), {
          minLength: 1,
          maxLength: 5,
        }),
        (values) => {
          const [read = []] = parseCsv(csvFile([values]));
          const expected = values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `\u2060${v}` : v));
          // A blank row reads back as no row at all.
          if (expected.every((v) => v === '')) return;
          expect(read).toEqual(expected);
          for (const cell of read) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
      RUNS,
    );
  });
});
