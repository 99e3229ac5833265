// The section commands take the minutes' sections as copied out of Word, verbatim: `actions import`
// the Actions Arising table (its 'ltem' header, a column it does not keep), `scrutiny for` the
// questions with their answers, `meeting deep-dives` the schedule table (extra columns, a year on
// January rows only). Each is a slice of the 2023 fixture's copied text.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDeepDives } from '../../bot/services/calendar.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { enterQuestions, listQuestions } from '../../bot/services/questions.ts';
import { createBoardContext, createStores, type BoardContext, type Stores } from '../../bot/services/board-context.ts';
import type { Actor } from '../../bot/rules/types.ts';
import { testTables } from '../helpers/tables.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const minutes = fixture('minutes-2023-03-14.txt');
/** The copied text from the line starting `from` up to (not including) the line starting `to`. */
const slice = (from: string, to: string): string => minutes.slice(minutes.indexOf(from), minutes.indexOf(to));

const secretariat: Actor = { id: 'pn', personId: 'pn', name: 'Priya Nair', role: 'secretariat', channel: 'cli' };
let stores: Stores;
let n = 0;

/** The example directory, and the meetings of 14/03/2023 and 11/04/2023; today is long after (the schedule's months are not placed from it). */
async function board(): Promise<BoardContext> {
  const t = createBoardContext(
    stores,
    { tenant: 't-sections', board: `S${++n}` },
    () => new Date('2026-12-03T10:00:00Z'),
  );
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  return t;
}

beforeAll(async () => {
  stores = createStores(await testTables());
});

describe('the section commands take the minutes verbatim', () => {
  it("actions import: the Actions Arising table under its 'ltem' header, and a column it does not keep named", async () => {
    const t = await board();
    const table = slice('Actions Arising', 'Schedule of Deep Dive Subjects')
      .replace('ltem\tAction', 'ltem\tAction\tDate raised')
      .replace(/(01\.14\/03\/2023\t.*)/, '$1\t14/03/2023');
    const report = await importActions(t, table, { actor: secretariat });
    expect(report.counts).toEqual({ imported: 6, updated: 0, unchanged: 0, skipped: 4, error: 0 });
    expect(report.lines.find((l) => l.ref === '01.14/03/2023')?.warnings).toEqual([
      'the column "Date raised" is not imported: "14/03/2023"',
    ]);
  });

  it('scrutiny for: the questions with their answers, each respondent the one who answered', async () => {
    const t = await board();
    const report = await enterQuestions(t, secretariat, slice('TE reported', '05.14/03/2023'), '2023-03-14');
    expect(report.counts).toEqual({ added: 5, updated: 0, unchanged: 0, error: 0 });
    const questions = await listQuestions(t, { meeting: '2023-03-14' });
    expect(questions.map((q) => [q.number, q.respondent.label, q.respondent.personId])).toEqual([
      ['Q1', 'SCL', 'sam-carter-lee'],
      ['Q1b', 'SCL', 'sam-carter-lee'],
      ['Q2', 'KP', 'kim-patel'],
      ['Q3a/Q3b', 'RG', undefined],
      ['Q4', 'DJ', 'jane-doe'],
    ]);
    expect(report.lines.find((l) => l.number === 'Q3a/Q3b')?.warnings).toEqual([
      'respondent "RG" is not in the directory: nobody is notified',
      expect.stringContaining('answer is not kept'),
    ]);
  });

  it('meeting deep-dives: the schedule table, each month in the year the table gives it, the topic from its own column', async () => {
    const t = await board();
    const results = await importDeepDives(t, secretariat, slice('PAM Month', 'Next Meeting'));
    const set = results.filter((r) => r.result === 'set').map((r) => r.meeting);
    expect(set).toEqual(['2023-03-14', '2023-04-11']);
    expect((await stores.meetings.get(t.scope, '2023-03-14'))?.meeting).toMatchObject({
      focus: 'E&E',
      deepDive: '999 Call Handling',
    });
    expect((await stores.meetings.get(t.scope, '2023-04-11'))?.meeting).toMatchObject({
      focus: 'P&P Q4',
      deepDive: 'Rural Crime',
    });
    expect(results.find((r) => r.line === 11)).toMatchObject({
      result: 'error',
      reason: '"00000731 (7003" is not a month',
    });
  });
});
