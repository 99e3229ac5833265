// Reading whole minutes: the 2023 fixture compared field by field with what a correct import finds
// (minutes-2023-03-14.expected.json, following its howToCompare), and the real open minutes of
// 21/07/2020.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCopiedText } from '../../bot/minutes/copied-text.ts';
import { readDocx } from '../../bot/minutes/docx.ts';
import { readMinutes } from '../../bot/minutes/read.ts';
import type { MinutesRecord } from '../../bot/minutes/record.ts';
import { resolveOwner } from '../../bot/rules/owners.ts';
import { parsePeopleCsv } from '../../bot/rules/people-csv.ts';
import { parseStatusWord } from '../../bot/rules/statuses.ts';
import type { Person } from '../../bot/rules/types.ts';
import { EXPECTED } from '../helpers/minutes-expected.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

const expected = EXPECTED;

const directory: Person[] = parsePeopleCsv(fixture('people-example.csv').toString('utf8')).flatMap((p) =>
  p.kind === 'person' ? [{ id: p.person.initials.toLowerCase(), ...p.person }] : [],
);

/** howToCompare: whitespace collapsed, split ordinals whole, first letter's case and a final full stop ignored. */
function text(s: string | undefined | null): string | undefined {
  if (s === undefined || s === null) return undefined;
  const t = s
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\d) (st|nd|rd|th)\b/g, '$1$2')
    .replace(/\.$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/** howToCompare: a person is their directory initials, a body keeps its name, unknown initials stay as written. */
function who(label: string): string {
  const r = resolveOwner(label, directory);
  if (r.kind === 'person') return directory.find((p) => p.id === r.personId)?.initials ?? label;
  if (r.kind === 'body') return r.name;
  return label;
}

const initialsOf = (name: string): string | null => {
  const r = resolveOwner(name, directory);
  return r.kind === 'person' ? (directory.find((p) => p.id === r.personId)?.initials ?? null) : null;
};

function compare2023(record: MinutesRecord): void {
  const m = expected.meeting;
  expect(record.meeting).toEqual({
    date: m.date,
    start: m.start,
    end: m.end,
    location: m.location,
    chair: m.chair,
    minuteTaker: m.minuteTaker,
    previousMeeting: m.previousMeeting,
  });
  expect(initialsOf(record.meeting.chair ?? '')).toBe(m.chairInitials);

  expect(
    record.attendees.map((a) => ({
      name: a.name,
      capacity: text(a.capacity),
      initials: initialsOf(a.name),
      dialIn: a.dialIn,
    })),
  ).toEqual(
    expected.attendees.map((a) => ({
      name: a.name,
      capacity: text(a.capacity),
      initials: a.initials,
      dialIn: a.dialIn,
    })),
  );
  expect(
    record.apologies.map((a) => ({
      name: a.name,
      capacity: text(a.capacity),
      initials: initialsOf(a.name),
      representative: a.representative ? { asWritten: a.representative, initials: who(a.representative) } : null,
    })),
  ).toEqual(
    expected.apologies.map((a) => ({
      name: a.name,
      capacity: text(a.capacity),
      initials: a.initials,
      representative: a.representative
        ? { asWritten: a.representative.asWritten, initials: a.representative.initials }
        : null,
    })),
  );
  const names = [...record.attendees, ...record.apologies].map((p) => p.name);
  expect(names.filter((n) => initialsOf(n) === null)).toEqual(expected.namesNotInDirectory);

  expect(record.items.map((i) => ({ number: i.number, title: text(i.title), exempt: i.exempt !== undefined }))).toEqual(
    expected.items.map((i) => ({ number: i.number, title: text(i.title), exempt: i.exempt === true })),
  );
  expect(
    record.items.flatMap((i) =>
      i.exempt
        ? [
            {
              item: i.number,
              title: i.title,
              exemption: i.exempt.text,
              section: i.exempt.section,
              reason: i.exempt.reason,
            },
          ]
        : [],
    ),
  ).toEqual(expected.exemptItems);

  expect(
    record.reviewed.map((r) => ({
      meeting: r.meeting,
      ref: r.ref ?? null,
      owners: r.owners.map(who),
      text: text(r.text),
      outcome: text(r.outcome),
      updatedTo: r.updatedTo?.map(text),
      status: r.status,
    })),
  ).toEqual(
    expected.reviewedActions.map((r) => ({
      meeting: r.meeting,
      ref: r.ref,
      owners: r.owners,
      text: text(r.text),
      outcome: text(r.outcome),
      updatedTo: r.updatedTo?.map(text),
      status: parseStatusWord(r.status),
    })),
  );
  for (const [i, r] of expected.reviewedActions.entries())
    if (r.ownersAsWritten) expect(record.reviewed[i]?.ownersAsWritten).toBe(r.ownersAsWritten);

  expect(record.questionsItem).toBe(expected.questionsItem);
  expect(record.questionsPutBy).toBe(expected.questionsPutBy);
  expect(
    record.questions.map((q) => ({
      number: q.number,
      text: text(q.text),
      respondent: who(q.respondent ?? ''),
      parts: q.parts?.map((p) => ({ number: p.number, text: text(p.text) })),
      answer: text(q.answer),
    })),
  ).toEqual(
    expected.questions.map((q) => ({
      number: q.number,
      text: text(q.text),
      respondent: q.respondent,
      parts: q.parts?.map((p) => ({ number: p.number, text: text(p.text) })),
      answer: text(q.answer),
    })),
  );
  for (const [i, q] of expected.questions.entries())
    if (q.respondentAsWritten) expect(record.questions[i]?.respondent).toBe(q.respondentAsWritten);
  expect(record.questions.every((q) => q.item === expected.questionsItem)).toBe(true);

  expect(
    record.itemColumnActions.map((a) => ({
      item: a.item,
      owners: a.owners.map(who),
      numeral: a.numeral,
      text: text(a.text),
      sameAs: a.sameAs,
    })),
  ).toEqual(expected.itemColumnActions.map((a) => ({ ...a, text: text(a.text) })));

  expect(record.actionsArising.map((a) => ({ ref: a.ref, owners: a.owners.map(who), text: text(a.text) }))).toEqual(
    expected.actionsArising.map((a) => ({ ref: a.ref, owners: a.owners, text: text(a.text) })),
  );
  for (const [i, a] of expected.actionsArising.entries())
    if (a.ownersAsWritten) expect(record.actionsArising[i]?.ownersAsWritten).toBe(a.ownersAsWritten);

  expect(record.deepDives).toEqual(
    expected.deepDives.map((d) => ({
      month: d.month,
      focus: d.focus,
      ...(d.quarter ? { quarter: d.quarter } : {}),
      ...(d.topic ? { topic: d.topic } : {}),
    })),
  );
  expect(record.nextMeeting).toEqual(expected.nextMeeting);

  const c = expected.counts;
  expect({
    attendees: record.attendees.length,
    apologies: record.apologies.length,
    items: record.items.length,
    reviewedActions: record.reviewed.length,
    questions: record.questions.length,
    questionNumbers: record.questions.reduce((n, q) => n + (q.parts?.length ?? 1), 0),
    exemptItems: record.items.filter((i) => i.exempt).length,
    actionsArising: record.actionsArising.length,
    itemColumnActions: record.itemColumnActions.length,
    deepDives: record.deepDives.length,
  }).toEqual(c);
}

const fromWord = (name: string): MinutesRecord => readMinutes(readDocx(fixture(`${name}.docx`)));
const fromText = (name: string): MinutesRecord => readMinutes(readCopiedText(fixture(`${name}.txt`).toString('utf8')));

describe('the minutes of 14/03/2023 (invented, in the 2021 layout)', () => {
  it('from the Word file: everything a correct import finds, field by field', () => {
    const record = fromWord('minutes-2023-03-14');
    compare2023(record);
    // Both Action-column actions are in the table: nothing is left to report.
    expect(record.unplaced).toEqual([]);
  });

  it("from the copied text: the same, its copy's artefacts set aside and none of them a record", () => {
    const record = fromText('minutes-2023-03-14');
    compare2023(record);
    expect(record.unplaced).toEqual([]);
    expect(record.setAside?.map((l) => l.text.trim())).toEqual(['4', expect.stringMatching(/^00000731 \(7003/)]);
  });
});

describe('both forms of the same minutes', () => {
  it.each(['minutes-2023-03-14', 'minutes-2020-07-21'])(
    '%s: the Word file and its copied text read the same',
    (name) => {
      const { setAside: _s, ...text } = fromText(name);
      expect(text).toEqual(fromWord(name));
    },
  );
});

describe.each([
  ['Word file', fromWord],
  ['copied text', fromText],
])('the open minutes of 21/07/2020 (real), from the %s', (_form, read) => {
  const record = read('minutes-2020-07-21');

  it('the header, seven attendees, three apologies with Ben Smith sent for Alex Franklin-Smith', () => {
    expect(record.meeting).toEqual({
      date: '2020-07-21',
      start: '10:00',
      end: '10:45',
      location: 'Gold Room, Police HQ \u2013 Covid Secure Capacity 14',
      chair: 'Philip Seccombe',
      minuteTaker: 'OPCC Secretariat',
      previousMeeting: '2020-06-23',
    });
    expect(record.attendees.map((a) => [a.name, a.dialIn])).toEqual([
      ['Philip Seccombe', false],
      ['Martin Jelley', false],
      ['Ben Smith', false],
      ['Steve Russell', false],
      ['Neil Hewison', true],
      ['David Patterson', false],
      ['Nargis Begum', false],
    ]);
    expect(record.apologies).toEqual([
      { name: 'Richard Moore' },
      { name: 'Debbie Tedds' },
      { name: 'Alex Franklin-Smith', representative: 'C.Supt Ben Smith' },
    ]);
  });

  it("items 01 to 03, none exempt, each with what the minutes say under it, less the review and the force's response", () => {
    expect(record.items).toEqual([
      {
        number: '01.21/07/2020',
        title: 'Minutes',
        discussion: {
          paragraphs: [{ text: 'The Minutes of the previous meeting dated 23/06/2020 were agreed and approved.' }],
          papers: { kind: 'review', at: 1 },
        },
      },
      {
        number: '02.21/07/2020',
        title: 'Performance Scrutiny Report',
        discussion: {
          paragraphs: [
            { text: 'Update provided by Ch.Supt Ben Smith as Head of Local Policing' },
            {
              text: 'Force response to the Office of the Police Crime Commissioner performance scrutiny report dated 15th July 2020.',
            },
          ],
          papers: { kind: 'questions', at: 2 },
        },
      },
      {
        number: '03.21/07/2020',
        title: 'AOB',
        discussion: {
          paragraphs: [
            {
              text: 'The OPCC has been alerted to incidents of ASB and Hate Crime in Stratford-upon Avon recently. The force are aware of the incidents which are being dealt with.',
            },
          ],
        },
      },
    ]);
  });

  it("reviews 01 to 04.23/06/2020: outcomes, decisions, the standing item's Updated to list, and a topic with no owner", () => {
    expect(record.reviewed.map((r) => [r.ref, r.meeting, r.owners, text(r.text), r.outcome, r.status])).toEqual([
      ['01.23/06/2020', '2020-06-23', ['NT'], 'add SOH links to OPCC website', 'Completed', 'discharged'],
      [
        '02.23/06/2020',
        '2020-06-23',
        ['DH'],
        'provide Presentation for next CJS Recovery forum',
        'Completed',
        'discharged',
      ],
      [
        '03.23/06/2020',
        '2020-06-23',
        [],
        'performance Scrutiny Report \u2013 Written response to be provided by the Force to OPCC',
        'Completed',
        'discharged',
      ],
      [
        '04.23/06/2020',
        '2020-06-23',
        [],
        'proposed future PAM deep-dive subjects for 2020/2',
        expect.stringMatching(/^Updated to: - July Q1 .* TBA - Health and Wellbeing\.$/),
        'standing',
      ],
    ]);
    expect(record.reviewed[3]?.updatedTo).toEqual([
      'July Q1 - Learning and Development (L&D) deferred to August.',
      'August - L&D / Domestic Violence Focus.',
      'September- Equality & Diversity.',
      'October Q2 - Roads Policing.',
      'TBA - Health and Wellbeing.',
    ]);
  });

  it("seven themed questions, each answered by the force's response that Ben Smith gave", () => {
    expect(record.questionsItem).toBe('02.21/07/2020');
    expect(record.questions.map((q) => [q.number, q.theme, q.respondent])).toEqual([
      ['Q1', 'Violence without Injury', 'Ben Smith'],
      ['Q2', 'Violence and Possession of Weapons', 'Ben Smith'],
      ['Q3', 'Drug Offences', 'Ben Smith'],
      ['Q4', 'ASB and Public Order', 'Ben Smith'],
      ['Q5', 'OCC', 'Ben Smith'],
      ['Q6', 'Hate Crime', 'Ben Smith'],
      ['Q7', 'DA Repeat Victimisation', 'Ben Smith'],
    ]);
    expect(record.questions[2]?.text).toBe(
      'An assessment of the current risk position and associated risk of violence in respect of drug trafficking within the county.',
    );
    expect(record.questions[1]?.answer).toMatch(/^Operation Spigot was instigated .* across Warwickshire\.$/s);
    // Its paragraphs kept, a line each, as the response is printed in the papers.
    expect(record.questions[1]?.answer?.split('\n')).toHaveLength(10);
    // A list in the answer keeps its bullets.
    expect(record.questions[1]?.answer?.split('\n')[2]).toMatch(/^• Overt and targeted patrols/);
    // The answer ends where the next theme starts.
    expect(record.questions[0]?.answer).not.toContain('Operation Spigot');
  });

  it('no Actions Arising, no schedule, no next meeting, nothing unplaced', () => {
    expect(record.actionsArising).toEqual([]);
    expect(record.itemColumnActions).toEqual([]);
    expect(record.deepDives).toEqual([]);
    expect(record.nextMeeting).toBeUndefined();
    expect(record.unplaced).toEqual([]);
  });
});
