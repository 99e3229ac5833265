import { describe, expect, it } from 'vitest';
import { compileDigest, inDigest, proposalFor } from '../../bot/rules/digest.ts';
import type { Digest, DigestItem } from '../../bot/rules/digest-model.ts';
import { refKey } from '../../bot/rules/refs.ts';
import { questionDigestItem } from '../../bot/rules/questions.ts';
import type { Action, ActionRef, Meeting, Question, Status } from '../../bot/rules/types.ts';
import { member } from '../helpers/people.ts';

const people = new Map([member('jd', 'Jane Doe'), member('scl', 'Sam Carter-Lee')].map((p) => [p.id, p]));
const JD = { label: 'JD', personId: 'jd' };
const SCL = { label: 'Supt Carter-Lee', personId: 'scl' };
const FORCE = { label: 'the Force' };

const meetings: Meeting[] = [
  { date: '2023-01-10', next: '2023-02-14' },
  { date: '2023-02-14', next: '2023-03-14' },
  {
    date: '2023-03-14',
    time: '10:00',
    location: 'Police HQ, Room 2',
    focus: 'R&R',
    deepDive: 'Hate Crime',
    next: '2023-04-11',
  },
  { date: '2023-04-11' },
];

function action(ref: ActionRef, meeting: string, status: Status, extra: Partial<Action> = {}): Action {
  const text = extra.text ?? `Task ${JSON.stringify(ref)}`;
  return {
    id: refKey(ref, meeting, text),
    ref,
    meeting,
    owners: [JD],
    ownerText: 'JD',
    ownerForm: 'prefix',
    text,
    status,
    due: meetings.find((m) => m.date === meeting)?.next,
    createdAt: `${meeting}T12:00:00Z`,
    updatedAt: `${meeting}T12:00:00Z`,
    version: 1,
    ...extra,
  };
}
const num = (meeting: string, number: number): ActionRef => ({ shape: 'numbered', meeting, number });
const item = (meeting: string, number: number, sub?: string): ActionRef => ({
  shape: 'item',
  meeting,
  number,
  ...(sub ? { sub } : {}),
});

const JAN = '2023-01-10';
const FEB = '2023-02-14';
const MAR = '2023-03-14';
const A = {
  janSilent: action(num(JAN, 1), JAN, 'open'), // due 14/02, never answered: overdue and no reply
  janStanding: action(num(JAN, 2), JAN, 'standing', { owners: [FORCE] }),
  janClosedLongAgo: action(num(JAN, 3), JAN, 'discharged', { updatedAt: '2023-01-20T10:00:00Z' }),
  janClosedLastMeeting: action(num(JAN, 4), JAN, 'discharged', { updatedAt: '2023-02-14T11:30:00Z' }),
  febDone: action(num(FEB, 1), FEB, 'completed', {
    repliedAt: '2023-03-01T09:00:00Z',
    latestNote: 'met with Insp X on 28 February',
    latestNoteAt: '2023-03-01T09:00:00Z',
    latestNoteBy: 'Jane Doe',
  }),
  febBusy: action(num(FEB, 2), FEB, 'in_progress', { owners: [JD, SCL], repliedAt: '2023-03-01T09:00:00Z' }),
  febSilent: action(num(FEB, 3), FEB, 'open', { owners: [SCL] }),
  febCarried: action(num(FEB, 4), FEB, 'carried_forward', { repliedAt: '2023-02-20T09:00:00Z' }),
  febItemII: action(item(FEB, 5, 'ii'), FEB, 'in_progress', { repliedAt: '2023-02-20T09:00:00Z' }),
  febItemI: action(item(FEB, 5, 'i'), FEB, 'in_progress', { repliedAt: '2023-02-20T09:00:00Z' }),
  febNone: action({ shape: 'none' }, FEB, 'in_progress', {
    text: 'confirm the Harm Hub numbers',
    repliedAt: '2023-02-20T09:00:00Z',
  }),
  febItem10: action(item(FEB, 10), FEB, 'in_progress', { repliedAt: '2023-02-20T09:00:00Z' }),
  febClosedAtMeeting: action(num(FEB, 6), FEB, 'discharged', { updatedAt: '2023-03-14T11:00:00Z' }),
  marNew: action(num(MAR, 1), MAR, 'open'), // raised at the digest's own meeting: not in it
  aprNew: action(num('2023-04-11', 1), '2023-04-11', 'open'),
};
const all = Object.values(A);

