import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { listActions, showAction } from '../../bot/services/actions.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople, listPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import { MAX_ACTION_TEXT } from '../../bot/rules/limits.ts';
import type { Actor } from '../../bot/rules/types.ts';
import { testTables } from '../helpers/tables.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const actor: Actor = { id: 'cli:priya', name: 'priya', channel: 'import' };
const NOW = new Date('2023-03-15T10:00:00Z');

let stores: Stores;
let board = 0;
/** A fresh board with the example directory and the meeting of 14/03/2023 (next 11/04/2023). */
async function freshBoard(): Promise<BoardContext> {
  const t = createBoardContext(stores, { tenant: 'tenant-import', board: `B${++board}` }, () => NOW);
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', time: '10:00', next: '2023-04-11' });
  return t;
}

beforeAll(async () => {
  stores = createStores(await testTables());
});

describe('importing the Actions Arising table', () => {
  it('imports every line with its owners resolved from initials and aliases, due by the next meeting', async () => {
    const t = await freshBoard();
    const report = await importActions(t, fixture('actions-arising-example.txt'), { actor });
    expect(report.counts).toEqual({ imported: 6, updated: 0, unchanged: 0, skipped: 3, error: 0 });
    const people = new Map((await listPeople(t)).map((p) => [p.id, p.name]));
    const actions = await listActions(t);
    const byRef = Object.fromEntries(actions.map((a) => [a.id, a]));
    const names = (id: string) => byRef[id]!.owners.map((o) => (o.personId ? people.get(o.personId) : `?${o.label}`));
    expect(names('2023-03-14.n001')).toEqual(['Jane Doe']);
    expect(names('2023-03-14.i004.i')).toEqual(['Sam Carter-Lee']);
    expect(names('2023-03-14.i006')).toEqual(['Chidi Okafor', 'Alex Wong']);
    expect(names('2023-03-14.i007')).toEqual(['?The Force']);
    expect(byRef['2023-03-14.n001']!.due).toBe('2023-04-11');
    expect(byRef['2023-03-14.i007']!.due).toBe('2023-03-28'); // "by 28/03/2023" in the text
    const na = actions.find((a) => a.ref.shape === 'none')!;
    expect(na.meeting).toBe('2023-03-14'); // inferred: every other line names that meeting
    expect(names(na.id)).toEqual(['Kim Patel']);
    const force = report.lines.find((l) => l.actionId === '2023-03-14.i007')!;
    expect(force.warnings).toEqual([expect.stringMatching(/"The Force" is a body/)]);
  });

  it('is idempotent: the same table again creates nothing and writes no history', async () => {
    const t = await freshBoard();
    await importActions(t, fixture('actions-arising-example.txt'), { actor });
    const again = await importActions(t, fixture('actions-arising-example.txt'), { actor });
    expect(again.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 6, error: 0 });
    expect(await listActions(t)).toHaveLength(6);
    expect((await showAction(t, '01.14/03/2023')).history).toHaveLength(1);
  });

  it('updates a changed line with a history entry saying what changed', async () => {
    const t = await freshBoard();
    await importActions(t, fixture('actions-arising-example.txt'), { actor });
    const changed = '01.14/03/2023\tJD - Circulate the revised terms of reference to all members\n';
    const report = await importActions(t, changed, { actor });
    expect(report.lines[0]).toMatchObject({ result: 'updated', ref: '01.14/03/2023' });
    const detail = await showAction(t, '01.14/03/2023');
    expect(detail.action.text).toBe('Circulate the revised terms of reference to all members');
    expect(detail.action.version).toBe(2);
    expect(detail.history.at(-1)).toMatchObject({
      channel: 'import',
      changes: [
        {
          field: 'text',
          from: 'Circulate the revised terms of reference to all attendees',
          to: 'Circulate the revised terms of reference to all members',
        },
      ],
    });
  });

  it('reports each line it could not understand, and imports the rest', async () => {
    const t = await freshBoard();
    const pasted = [
      'Actions Arising',
      '02.14/03/2023\tKP - Report the Harm Hub staffing',
      '31/02/2023\tJD - Bad reference',
      '03.14/03/2023\tCirculate the minutes to all',
      `05.14/03/2023\tJD - ${'x'.repeat(MAX_ACTION_TEXT + 1)}`,
      '08.14/03/2023\tZZ - Owner nobody knows',
    ].join('\n');
    const report = await importActions(t, pasted, { actor });
    const byLine = Object.fromEntries(report.lines.map((l) => [l.line, l]));
    expect(byLine[2]).toMatchObject({ result: 'imported' });
    expect(byLine[3]).toMatchObject({ result: 'error', reason: expect.stringMatching(/reference not understood/) });
    expect(byLine[4]).toMatchObject({ result: 'error', reason: expect.stringMatching(/no owner/) });
    expect(byLine[5]).toMatchObject({ result: 'error', reason: expect.stringMatching(/limit is 4,000/) });
    expect(byLine[6]).toMatchObject({
      result: 'imported',
      warnings: [expect.stringMatching(/"ZZ" is not in the directory/)],
    });
    expect((await listActions(t)).map((a) => a.id).sort()).toEqual(['2023-03-14.n002', '2023-03-14.n008']);
  });

  it('asks which meeting an N/A line belongs to when the table spans several', async () => {
    const t = await freshBoard();
    const pasted = '01.14/03/2023\tJD - One\n01.09/05/2023\tKP - Two\nN/A\tSCL - Three\n';
    const report = await importActions(t, pasted, { actor });
    expect(report.lines[2]).toMatchObject({ result: 'error', reason: expect.stringMatching(/--meeting/) });
    const told = await importActions(t, 'N/A\tSCL - Three\n', { actor, meeting: '2023-05-09' });
    expect(told.lines[0]).toMatchObject({ result: 'imported' });
    expect(report.meetingsAdded).toEqual(['2023-05-09']);
    expect((await listActions(t, { meeting: '2023-05-09' })).map((a) => a.text)).toEqual(['Two', 'Three']);
  });

  it('never guesses an ambiguous owner, and resolves it once the directory says who', async () => {
    const t = await freshBoard();
    await importPeople(t, 'name,initials,email\nJohn Dunn,JD,john.dunn@example.org.uk\n');
    const report = await importActions(t, '09.14/03/2023\tJD - Check the figures\n', { actor });
    expect(report.lines[0]!.warnings[0]).toMatch(
      /"JD" could be .*Jane Doe \(JD\).*John Dunn \(JD\)|"JD" could be .*John Dunn \(JD\).*Jane Doe \(JD\)/,
    );
    expect((await showAction(t, '09.14/03/2023')).action.owners).toEqual([{ label: 'JD' }]);
    expect(await stores.actions.listOpenFor(t.scope, 'jane-doe')).toHaveLength(0);

    await importPeople(t, 'name,initials,aliases,email\nJohn Dunn,JDU,,john.dunn@example.org.uk\n');
    const again = await importActions(t, '09.14/03/2023\tJD - Check the figures\n', { actor });
    expect(again.lines[0]).toMatchObject({ result: 'updated', warnings: [] });
    expect((await stores.actions.listOpenFor(t.scope, 'jane-doe')).map((a) => a.id)).toEqual(['2023-03-14.n009']);
  });
});

