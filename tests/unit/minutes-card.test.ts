// The minutes preview card, drawn by the presenter from a plan: the meeting, each section with its
// counts and lines, what could not be placed, names not in the directory, and Import / Cancel.
import { describe, expect, it } from 'vitest';
import { cardBytes, MAX_CARD_BYTES, MINUTES_LINES } from '../../cards/index.ts';
import { minutesCardFor } from '../../bot/present/minutes.ts';
import type { MinutesPreview, PlannedRecord } from '../../bot/services/minutes/import.ts';
import { executeActions, validateCard, visibleTexts } from '../helpers/validate-card.ts';

const record = (result: PlannedRecord['result'], label: string, more: Partial<PlannedRecord> = {}): PlannedRecord => ({
  result,
  label,
  warnings: [],
  ...more,
});

function plan(over: Partial<MinutesPreview> = {}): MinutesPreview {
  return {
    meeting: '2023-03-14',
    sections: [
      {
        section: 'actions',
        title: 'Actions Arising',
        found: 3,
        records: [
          record('add', '01.14/03/2023 JD - Circulate the revised terms of reference'),
          record('add', '07 14/03/2023 The Force - Provide a written response', {
            warnings: ['owner "The Force" is a body, not a person: nobody is notified'],
          }),
          record('unchanged', '04 14/03/2023.i SCL - Consider including outcome rates'),
        ],
      },
      {
        section: 'review',
        title: "Review of the previous meeting's actions",
        found: 2,
        records: [
          record('update', '02.14/02/2023 JD - Circulate the report', { detail: 'status Completed -> Discharged' }),
          record('kept', 'Deep dive 2023-03', { detail: 'kept: set by hand by Priya Nair on 01/03/2023' }),
        ],
      },
    ],
    unplaced: [{ section: 'questions', text: 'SCL gave a brief outline of the model', why: 'no question before it' }],
    counts: { add: 2, update: 1, unchanged: 1, kept: 1, error: 0 },
    notInDirectory: ['RG', 'Insp Gray'],
    ...over,
  };
}

const texts = (card: unknown): string => visibleTexts(card).join('\n');