const compile = (now: string, extra: Partial<Parameters<typeof compileDigest>[0]> = {}): Digest =>
  compileDigest({ board: 'PAM', actions: all, people, meetings, meeting: MAR, now: new Date(now), ...extra });

const items = (d: Digest): DigestItem[] => d.groups.flatMap((g) => g.items);
const byId = (d: Digest, a: Action): DigestItem => {
  const found = items(d).find((i) => i.id === a.id);
  if (!found) throw new Error(`${a.id} is not in the digest`);
  return found;
};

describe('compileDigest', () => {
  const before = compile('2023-03-10T09:00:00Z');

  it('lists what was open at the last meeting or raised since, and what the last meeting discharged', () => {
    const ids = new Set(items(before).map((i) => i.id));
    for (const a of [
      A.janSilent,
      A.janStanding,
      A.janClosedLastMeeting,
      A.febDone,
      A.febBusy,
      A.febSilent,
      A.febCarried,
      A.febItemI,
      A.febItemII,
      A.febNone,
      A.febItem10,
      A.febClosedAtMeeting,
    ]) {
      expect(ids.has(a.id), a.id).toBe(true);
    }
    expect(ids.has(A.janClosedLongAgo.id)).toBe(false); // discharged before the previous meeting
    expect(ids.has(A.marNew.id)).toBe(false); // raised at the digest's own meeting
    expect(ids.has(A.aprNew.id)).toBe(false);
    expect(byId(before, A.janClosedLastMeeting).proposal).toBe('discharged');
    expect(byId(before, A.janClosedLastMeeting)).toMatchObject({
      overdue: false,
      noReply: false,
      status: 'discharged',
      statusLabel: 'Discharged',
    });
  });

  it('groups by the meeting that raised them, oldest first, in the minutes order', () => {
    expect(before.groups.map((g) => [g.title, g.meeting])).toEqual([
      ['Actions from 10/01/2023', JAN],
      ['Actions from 14/02/2023', FEB],
    ]);
    expect(before.groups[1]?.items.map((i) => i.ref)).toEqual([
      '01.14/02/2023',
      '02.14/02/2023',
      '03.14/02/2023',
      '04.14/02/2023',
      '05 14/02/2023.i',
      '05 14/02/2023.ii',
      '06.14/02/2023',
      '10 14/02/2023',
      'N/A',
    ]);
  });

  it('proposes what the meeting should do with each', () => {
    const p = (a: Action) => byId(before, a).proposal;
    expect(p(A.janSilent)).toBe('overdue');
    expect(p(A.janStanding)).toBe('standing item');
    expect(p(A.febDone)).toBe('propose discharge');
    expect(p(A.febBusy)).toBe('in progress');
    expect(p(A.febSilent)).toBe('no reply since the meeting');
    expect(p(A.febCarried)).toBe('carried forward');
    expect(p(A.febClosedAtMeeting)).toBe('discharged');
    expect(byId(before, A.janSilent)).toMatchObject({ overdue: true, noReply: true });
  });

  it('gives the precedence: discharged, completed, standing, overdue, no reply, carried forward', () => {
    const both = { overdue: true, noReply: true };
    expect(proposalFor({ status: 'discharged' }, both)).toBe('discharged');
    expect(proposalFor({ status: 'completed' }, both)).toBe('propose discharge');
    expect(proposalFor({ status: 'standing' }, both)).toBe('standing item');
    expect(proposalFor({ status: 'carried_forward' }, both)).toBe('overdue');
    expect(proposalFor({ status: 'carried_forward' }, { overdue: false, noReply: true })).toBe(
      'no reply since the meeting',
    );
    expect(proposalFor({ status: 'carried_forward' }, { overdue: false, noReply: false })).toBe('carried forward');
    expect(proposalFor({ status: 'blocked' }, { overdue: false, noReply: false })).toBe('in progress');
  });

  it('names owners as the papers do, and gives the latest update with its London date', () => {
    expect(byId(before, A.febBusy).owners).toEqual(['Jane Doe (JD)', 'Sam Carter-Lee (SCL)']);
    expect(byId(before, A.janStanding).owners).toEqual(['the Force']);
    expect(byId(before, A.febDone).latestUpdate).toEqual({
      text: 'met with Insp X on 28 February',
      from: 'Jane Doe',
      date: '01/03/2023',
    });
    expect(byId(before, A.febBusy).latestUpdate).toBeUndefined();
    expect(byId(before, A.febBusy).due).toBe('14/03/2023');
    // 23:30 UTC on 26 March 2023 is 00:30 on the 27th in London (summer time).
    const late = compileDigest({
      board: 'PAM',
      actions: [{ ...A.febBusy, latestNote: 'done', latestNoteAt: '2023-03-26T23:30:00Z' }],
      people,
      meetings,
      meeting: '2023-04-11',
      now: new Date('2023-04-01T09:00:00Z'),
    });
    expect(items(late)[0]?.latestUpdate?.date).toBe('27/03/2023');
  });

  it('counts open, overdue, no reply and awaiting discharge, as at the day it reads its flags', () => {
    expect(before.counts).toEqual({
      asAt: '2023-03-10',
      actions: {
        open: 10, // 12 listed, 2 of them discharged
        overdue: 1,
        noReply: 2, // janSilent, febSilent
        readyToDischarge: 1,
      },
      questions: { open: 0, overdue: 0, noReply: 0, readyToDischarge: 0 },
    });
  });

  it('gives the meeting its details, the next meeting (its focus and deep dive) and the previous meeting', () => {
    expect(before.form).toBe('full');
    expect(before.nextMeeting).toEqual({ date: '2023-04-11', dateText: '11/04/2023' });
    expect(compile('2023-03-10T09:00:00Z', { meeting: FEB }).nextMeeting).toEqual({
      date: MAR,
      dateText: '14/03/2023',
      time: '10:00',
      location: 'Police HQ, Room 2',
      focus: 'R&R',
      deepDive: 'Hate Crime',
    });
    expect(compile('2023-03-10T09:00:00Z', { meeting: '2023-04-11' }).nextMeeting).toBeUndefined();
    expect(before.meeting).toEqual({
      date: MAR,
      dateText: '14/03/2023',
      time: '10:00',
      location: 'Police HQ, Room 2',
      focus: 'R&R',
      deepDive: 'Hate Crime',
    });
    expect(before.previousMeeting).toBe(FEB);
    expect(before.board).toBe('PAM');
    expect(before.compiledAt).toBe('2023-03-10T09:00:00.000Z');
  });

  it('reads overdue and no reply as of the meeting day when compiled after it', () => {
    const after = compile('2023-04-20T09:00:00Z');
    // Due on the meeting day: not overdue at that meeting, though it is by 20 April.
    expect(byId(after, A.febBusy)).toMatchObject({ overdue: false, noReply: false, proposal: 'in progress' });
    // Replied since February's meeting: the digest's own meeting does not count as "the meeting".
    expect(byId(after, A.febCarried).noReply).toBe(false);
    expect(after.counts).toEqual({ ...before.counts, asAt: MAR });
  });

  it('marks overdue the day after the due date, compiled before the meeting', () => {
    const due = '2023-03-07';
    const actions = [{ ...A.febBusy, due }];
    const on = compileDigest({
      board: 'PAM',
      actions,
      people,
      meetings,
      meeting: MAR,
      now: new Date('2023-03-07T23:30:00Z'),
    });
    expect(items(on)[0]?.overdue).toBe(false);
    const next = compileDigest({
      board: 'PAM',
      actions,
      people,
      meetings,
      meeting: MAR,
      now: new Date('2023-03-08T00:30:00Z'),
    });
    expect(items(next)[0]).toMatchObject({ overdue: true, proposal: 'overdue' });
  });

  it('flags no reply since the previous meeting, not since the one that raised the action', () => {
    // Raised in January, last replied before February's meeting: no reply since the meeting.
    const janReplied = {
      ...A.janSilent,
      status: 'in_progress' as const,
      due: '2023-03-14',
      repliedAt: '2023-02-01T09:00:00Z',
    };
    const d = compileDigest({
      board: 'PAM',
      actions: [janReplied],
      people,
      meetings,
      meeting: MAR,
      now: new Date('2023-03-10T09:00:00Z'),
    });
    expect(items(d)[0]).toMatchObject({ noReply: true, overdue: false, proposal: 'no reply since the meeting' });
    // Replied on the day of February's meeting (London date): that counts as a reply since.
    const onTheDay = { ...janReplied, repliedAt: '2023-02-14T18:00:00Z' };
    const d2 = compileDigest({
      board: 'PAM',
      actions: [onTheDay],
      people,
      meetings,
      meeting: MAR,
      now: new Date('2023-03-10T09:00:00Z'),
    });
    expect(items(d2)[0]?.noReply).toBe(false);
  });

  it('shows nothing discharged when there is no previous meeting, and says so in inDigest', () => {
    expect(inDigest(A.janClosedLastMeeting, MAR, FEB)).toBe(true);
    expect(inDigest(A.janClosedLastMeeting, MAR, undefined)).toBe(false);
    expect(inDigest(A.janSilent, JAN, undefined)).toBe(false);
    const first = compileDigest({
      board: 'PAM',
      actions: all,
      people,
      meetings,
      meeting: JAN,
      now: new Date('2023-01-01T09:00:00Z'),
    });
    expect(first.groups).toEqual([]);
    expect(first.previousMeeting).toBeUndefined();
    const none = { open: 0, overdue: 0, noReply: 0, readyToDischarge: 0 };
    expect(first.counts).toEqual({ asAt: '2023-01-01', actions: none, questions: none });
    expect(first.meeting).toEqual({ date: JAN, dateText: '10/01/2023' });
    expect(first.nextMeeting).toMatchObject({ date: FEB });
  });

  it('takes scrutiny questions as their own group, last, and counts them apart from the actions', () => {
    const q: DigestItem = {
      kind: 'question',
      id: 'q1b',
      ref: 'Q1b',
      text: 'Why has violence without injury risen?',
      owners: ['Chief Supt Okafor (CO)'],
      status: 'open',
      statusLabel: 'Open',
      open: true,
      overdue: true,
      noReply: true,
      readyToDischarge: false,
      proposal: 'overdue',
      due: '07/03/2023',
    };
    const d = compile('2023-03-10T09:00:00Z', { questions: [q] });
    expect(d.groups.at(-1)).toEqual({ title: 'Scrutiny questions', items: [q] });
    expect(d.counts).toEqual({
      ...before.counts,
      questions: { open: 1, overdue: 1, noReply: 1, readyToDischarge: 0 },
    });
    expect(d.counts.actions).toEqual(before.counts.actions); // a question never counts as an action
  });
});

