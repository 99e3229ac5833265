// Importing a meeting's minutes on Azurite: the record a correct reading of the minutes of
// 14/03/2023 finds (tests/helpers/minutes-record.ts), previewed and applied against a board with
// the example directory, field by field; then again, corrected, against hand-set deep dives and
// actions already open.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MinutesRecord } from '../../bot/minutes/record.ts';
import { setDeepDive } from '../../bot/services/calendar.ts';
import { linkByEmail } from '../../bot/services/identity.ts';
import { respond } from '../../bot/services/question-reply.ts';
import { enterQuestions } from '../../bot/services/questions.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import {
  applyMinutes,
  nothingToChange,
  previewMinutes,
  type MinutesPreview,
  type PlannedRecord,
} from '../../bot/services/minutes/import.ts';
import { importPeople, listPeople } from '../../bot/services/people.ts';
import { createBoardContext, createStores, type BoardContext, type Stores } from '../../bot/services/board-context.ts';
import { MAX_ACTION_TEXT } from '../../bot/rules/limits.ts';
import { RefusedError } from '../../bot/rules/refused.ts';
import type { Action, Actor } from '../../bot/rules/types.ts';
import { fixture } from '../helpers/bot-board.ts';
import { EXPECTED } from '../helpers/minutes-expected.ts';
import { minutesRecord } from '../helpers/minutes-record.ts';
import { testTables } from '../helpers/tables.ts';

/** The operator importing (the CLI acts with the secretariat's rights). */
const actor: Actor = { id: 'cli:priya', name: 'priya', channel: 'import' };
const secretariat: Actor = {
  id: 'priya-nair',
  name: 'Priya Nair',
  personId: 'priya-nair',
  role: 'secretariat',
  channel: 'teams',
};
const NOW = new Date('2023-03-20T10:00:00Z');
const FROM = 'from the minutes of 14/03/2023';

let stores: Stores;
let n = 0;
async function freshBoard(): Promise<BoardContext> {
  const t = createBoardContext(stores, { tenant: 'tenant-minutes', board: `M${++n}` }, () => NOW);
  await importPeople(t, fixture('people-example.csv'));
  return t;
}

beforeAll(async () => {
  stores = createStores(await testTables());
});

async function personId(t: BoardContext, initials: string): Promise<string> {
  const p = (await listPeople(t)).find((x) => x.initials === initials);
  if (!p) throw new Error(`${initials} is not in the directory`);
  return p.id;
}

const action = async (t: BoardContext, id: string): Promise<Action> => {
  const found = await stores.actions.get(t.scope, id);
  if (!found) throw new Error(`no action ${id}`);
  return found.action;
};

/** Everything the import could write on the board, with versions, so that any write shows. */
async function boardState(t: BoardContext): Promise<unknown> {
  return {
    actions: await stores.actions.listAll(t.scope),
    questions: await stores.questions.listAll(t.scope),
    meetings: await stores.meetings.list(t.scope),
    deepDives: await stores.deepDives.list(t.scope),
    queued: (await stores.outbox.list('queued')).filter((i) => i.id.includes(t.scope.board)),
  };
}

const records = (p: MinutesPreview, section: string): PlannedRecord[] =>
  p.sections.find((s) => s.section === section)?.records ?? [];
const changed = (p: MinutesPreview): Array<[string, PlannedRecord]> =>
  p.sections.flatMap((s) =>
    s.records.filter((r) => r.result !== 'unchanged').map((r): [string, PlannedRecord] => [s.section, r]),
  );