describe('the minutes preview card', () => {
  const held = { id: 'b1c0d3f2-0000-4000-8000-000000000001', digest: 'a'.repeat(64) };

  it('says the meeting, each section with its counts and lines, and what could not be placed', () => {
    const card = minutesCardFor(plan(), {
      board: 'PAM',
      source: 'minutes.docx · sent by Priya Nair',
      held,
    });
    expect(validateCard(card)).toEqual([]);
    const text = texts(card);
    expect(text).toContain('Minutes of the meeting of 14/03/2023');
    expect(text).toContain('PAM · minutes.docx · sent by Priya Nair');
    expect(text).toMatch(/Nothing is changed until you press \*\*Import\*\*/);
    expect(text).toContain('Actions Arising · 3 found');
    expect(text).toContain('2 to add, 1 unchanged');
    expect(text).toContain("Review of the previous meeting's actions · 2 found");
    expect(text).toContain('1 to update, 1 kept');
    expect(text).toContain('**Add** · 01.14/03/2023 JD - Circulate the revised terms of reference');
    expect(text).toContain('status Completed -> Discharged');
    expect(text).toContain('owner "The Force" is a body, not a person: nobody is notified');
    expect(text).toContain('Not placed: 1 line');
    expect(text).toContain('SCL gave a brief outline of the model');
    expect(text).toContain('no question before it');
    expect(text).toContain('Not in the directory');
    expect(text).toContain('RG, Insp Gray');
    // The totals over every section.
    expect(text).toMatch(/Add: 2\nUpdate: 1\nUnchanged: 1\nKept: 1/);
  });

  it('shows the lines a copy set aside (a page number) with the unplaced, each with why', () => {
    const card = minutesCardFor(plan(), {
      board: 'PAM',
      source: 'pasted text · sent by Priya Nair',
      held,
      setAside: [{ line: 88, text: '4', reason: 'a page number' }],
    });
    expect(validateCard(card)).toEqual([]);
    const text = texts(card);
    expect(text).toContain('Not placed: 2 lines');
    expect(text).toContain('line 88, set aside: a page number');
  });

  it('offers Import and Cancel naming the held import and the digest of what was read', () => {
    const card = minutesCardFor(plan(), { board: 'PAM', source: 'pasted text · sent by Priya Nair', held });
    const buttons = executeActions(card);
    expect(buttons.map((b) => [b.verb, b.title])).toEqual([
      ['minutes.import', 'Import'],
      ['minutes.cancel', 'Cancel'],
    ]);
    for (const b of buttons) expect(b.data).toEqual({ board: 'PAM', importId: held.id, digest: held.digest });
  });

  it('once imported, says what was done, without buttons', () => {
    const card = minutesCardFor(plan(), {
      board: 'PAM',
      source: 'minutes.docx · sent by Priya Nair · imported by Priya Nair on 20/03/2023 10:00',
      notice: { tone: 'good', text: '2 cards on the way to owners.' },
    });
    expect(validateCard(card)).toEqual([]);
    expect(executeActions(card)).toEqual([]);
    const text = texts(card);
    expect(text).toContain('Imported: 2 added, 1 updated, 1 unchanged, 1 kept.');
    expect(text).toContain('**Added** · 01.14/03/2023');
    expect(text).toContain('2 cards on the way to owners.');
    expect(text).not.toMatch(/Nothing is changed until/);
  });

  it('caps each section, saying how many more, and stays under 40 KB with hundreds of long lines', () => {
    const many = Array.from({ length: 300 }, (_, n) =>
      record('add', `${String(n + 1).padStart(2, '0')}.14/03/2023 JD - ${'a long action text '.repeat(40)}`, {
        detail: 'x'.repeat(500),
        warnings: ['w'.repeat(300)],
      }),
    );
    const unplaced = Array.from({ length: 200 }, (_, n) => ({
      section: 'items' as const,
      text: `line ${n} ${'y'.repeat(400)}`,
      why: 'not understood',
    }));
    const card = minutesCardFor(
      plan({ sections: [{ section: 'actions', title: 'Actions Arising', found: 300, records: many }], unplaced }),
      { board: 'PAM', source: 'big.docx · sent by Priya Nair', held },
    );
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(validateCard(card)).toEqual([]);
    const text = texts(card);
    expect(text).toContain('Actions Arising · 300 found');
    expect(text).toContain('300 to add');
    expect(text).toMatch(/and (28[89]|29\d) more/);
    expect(text).toMatch(/Not placed: 200 lines/);
    expect(text).toMatch(/and 1\d\d more/);
    // The buttons survive every cut.
    expect(executeActions(card).map((b) => b.verb)).toEqual(['minutes.import', 'minutes.cancel']);
  });

  it(`shows at most ${MINUTES_LINES} lines of a section when they fit`, () => {
    const lines = Array.from({ length: MINUTES_LINES + 3 }, (_, n) => record('add', `line ${n + 1}`));
    const card = minutesCardFor(
      plan({ sections: [{ section: 'actions', title: 'Actions Arising', found: lines.length, records: lines }] }),
      { board: 'PAM', source: 's', held },
    );
    const text = texts(card);
    expect(text).toContain(`**Add** · line ${MINUTES_LINES}`);
    expect(text).not.toContain(`**Add** · line ${MINUTES_LINES + 1}`);
    expect(text).toContain('and 3 more');
  });

  it('says which records cannot be kept as the minutes give them, and why', () => {
    const card = minutesCardFor(
      plan({
        sections: [
          {
            section: 'actions',
            title: 'Actions Arising',
            found: 2,
            records: [
              record('add', '01.14/03/2023 JD - Circulate'),
              record('error', '02.14/03/2023', { detail: 'the text is 5,000 characters; the limit is 4,000' }),
            ],
          },
        ],
      }),
      { board: 'PAM', source: 's', held },
    );
    expect(validateCard(card)).toEqual([]);
    const text = texts(card);
    expect(text).toContain('1 to add, 1 not possible');
    expect(text).toContain('**Not possible** · 02.14/03/2023');
    expect(text).toContain('the text is 5,000 characters; the limit is 4,000');
    expect(text).toContain('Not possible: 1');
  });

  it('says when the minutes would change nothing, and shows no unplaced or unknown names when there are none', () => {
    const card = minutesCardFor(
      plan({
        sections: [
          { section: 'actions', title: 'Actions Arising', found: 1, records: [record('unchanged', '01.14/03/2023')] },
        ],
        unplaced: [],
        notInDirectory: [],
      }),
      { board: 'PAM', source: 's', held },
    );
    const text = texts(card);
    expect(text).toContain('1 unchanged');
    expect(text).not.toContain('Not placed');
    expect(text).not.toContain('Not in the directory');
  });
});