describe('(4) an update is credited to whoever it is from', () => {
  const directory = new Map([...people, ['kb', member('kb', 'Katie Baker')], ['aw', member('aw', 'Alex Wong')]]);
  const noted = (by: string, extra: Partial<Action> = {}): DigestItem => {
    const a = {
      ...A.febBusy,
      latestNote: 'Report sent',
      latestNoteAt: '2026-12-03T10:00:00Z',
      latestNoteBy: by,
      ...extra,
    };
    const d = compileDigest({
      board: 'PAM',
      actions: [a],
      people: directory,
      meetings,
      meeting: MAR,
      now: new Date(MAR),
    });
    return items(d)[0]!;
  };

  it('to the owner who gave it, by directory name or as the minutes wrote them', () => {
    expect(noted('Jane Doe').latestUpdate).toEqual({ text: 'Report sent', from: 'Jane Doe', date: '03/12/2026' });
    expect(noted('Sam Carter-Lee').latestUpdate?.from).toBe('Sam Carter-Lee');
    expect(noted('the Force', { owners: [FORCE] }).latestUpdate).toMatchObject({ from: 'the Force' });
    expect(noted('Jane Doe').latestUpdate?.enteredBy).toBeUndefined();
  });

  it('to the owners, entered by the secretariat, when the secretariat typed it for them', () => {
    expect(noted('Katie Baker').latestUpdate).toEqual({
      text: 'Report sent',
      from: 'Jane Doe / Sam Carter-Lee',
      enteredBy: 'Katie Baker',
      date: '03/12/2026',
    });
    expect(noted('Katie Baker', { owners: [FORCE] }).latestUpdate).toMatchObject({
      from: 'the Force',
      enteredBy: 'Katie Baker',
    });
  });

  it('to the delegate who gave it', () => {
    const delegate = { personId: 'aw', label: 'AW', byPersonId: 'jd' };
    expect(noted('Alex Wong', { delegate }).latestUpdate).toMatchObject({ from: 'Alex Wong' });
    expect(noted('Alex Wong', { delegate }).latestUpdate?.enteredBy).toBeUndefined();
  });

  it("a question's response the same way: to its respondent, entered by whoever typed it for them", () => {
    const q: Question = {
      id: '2026-12-08.q1',
      number: 'Q1',
      meeting: '2026-12-08',
      text: 'Why?',
      respondent: { label: 'JD', personId: 'jd' },
      state: 'answered',
      response: 'Because.',
      respondedAt: '2026-12-03T10:00:00Z',
      respondedBy: 'Katie Baker',
      actionIds: [],
      createdAt: '2026-12-01T10:00:00Z',
      updatedAt: '2026-12-03T10:00:00Z',
      version: 2,
    };
    expect(questionDigestItem(q, directory, '2026-12-04').latestUpdate).toEqual({
      text: 'Because.',
      from: 'Jane Doe',
      enteredBy: 'Katie Baker',
      date: '03/12/2026',
    });
    expect(questionDigestItem({ ...q, respondedBy: 'Jane Doe' }, directory, '2026-12-04').latestUpdate).toEqual({
      text: 'Because.',
      from: 'Jane Doe',
      date: '03/12/2026',
    });
    // Minutes name the respondent as they wrote them ('JD'): still theirs.
    expect(questionDigestItem({ ...q, respondedBy: 'JD' }, directory, '2026-12-04').latestUpdate?.from).toBe('JD');
  });
});