describe('importing the minutes of 14/03/2023', () => {
  it('records the meeting, the review, the Actions Arising, the questions, the schedule and the next meeting', async () => {
    const t = await freshBoard();
    await linkByEmail(t, 'jane.doe@example.police.uk', '00000000-0000-4000-8000-00000000a001');
    const { applied, notified } = await applyMinutes(t, minutesRecord(), { actor });
    const [MH, JD, CO, AW, KP, SCL] = await Promise.all(
      ['MH', 'JD', 'CO', 'AW', 'KP', 'SCL'].map((i) => personId(t, i)),
    );

    // The meeting, with who came and what was discussed.
    const meeting = (await stores.meetings.get(t.scope, '2023-03-14'))?.meeting;
    expect(meeting).toMatchObject({
      time: '10:00',
      end: '11:45',
      location: 'Gold Room, Police HQ',
      chair: { name: 'Morgan Hale', personId: MH },
      minuteTaker: { name: 'OPCC Secretariat' },
      previous: '2023-02-14',
      next: '2023-04-11',
      focus: 'E&E',
      deepDive: '999 Call Handling',
      deepDiveSet: { how: 'minutes', by: 'priya', minutes: '2023-03-14' },
    });
    expect(meeting?.attendees?.map((a) => [a.name, a.dialIn, a.personId !== undefined])).toEqual(
      EXPECTED.attendees.map((a) => [a.name, a.dialIn, a.name !== 'Helen Brooke']),
    );
    expect(meeting?.attendees?.find((a) => a.name === 'Sam Carter-Lee')).toEqual({
      name: 'Sam Carter-Lee',
      personId: SCL,
      capacity: 'Head of Analysis and Service Improvement',
      dialIn: true,
    });
    expect(meeting?.apologies).toEqual([
      { name: 'Owen Marsh', capacity: 'Deputy Chief Constable' },
      {
        name: 'Nadia Fox',
        capacity: 'Supt. Rural and Neighbourhood Policing',
        representative: { name: 'Supt Okafor', personId: CO },
      },
    ]);
    expect(meeting?.items?.map((i) => i.number)).toEqual(EXPECTED.items.map((i) => i.number));
    expect(meeting?.items?.filter((i) => i.exemption)).toEqual([
      {
        number: '05.14/03/2023',
        title: 'Serious and Organised Crime – Operational Update',
        exemption: 'FOIA s.31 (Law Enforcement)',
      },
    ]);
    expect((await stores.meetings.get(t.scope, '2023-02-14'))?.meeting).toMatchObject({ next: '2023-03-14' });

    // Actions Arising: six (the two item-column actions are the table's .i and .ii, not two more).
    const march = await stores.actions.listForMeeting(t.scope, '2023-03-14');
    expect(march).toHaveLength(6);
    const n001 = await action(t, '2023-03-14.n001');
    expect(n001).toMatchObject({ owners: [{ label: 'JD', personId: JD }], status: 'open', due: '2023-04-11' });
    expect((await action(t, '2023-03-14.i006')).owners).toEqual([
      { label: 'Supt Okafor', personId: CO },
      { label: 'OPCC lead (AW)', personId: AW },
    ]);
    expect(await action(t, '2023-03-14.i007')).toMatchObject({ owners: [{ label: 'The Force' }], due: '2023-03-28' });
    expect(march.find((a) => a.ref.shape === 'none')).toMatchObject({ owners: [{ label: 'KP', personId: KP }] });
    expect(march.filter((a) => a.exempt)).toEqual([]);
    const n001History = await stores.actions.history(t.scope, n001.id);
    expect(n001History).toEqual([expect.objectContaining({ kind: 'created', by: 'cli:priya', note: FROM })]);

    // The review of 14/02/2023's actions: two by reference, the two roman-numeral rows recorded as that meeting's.
    const feb = await stores.actions.listForMeeting(t.scope, '2023-02-14');
    expect(feb).toHaveLength(4);
    expect(await action(t, '2023-02-14.n002')).toMatchObject({
      status: 'discharged',
      closedOn: '2023-03-14',
      outcome: 'Completed',
      owners: [{ label: 'JD', personId: JD }],
    });
    const standing = await action(t, '2023-02-14.n004');
    expect(standing).toMatchObject({ status: 'standing', owners: [], ownerText: '' });
    expect(standing.outcome).toBe(EXPECTED.reviewedActions[1]?.outcome);
    expect(standing.outcome).toContain('July Q1 - Violence Against Women & Girls.');
    const roman = feb.filter((a) => a.ref.shape === 'none');
    expect(roman).toHaveLength(2);
    expect(roman.map((a) => [a.status, a.closedOn, a.outcome, a.owners.map((o) => o.personId)])).toEqual(
      expect.arrayContaining([
        ['discharged', '2023-03-14', EXPECTED.reviewedActions[3]?.outcome, [CO, AW]],
        ['discharged', '2023-03-14', 'Breakdown provided to TE on 1st March 2023', [KP]],
      ]),
    );
    expect(records(applied, 'review').filter((r) => r.result === 'add')).toHaveLength(4);

    // Scrutiny questions: five (Q3a and Q3b answered together), each answered at the meeting.
    const questions = await stores.questions.listForMeeting(t.scope, '2023-03-14');
    expect(questions.map((q) => q.number).sort()).toEqual(['Q1', 'Q1b', 'Q2', 'Q3a/Q3b', 'Q4']);
    for (const q of questions) {
      const minuted = EXPECTED.questions.find((e) => e.number === q.number);
      expect(q).toMatchObject({ state: 'answered', response: minuted?.answer, closedOn: '2023-03-14' });
    }
    const byNumber = Object.fromEntries(questions.map((q) => [q.number, q]));
    expect(byNumber.Q1).toMatchObject({ respondent: { label: 'SCL', personId: SCL }, respondedBy: 'Sam Carter-Lee' });
    expect(byNumber.Q4).toMatchObject({ respondent: { label: 'DJ', personId: JD }, respondedBy: 'Jane Doe' });
    expect(byNumber['Q3a/Q3b']).toMatchObject({ respondent: { label: 'RG' }, respondedBy: 'RG' });
    expect(byNumber['Q3a/Q3b']?.respondent.personId).toBeUndefined();
    expect(byNumber.Q1?.respondedAt).toBe('2023-03-14T10:00:00.000Z');
    expect(await stores.questions.history(t.scope, '2023-03-14.q1')).toEqual([
      expect.objectContaining({
        by: 'cli:priya',
        note: FROM,
        changes: [{ field: 'state', to: 'answered' }, { field: 'response' }],
      }),
    ]);
    const rg = records(applied, 'questions').find((r) => r.label.startsWith('Q3a/Q3b'));
    expect(rg?.warnings).toEqual(['respondent "RG" is not in the directory: nobody is notified']);
    expect(applied.questionsPutBy).toBe('TE (Tom Ellis)');

    // The deep-dive schedule, a row a month; the next meeting in the calendar with its month's deep dive.
    const schedule = await stores.deepDives.list(t.scope);
    expect(schedule.map((d) => [d.month, d.focus, d.topic ?? null])).toEqual(
      EXPECTED.deepDives.map((d) => [d.month, d.quarter ? `${d.focus} ${d.quarter}` : d.focus, d.topic]),
    );
    expect((await stores.meetings.get(t.scope, '2023-04-11'))?.meeting).toMatchObject({
      time: '10:00',
      focus: 'P&P Q4',
      deepDive: 'Rural Crime',
    });
    const may = await saveMeeting(t, { date: '2023-05-09', time: '10:00' });
    expect(may.meeting).toMatchObject({ focus: 'R&R', deepDive: 'Missing Persons', deepDiveSet: { how: 'minutes' } });

    // Names the directory does not know are listed; nobody is added to it.
    expect(applied.notInDirectory).toEqual(['Helen Brooke', 'Owen Marsh', 'Nadia Fox', 'RG']);
    expect(await listPeople(t)).toHaveLength(8);
    expect(applied.counts).toMatchObject({ update: 0, unchanged: 0, kept: 0, error: 0 });

    // The owners' cards, as `actions import` queues them: Jane is reachable, the others are said not to be.
    const queued = (await stores.outbox.list('queued')).filter((i) => i.id.includes(`|${t.scope.board}|`));
    const cards = queued.map((i) => JSON.parse(i.payload) as { type: string; actionId?: string });
    expect(
      cards
        .filter((c) => c.type === 'action')
        .map((c) => c.actionId)
        .sort(),
    ).toEqual(['2023-03-14.n001']); // not 02.14/02/2023, which the review discharged: it asks nothing of Jane
    expect(notified.toOwners).toBe(1);
    // The others' cards wait until they are reachable; the Force is a body, reached by nobody.
    expect(new Set(notified.waiting.map((w) => w.name))).toEqual(
      new Set(['Kim Patel', 'Chidi Okafor', 'Alex Wong', 'Sam Carter-Lee']),
    );
    expect(notified.unreachable.map((u) => u.owner)).toEqual(['The Force']);
  });

  it('previews without writing, and the preview is what applying then does', async () => {
    const t = await freshBoard();
    const before = await boardState(t);
    const preview = await previewMinutes(t, minutesRecord(), { actor });
    expect(await boardState(t)).toEqual(before);
    const { applied } = await applyMinutes(t, minutesRecord(), { actor });
    const results = (p: MinutesPreview) =>
      p.sections.map((s) => [s.section, s.found, s.records.map((r) => [r.result, r.label])]);
    expect(results(preview)).toEqual(results(applied));
    expect(preview.counts).toEqual(applied.counts);
    expect(preview.unplaced).toEqual([]);
    expect(records(preview, 'actions')).toHaveLength(6);
    expect(records(preview, 'deep-dives')).toHaveLength(18);
  });

  it('the same minutes again change nothing', async () => {
    const t = await freshBoard();
    await applyMinutes(t, minutesRecord(), { actor });
    const before = await boardState(t);
    expect(nothingToChange(await previewMinutes(t, minutesRecord(), { actor }))).toBe(true);
    const { applied, notified } = await applyMinutes(t, minutesRecord(), { actor });
    expect(changed(applied)).toEqual([]);
    expect(nothingToChange(applied)).toBe(true);
    expect(notified).toMatchObject({ queued: 0, toOwners: 0 });
    expect(await boardState(t)).toEqual(before);
  });

  it('a corrected version updates exactly what changed, and says what', async () => {
    const t = await freshBoard();
    await applyMinutes(t, minutesRecord(), { actor });
    const corrected = minutesRecord();
    const reviewed = corrected.reviewed[0];
    const arising = corrected.actionsArising[0];
    if (!reviewed || !arising) throw new Error('fixture rows missing');
    reviewed.status = 'standing';
    arising.text = 'Circulate the revised terms of reference to all members';

    const preview = await previewMinutes(t, corrected, { actor });
    expect(changed(preview)).toEqual([
      [
        'review',
        expect.objectContaining({
          result: 'update',
          id: '2023-02-14.n002',
          detail: 'status Discharged -> Standing item',
        }),
      ],
      [
        'actions',
        expect.objectContaining({
          result: 'update',
          id: '2023-03-14.n001',
          detail:
            'text "Circulate the revised terms of reference to all attendees" -> "Circulate the revised terms of reference to all members"',
        }),
      ],
    ]);
    const { applied } = await applyMinutes(t, corrected, { actor });
    expect(applied.counts).toMatchObject({ add: 0, update: 2, error: 0, kept: 0 });
    const n002 = await action(t, '2023-02-14.n002');
    expect(n002).toMatchObject({ status: 'standing', version: 2 });
    expect(n002.closedOn).toBeUndefined();
    expect((await action(t, '2023-03-14.n001')).text).toBe('Circulate the revised terms of reference to all members');
    expect((await stores.actions.history(t.scope, '2023-03-14.n001')).at(-1)).toMatchObject({
      note: FROM,
      changes: [expect.objectContaining({ field: 'text' })],
    });
  });

  it('keeps a deep dive set by hand, and says so', async () => {
    const t = await freshBoard();
    await saveMeeting(t, { date: '2023-05-09' });
    await setDeepDive(t, secretariat, 'May 2023: County Lines');
    const preview = await previewMinutes(t, minutesRecord(), { actor });
    expect(records(preview, 'deep-dives').find((r) => r.label.startsWith('05/2023'))).toMatchObject({
      result: 'kept',
      detail: expect.stringContaining(
        'the meeting of 09/05/2023: set by hand by Priya Nair on 20/03/2023; the minutes say Missing Persons',
      ),
    });
    const { applied } = await applyMinutes(t, minutesRecord(), { actor });
    expect(applied.counts.kept).toBe(1);
    expect((await stores.meetings.get(t.scope, '2023-05-09'))?.meeting).toMatchObject({
      deepDive: 'County Lines',
      deepDiveSet: { how: 'hand', by: 'Priya Nair' },
      focus: 'R&R',
    });
    // The schedule still says what the minutes say, for the record.
    expect((await stores.deepDives.get(t.scope, '2023-05'))?.month.topic).toBe('Missing Persons');
  });

  it("updates the previous meeting's open action a review row without a reference matches, not a new one", async () => {
    const t = await freshBoard();
    await saveMeeting(t, { date: '2023-02-14', next: '2023-03-14' });
    const raised = await importActions(
      t,
      '03.14/02/2023\tKP - Provide a district breakdown of rural crime reports to the OPCC\n',
      { actor },
    );
    expect(raised.counts.imported).toBe(1);
    const preview = await previewMinutes(t, minutesRecord(), { actor });
    const kp = records(preview, 'review').find((r) => r.label.includes('district breakdown'));
    expect(kp).toMatchObject({ result: 'update', id: '2023-02-14.n003' });
    expect(kp?.warnings).toContain(
      'matched by owner and text to 03.14/02/2023 Provide a district breakdown of rural crime reports to the OPCC',
    );
    await applyMinutes(t, minutesRecord(), { actor });
    expect(await action(t, '2023-02-14.n003')).toMatchObject({
      status: 'discharged',
      closedOn: '2023-03-14',
      outcome: 'Breakdown provided to TE on 1st March 2023',
      text: 'Provide a district breakdown of rural crime reports to the OPCC',
    });
    const feb = await stores.actions.listForMeeting(t.scope, '2023-02-14');
    expect(feb.filter((a) => a.text.includes('district breakdown'))).toHaveLength(1);
    // Again: the same action, now discharged by this meeting, is still the one.
    expect(nothingToChange(await previewMinutes(t, minutesRecord(), { actor }))).toBe(true);
  });

  it('reports a review row that could be either of two open actions, and matches neither', async () => {
    const t = await freshBoard();
    await importActions(
      t,
      [
        '03.14/02/2023\tKP - Provide a district breakdown of rural crime reports',
        '05.14/02/2023\tKP - Provide the OPCC with a breakdown of rural crime reports by district',
        '',
      ].join('\n'),
      { actor },
    );
    const { applied } = await applyMinutes(t, minutesRecord(), { actor });
    const kp = records(applied, 'review').find((r) => r.label.includes('district breakdown'));
    expect(kp?.result).toBe('add');
    expect(kp?.warnings.join(' ')).toMatch(/could be any of 03\.14\/02\/2023, 05\.14\/02\/2023/);
    expect((await action(t, '2023-02-14.n003')).status).toBe('open');
    expect((await action(t, '2023-02-14.n005')).status).toBe('open');
  });

  it('marks exempt what is raised under an exempt item, and reports what it cannot keep while the rest goes on', async () => {
    const t = await freshBoard();
    const record: MinutesRecord = minutesRecord();
    record.actionsArising.push(
      {
        ref: '05 14/03/2023',
        ownersAsWritten: 'KP',
        owners: ['KP'],
        ownerForm: 'prefix',
        text: 'Brief the PCC on the operation',
      },
      {
        ref: '08 14/03/2023',
        ownersAsWritten: 'JD',
        owners: ['JD'],
        ownerForm: 'prefix',
        text: 'x'.repeat(MAX_ACTION_TEXT + 1),
      },
    );
    record.questions.push({
      item: '05.14/03/2023',
      number: 'Q5',
      text: 'What is the risk?',
      respondent: 'KP',
      answer: 'KP said.',
    });
    record.attendees.push({ name: 'Bad\u0007Name', dialIn: false });
    record.itemColumnActions.push({
      item: '03.14/03/2023',
      numeral: 'i',
      ownersAsWritten: 'JD',
      owners: ['JD'],
      text: 'Share the panel report',
    });

    const { applied } = await applyMinutes(t, record, { actor });
    expect(await action(t, '2023-03-14.i005')).toMatchObject({
      exempt: { exemption: 'FOIA s.31 (Law Enforcement)', by: 'priya' },
    });
    expect((await stores.questions.get(t.scope, '2023-03-14.q5'))?.question.exempt).toMatchObject({
      exemption: 'FOIA s.31 (Law Enforcement)',
    });
    expect((await stores.questions.get(t.scope, '2023-03-14.q1'))?.question.exempt).toBeUndefined();

    expect(changed(applied).filter(([, r]) => r.result === 'error')).toEqual([
      [
        'attendees',
        expect.objectContaining({
          detail: "an attendee's name contains a control character (U+0007): remove it and try again",
        }),
      ],
      [
        'actions',
        expect.objectContaining({
          detail: `action text is ${(MAX_ACTION_TEXT + 1).toLocaleString('en-GB')} characters; the limit is ${MAX_ACTION_TEXT.toLocaleString('en-GB')}`,
        }),
      ],
    ]);
    expect(await stores.actions.get(t.scope, '2023-03-14.i008')).toBeNull();
    expect((await stores.meetings.get(t.scope, '2023-03-14'))?.meeting.attendees).toHaveLength(9);
    expect(applied.unplaced).toEqual([
      expect.objectContaining({ section: 'actions', text: '03.14/03/2023: JD - Share the panel report' }),
    ]);
    expect(applied.unplaced[0]?.why).toMatch(/not in the Actions Arising table: not created/);
    expect(await stores.actions.listForMeeting(t.scope, '2023-03-14')).toHaveLength(7);
  });

  it('answers the questions put before the meeting, keeping a written response the respondent gave', async () => {
    const t = await freshBoard();
    await saveMeeting(t, { date: '2023-03-14' });
    const te: Actor = { id: 'tom-ellis', name: 'Tom Ellis', personId: 'tom-ellis', role: 'scrutiny', channel: 'teams' };
    const sam: Actor = {
      id: 'sam-carter-lee',
      name: 'Sam Carter-Lee',
      personId: 'sam-carter-lee',
      role: 'member',
      channel: 'teams',
    };
    await enterQuestions(
      t,
      te,
      'Q1. Could outcome rates be broken down by crime type? - SCL\nQ2. What protects neighbourhood teams? - KP\n',
      '2023-03-14',
    );
    const written = 'Outcome data is held at crime-type level; see the attached table.';
    expect((await respond(t, sam, { questionId: '2023-03-14.q1', text: written, submit: true })).kind).toBe('saved');

    const { applied } = await applyMinutes(t, minutesRecord(), { actor });
    const [q1, q2] = ['Q1', 'Q2'].map((n) => records(applied, 'questions').find((r) => r.label.startsWith(`${n} `)));
    expect(q1).toMatchObject({ result: 'update' });
    expect(q1?.detail).toBe(
      'text "Could outcome rates be broken down by crime type?" -> "Could outcome rates for burglary, robbery and vehicle crime…"; ' +
        "closed - -> 14/03/2023; the written response of Sam Carter-Lee (20/03/2023) stays; the minutes' answer is not stored over it",
    );
    expect(q2).toMatchObject({ result: 'update', detail: expect.stringContaining('response') });
    const stored = async (id: string) => (await stores.questions.get(t.scope, id))?.question;
    expect(await stored('2023-03-14.q1')).toMatchObject({
      response: written,
      respondedBy: 'Sam Carter-Lee',
      state: 'answered',
    });
    expect(await stored('2023-03-14.q2')).toMatchObject({
      response: EXPECTED.questions[2]?.answer,
      respondedBy: 'Kim Patel',
      state: 'answered',
      closedOn: '2023-03-14',
    });
    // The minutes' answer, entered by the importer, is recognised as theirs the next time.
    expect(nothingToChange(await previewMinutes(t, minutesRecord(), { actor }))).toBe(true);
  });

  it('writes on the meeting as it is: a change made meanwhile is kept, not overwritten', async () => {
    const board = await freshBoard();
    await saveMeeting(board, { date: '2023-03-14' });
    // Someone sets the deep dive by hand between the import's read of the meeting and its write.
    let raced = false;
    const racing: Stores = {
      ...stores,
      meetings: {
        ...stores.meetings,
        async save(scope, next, current) {
          if (!raced && current && next.attendees) {
            raced = true;
            const hand = { how: 'hand' as const, by: 'Priya Nair', at: NOW.toISOString() };
            await stores.meetings.save(
              scope,
              { ...current.meeting, deepDive: 'County Lines', deepDiveSet: hand },
              current,
            );
          }
          return stores.meetings.save(scope, next, current);
        },
      },
    };
    const t = createBoardContext(racing, board.scope, () => NOW);
    const { applied } = await applyMinutes(t, minutesRecord(), { actor });
    expect(raced).toBe(true);
    expect((await stores.meetings.get(t.scope, '2023-03-14'))?.meeting).toMatchObject({
      deepDive: 'County Lines',
      time: '10:00',
      attendees: expect.arrayContaining([expect.objectContaining({ name: 'Morgan Hale' })]),
    });
    expect(records(applied, 'deep-dives').find((r) => r.label.startsWith('03/2023'))).toMatchObject({
      result: 'kept',
      detail: expect.stringContaining('set by hand by Priya Nair on 20/03/2023; the minutes say 999 Call Handling'),
    });
  });

  it("refuses minutes without their meeting's date, with two dates, and from anyone but the chair and the secretariat", async () => {
    const t = await freshBoard();
    const undated = minutesRecord();
    delete undated.meeting.date;
    await expect(previewMinutes(t, undated, { actor })).rejects.toThrow(
      "the minutes do not say the meeting's date: give it (--meeting dd/MM/yyyy)",
    );
    await expect(previewMinutes(t, undated, { actor, meeting: '2023-03-14' })).resolves.toMatchObject({
      meeting: '2023-03-14',
    });
    await expect(previewMinutes(t, minutesRecord(), { actor, meeting: '2023-03-15' })).rejects.toThrow(
      /14\/03\/2023.*15\/03\/2023/,
    );
    const member: Actor = { id: 'jane-doe', name: 'Jane Doe', personId: 'jane-doe', role: 'member', channel: 'teams' };
    await expect(applyMinutes(t, minutesRecord(), { actor: member })).rejects.toThrow(RefusedError);
    await expect(applyMinutes(t, minutesRecord(), { actor: member })).rejects.toThrow(
      'only the chair and the secretariat import the minutes',
    );
    expect(await stores.meetings.list(t.scope)).toEqual([]);
  });
});