describe('importing a review of actions', () => {
  it('records the statuses and outcomes the meeting gave, and discharged actions leave the open list', async () => {
    const t = await freshBoard();
    const report = await importActions(t, fixture('pam-2020-07-21.json'), { actor });
    expect(report.counts).toMatchObject({ imported: 4, error: 0 });
    const reviewed = await listActions(t, { meeting: '2020-06-23' });
    expect(reviewed.map((a) => [a.id, a.status])).toEqual([
      ['2020-06-23.n001', 'discharged'],
      ['2020-06-23.n002', 'discharged'],
      ['2020-06-23.n003', 'discharged'],
      ['2020-06-23.n004', 'standing'],
    ]);
    expect(reviewed[3]!.outcome).toMatch(/^Updated to: July Q1/);
    const open = await listActions(t, { open: true });
    expect(open.map((a) => a.id)).toContain('2020-06-23.n004');
    expect(open.map((a) => a.id)).not.toContain('2020-06-23.n001');
  });
});

describe('the people directory', () => {
  it('imports the CSV once, matching people by email on the next import', async () => {
    const t = createBoardContext(stores, { tenant: 'tenant-import', board: 'PEOPLE' }, () => NOW);
    const first = await importPeople(t, fixture('people-example.csv'));
    expect(first.counts).toMatchObject({ added: 8, updated: 0, error: 0 });
    const again = await importPeople(t, fixture('people-example.csv'));
    expect(again.counts).toMatchObject({ added: 0, updated: 0, unchanged: 8 });
    const moved = await importPeople(
      t,
      'name,capacity,initials,aliases,email,role\nJane Doe,ACC Crime,JD,DJ;Ch Supt Doe,jane.doe@example.police.uk,member\n',
    );
    expect(moved.lines[1]).toMatchObject({ result: 'updated', name: 'Jane Doe' });
    const jane = (await listPeople(t)).find((p) => p.email === 'jane.doe@example.police.uk')!;
    expect(jane).toMatchObject({ id: 'jane-doe', capacity: 'ACC Crime', aliases: ['DJ', 'Ch Supt Doe'] });
    expect((await stores.people.byEmail(t.scope, 'JANE.DOE@example.police.uk'))?.person.id).toBe('jane-doe');
  });

  it('reports bad rows and keeps the good ones', async () => {
    const t = createBoardContext(stores, { tenant: 'tenant-import', board: 'PEOPLE2' }, () => NOW);
    const report = await importPeople(
      t,
      'name,initials,email,role\nAna Bell,AB,ana@example.org,chair\n,XX,x@example.org,member\nCy Dee,CD,not-an-email,member\nEd Fox,EF,ed@example.org,boss\n',
    );
    expect(report.lines.map((l) => l.result)).toEqual(['skipped', 'added', 'error', 'error', 'error']);
    expect((await listPeople(t)).map((p) => p.name)).toEqual(['Ana Bell']);
  });
});