describe('(5) the minuted outcome', () => {
  const before = compile('2023-03-10T09:00:00Z');
  it('is carried whole, "Updated to:" list and all', () => {
    const outcome =
      'Updated to: - July Q1 - L&D deferred to August. August - L&D / DV Focus. TBA - Health and Wellbeing.';
    const d = compileDigest({
      board: 'PAM',
      actions: [
        { ...A.janStanding, outcome },
        { ...A.febDone, outcome: 'Completed' },
      ],
      people,
      meetings,
      meeting: MAR,
      now: new Date('2023-03-10T09:00:00Z'),
    });
    expect(items(d).map((i) => i.outcome)).toEqual([outcome, 'Completed']);
    expect(byId(before, A.febBusy).outcome).toBeUndefined();
  });
});

describe('what the last meeting closed', () => {
  it('shows an action discharged at the previous meeting, and not one discharged years before', async () => {
    const { compileDigest } = await import('../../bot/rules/digest.ts');
    const base = {
      ref: { shape: 'numbered' as const, meeting: '2023-03-14', number: 1 },
      meeting: '2023-03-14',
      owners: [],
      ownerText: 'OPCC',
      ownerForm: 'prefix' as const,
      text: 'x',
      status: 'discharged' as const,
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
      version: 2,
    };
    const recent = { ...base, id: '2023-03-14.n001', closedOn: '2023-03-14' };
    const ancient = {
      ...base,
      id: '2020-06-23.n001',
      meeting: '2020-06-23',
      ref: { ...base.ref, meeting: '2020-06-23' },
      closedOn: '2020-06-23',
    };
    const d = compileDigest({
      board: 'PAM',
      actions: [recent, ancient],
      people: new Map(),
      meetings: [{ date: '2020-06-23' }, { date: '2023-03-14' }, { date: '2023-04-11' }],
      meeting: '2023-04-11',
      now: new Date('2023-04-04T09:00:00Z'),
    });
    expect(d.groups.flatMap((g) => g.items.map((i) => i.id))).toEqual(['2023-03-14.n001']);
  });
});
