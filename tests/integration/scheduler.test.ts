// The scheduler on a fake clock, against Azurite: boards walked through a month, across bank
// holidays and both clock changes, with two instances at once, restarts, and outages.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { onCardAction } from '../../bot/chat/dispatch.ts';
import type { ScheduleConfig } from '../../bot/config.ts';
import { createLogger, type Logger } from '../../bot/log.ts';
import { actorOf } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { payloadOf } from '../../bot/outbox/payload.ts';
import { importPeople } from '../../bot/services/people.ts';
import { reply } from '../../bot/services/reply.ts';
import { chaseCardFor } from '../../bot/present/chase.ts';
import { chasedFor, Scheduler, type TickReport } from '../../bot/services/scheduler.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import { formatUkDate } from '../../bot/rules/refs.ts';
import type { Actor, IsoDate, Person, Scope } from '../../bot/rules/types.ts';
import { digestTimes } from '../../bot/rules/working-days.ts';
import type { JobStore } from '../../storage/jobs.ts';
import type { OutboxItem } from '../../storage/outbox.ts';
import { executeActions, validateCard, visibleTexts } from '../helpers/validate-card.ts';
import { testTables } from '../helpers/tables.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const TENANT = 'tenant-sched';
const schedule: ScheduleConfig = { digestLeadDays: 5, digestTime: '09:00', chaseLeadDays: 3 };
const HOUR = 3_600_000;

/** The fake clock every tracker and scheduler here reads. */
let now = new Date('2025-01-01T00:00:00Z');
const at = (iso: string): Date => (now = new Date(iso));

let stores: Stores;
let jobs: JobStore;

beforeAll(async () => {
  const tables = await testTables();
  stores = createStores(tables);
  jobs = stores.jobs;
});

/** Log events as objects. */
function captureLog(): { log: Logger; events: Array<Record<string, unknown>> } {
  const events: Array<Record<string, unknown>> = [];
  return { log: createLogger('debug', (line) => events.push(JSON.parse(line) as Record<string, unknown>)), events };
}

interface Board {
  t: BoardContext;
  scope: Scope;
  people: Map<string, Person>;
  /** A person's id by initials. */
  id: (initials: string) => string;
  actor: (initials: string) => Actor;
  channelId: string;
}

/**
 * A board with the example directory (everyone reachable in Teams but Alex Wong and Tom Ellis), a
 * channel following it, the meeting `held` with the example Actions Arising raised at it, and the
 * next meeting `next` at 10:00.
 */
async function board(name: string, held: IsoDate, next: IsoDate): Promise<Board> {
  const scope = { tenant: TENANT, board: name };
  const t = createBoardContext(stores, scope, () => now);
  at(`${held}T12:00:00Z`);
  await importPeople(t, fixture('people-example.csv'));
  for (const stored of await stores.people.list(scope)) {
    const p = stored.person;
    if (p.initials === 'AW' || p.initials === 'TE') continue;
    await stores.people.save(scope, { ...p, aadObjectId: `aad-${name}-${p.initials}`.toLowerCase() }, stored);
  }
  const channelId = `19:${name.toLowerCase()}@thread.tacv2`;
  await stores.conversations.save(TENANT, {
    kind: 'channel',
    id: channelId,
    reference: '{}',
    board: name,
    updatedAt: now.toISOString(),
  });
  await stores.conversations.bind(TENANT, name, {
    conversationId: channelId,
    boundBy: { personId: 'secretariat', name: 'The Secretariat' },
    boundAt: new Date().toISOString(),
  });
  await saveMeeting(t, { date: held, time: '10:00', next });
  await saveMeeting(t, { date: next, time: '10:00' });
  const due = new Date(new Date(`${held}T12:00:00Z`).getTime() + 14 * 24 * HOUR).toISOString().slice(0, 10);
  const table = fixture('actions-arising-example.txt')
    .replaceAll('14/03/2023', formatUkDate(held))
    .replaceAll('28/03/2023', formatUkDate(due));
  const people = new Map((await stores.people.list(scope)).map((p) => [p.person.id, p.person]));
  const secretariat = [...people.values()].find((p) => p.role === 'secretariat')!;
  const report = await importActions(t, table, { actor: actorOf(secretariat, 'import') });
  expect(report.counts).toMatchObject({ imported: 6, error: 0 });
  const byInitials = new Map([...people.values()].map((p) => [p.initials, p]));
  const person = (initials: string): Person => {
    const p = byInitials.get(initials);
    if (!p) throw new Error(`nobody with initials ${initials}`);
    return p;
  };
  return { t, scope, people, id: (i) => person(i).id, actor: (i) => actorOf(person(i), 'teams'), channelId };
}

function scheduler(
  b: Board | Board[],
  instanceId: string,
  log: Logger = captureLog().log,
  onQueued: () => void = () => {},
): Scheduler {
  const scopes = (Array.isArray(b) ? b : [b]).map((x) => x.scope);
  return new Scheduler({ stores, scopes: async () => scopes, schedule, now: () => now, log, instanceId, onQueued });
}

/** The board's outbox items (every state), by id. */
async function outbox(b: Board): Promise<Map<string, OutboxItem>> {
  const all = (
    await Promise.all((['queued', 'inflight', 'sent', 'failed'] as const).map((s) => stores.outbox.list(s)))
  ).flat();
  return new Map(
    all.filter((i) => i.id.split('|')[1] === TENANT && i.id.split('|')[2] === b.scope.board).map((i) => [i.id, i]),
  );
}

/** The value each input of a card starts with, by id. */
function inputValues(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o.value;
    Object.values(o).forEach(visit);
  };
  visit(card);
  return out;
}

const chaseId = (b: Board, meeting: IsoDate, initials: string): string =>
  `chase|${TENANT}|${b.scope.board}|${meeting}|${b.id(initials)}`;
const digestId = (b: Board, meeting: IsoDate, to: string): string =>
  `digest|${TENANT}|${b.scope.board}|${meeting}|${to}`;
const digestIds = (b: Board, meeting: IsoDate): string[] =>
  [digestId(b, meeting, b.id('MH')), digestId(b, meeting, b.id('PN')), digestId(b, meeting, 'channel')].sort();

describe('a board through a month: meeting 15/04/2025, next 13/05/2025', () => {
  const HELD = '2025-04-15';
  const NEXT = '2025-05-13';

  it('chases the owners without a reply on 30/04 at 09:00 London, and sends the digest once on 06/05 at 09:00', async () => {
    const b = await board('MAY', HELD, NEXT);
    const { chaseAt, digestAt } = digestTimes(NEXT, schedule);
    // Monday 5 May is the Early May bank holiday: the chase is 3 working days before Tuesday 6 May.
    expect(chaseAt.toISOString()).toBe('2025-04-30T08:00:00.000Z');
    expect(digestAt.toISOString()).toBe('2025-05-06T08:00:00.000Z');

    const { log, events } = captureLog();
    let woken = 0;
    const s = scheduler(b, 'walker', log, () => woken++);
    // Every hour from the afternoon of the meeting to the afternoon of the next, and a minute before each job.
    const instants: number[] = [];
    for (let x = new Date(`${HELD}T13:00:00Z`).getTime(); x <= new Date(`${NEXT}T13:00:00Z`).getTime(); x += HOUR)
      instants.push(x);
    instants.push(chaseAt.getTime() - 60_000, digestAt.getTime() - 60_000);
    instants.sort((x, y) => x - y);

    const firstSeen = new Map<string, string>();
    const reports: TickReport[] = [];
    for (const x of instants) {
      now = new Date(x);
      // Replies during the month: Jane Doe and Kim Patel answer theirs; Sam Carter-Lee one of two.
      if (now.toISOString() === '2025-04-22T10:00:00.000Z') {
        const r1 = await reply(b.t, b.actor('JD'), {
          actionId: `${HELD}.n001`,
          status: 'in_progress',
          note: 'Draft circulated to the working group',
        });
        const na = (await stores.actions.listOpenFor(b.scope, b.id('KP')))[0]!;
        const r2 = await reply(b.t, b.actor('KP'), { actionId: na.id, status: 'completed', note: '12 staff' });
        const r3 = await reply(b.t, b.actor('SCL'), {
          actionId: `${HELD}.i004.i`,
          note: 'Looking at the data with the analysts',
        });
        expect([r1.kind, r2.kind, r3.kind]).toEqual(['saved', 'saved', 'saved']);
      }
      reports.push(await s.tick());
      // Nothing sends here, so everything queued stays queued.
      for (const item of await stores.outbox.list('queued'))
        if (item.id.includes(`|${TENANT}|MAY|`) && !firstSeen.has(item.id)) firstSeen.set(item.id, now.toISOString());
    }

    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    // Exactly the owners with no reply since the meeting: Sam Carter-Lee (one action of two) and
    // Chidi Okafor. Alex Wong shares Chidi's action but is not reachable in Teams; the Force is nobody.
    const chased = [chaseId(b, NEXT, 'SCL'), chaseId(b, NEXT, 'CO')].sort();
    expect([...firstSeen.keys()].filter((id) => id.startsWith('chase|')).sort()).toEqual(chased);
    for (const id of chased) expect(firstSeen.get(id)).toBe('2025-04-30T08:00:00.000Z');
    // The digest, to the chair, the secretariat and the channel, at 09:00 London (not at 08:59).
    expect([...firstSeen.keys()].filter((id) => id.startsWith('digest|')).sort()).toEqual(digestIds(b, NEXT));
    for (const id of digestIds(b, NEXT)) expect(firstSeen.get(id)).toBe('2025-05-06T08:00:00.000Z');
    expect(firstSeen.size).toBe(5);

    const items = await outbox(b);
    expect(payloadOf(items.get(chaseId(b, NEXT, 'SCL'))!.payload)).toEqual({
      type: 'chase',
      board: 'MAY',
      meeting: NEXT,
      personId: b.id('SCL'),
      actionIds: [`${HELD}.i004.ii`],
    });
    expect(payloadOf(items.get(chaseId(b, NEXT, 'CO'))!.payload)).toEqual({
      type: 'chase',
      board: 'MAY',
      meeting: NEXT,
      personId: b.id('CO'),
      actionIds: [`${HELD}.i006`],
    });
    expect(items.get(chaseId(b, NEXT, 'CO'))!.target).toEqual({
      kind: 'person',
      tenant: TENANT,
      aadObjectId: 'aad-may-co',
    });
    expect(payloadOf(items.get(digestId(b, NEXT, b.id('MH')))!.payload)).toEqual({
      type: 'digest',
      board: 'MAY',
      meeting: NEXT,
      personId: b.id('MH'),
    });
    expect(payloadOf(items.get(digestId(b, NEXT, 'channel'))!.payload)).toEqual({
      type: 'digest',
      board: 'MAY',
      meeting: NEXT,
    });
    expect(items.get(digestId(b, NEXT, 'channel'))!.target).toEqual({
      kind: 'conversation',
      tenant: TENANT,
      conversationId: b.channelId,
    });

    // Each job ran once, in the tick at its time, and the sender was woken for each.
    const runs = reports.flatMap((r) => r.runs.filter((x) => x.meeting === NEXT).map((x) => ({ ...x, at: r.at })));
    expect(runs).toEqual([
      {
        tenant: TENANT,
        board: 'MAY',
        meeting: NEXT,
        kind: 'chase',
        result: 'done',
        queued: 2,
        at: '2025-04-30T08:00:00.000Z',
      },
      {
        tenant: TENANT,
        board: 'MAY',
        meeting: NEXT,
        kind: 'digest',
        result: 'done',
        queued: 3,
        at: '2025-05-06T08:00:00.000Z',
      },
    ]);
    expect(woken).toBe(2);
    expect(events.filter((e) => e.event === 'scheduler.chased')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'scheduler.digest_queued')).toHaveLength(1);
    // The meeting of 15/04 had started before this scheduler first ran: its jobs were never run, and say so.
    expect(events.filter((e) => e.event === 'scheduler.skipped').map((e) => [e.meeting, e.kind])).toEqual([
      [HELD, 'chase'],
      [HELD, 'digest'],
    ]);

    // Who was chased, and for what: what the chair's outstanding view can read.
    const who = await chasedFor(jobs, b.scope, NEXT);
    expect(who?.at).toBe('2025-04-30T08:00:00.000Z');
    expect(Object.fromEntries(who!.people)).toEqual({
      [b.id('SCL')]: [`${HELD}.i004.ii`],
      [b.id('CO')]: [`${HELD}.i006`],
    });
    const job = await jobs.get(b.scope, 'chase', NEXT);
    expect(job).toMatchObject({ state: 'done', owner: 'walker', attempts: 1 });
    expect(job?.detail?.unreachable).toEqual([
      { personId: b.id('AW'), name: 'Alex Wong', reason: 'not yet reachable in Teams' },
    ]);
    expect(await s.chasedFor(b.scope, '2025-06-10')).toBeNull();
  }, 60_000);

  it('the chaser is one card listing the actions, with a reply form on each that redraws the chaser', async () => {
    const b = await board('CARD', HELD, NEXT);
    // Nobody replies: Sam Carter-Lee is chased for both his actions.
    at('2025-04-30T08:00:00Z');
    await scheduler(b, 'card').tick();
    const payload = payloadOf((await outbox(b)).get(chaseId(b, NEXT, 'SCL'))!.payload);
    expect(payload).toMatchObject({ type: 'chase', actionIds: [`${HELD}.i004.i`, `${HELD}.i004.ii`] });

    at('2025-04-30T09:15:00Z');
    const sam = b.actor('SCL');
    const card = (await chaseCardFor(b.t, sam, NEXT))!;
    expect(validateCard(card)).toEqual([]);
    const buttons = executeActions(card);
    expect(buttons.map((x) => [x.data.actionId, x.data.statusInput, x.data.noteInput])).toEqual([
      [`${HELD}.i004.i`, 'status_1', 'note_1'],
      [`${HELD}.i004.ii`, 'status_2', 'note_2'],
    ]);

    // He answers the second, having typed something into the first too: all inputs come back.
    const data = {
      ...buttons[1]!.data,
      status_1: 'blocked',
      note_1: 'half-typed',
      status_2: 'in_progress',
      note_2: 'Model assessed; slot requested for July',
    };
    const outcome = await onCardAction(b.t, sam, { verb: 'action.reply', data });
    expect(outcome.changedMeeting).toBe(HELD);
    const saved = (await stores.actions.get(b.scope, `${HELD}.i004.ii`))!.action;
    expect(saved).toMatchObject({ status: 'in_progress', latestNote: 'Model assessed; slot requested for July' });
    expect((await stores.actions.get(b.scope, `${HELD}.i004.i`))!.action.status).toBe('open'); // the other item untouched
    // The answer is the chaser again: the saved item at its new version, the other keeping its draft.
    expect(validateCard(outcome.card)).toEqual([]);
    const texts = visibleTexts(outcome.card);
    expect(texts.some((x) => x.startsWith('04 15/04/2025.ii: Saved: In progress'))).toBe(true);
    expect(texts).toContain('04 15/04/2025.ii · In progress · due 13/05/2025');
    const again = executeActions(outcome.card);
    expect(again.map((x) => [x.data.actionId, x.data.version])).toEqual([
      [`${HELD}.i004.i`, 1],
      [`${HELD}.i004.ii`, 2],
    ]);
    expect(inputValues(outcome.card)).toEqual({
      status_1: 'blocked',
      note_1: 'half-typed',
      status_2: 'in_progress',
      note_2: undefined,
    });

    // The chase record and the action together say "replied since the chase".
    const who = (await chasedFor(jobs, b.scope, NEXT))!;
    expect(who.people.get(b.id('SCL'))).toContain(saved.id);
    expect(saved.repliedAt! > who.at).toBe(true);

    // A button naming an input that cannot be one is refused, and nothing changes.
    const bad = await onCardAction(b.t, sam, {
      verb: 'action.reply',
      data: { ...buttons[0]!.data, statusInput: 'Status-1!', 'Status-1!': 'completed' },
    });
    expect(visibleTexts(bad.card)).toContain('This card names inputs I do not know.');
    expect((await stores.actions.get(b.scope, `${HELD}.i004.i`))!.action.status).toBe('open');
  });
});

describe('across the clock changes', () => {
  it('spring: chase at 09:00 GMT (09:00 UTC) on 26/03, digest at 09:00 BST (08:00 UTC) on Monday 31/03/2025', async () => {
    const b = await board('SPRING', '2025-03-10', '2025-04-07');
    const s = scheduler(b, 'spring');
    const kinds = async (): Promise<string[]> =>
      [...new Set([...(await outbox(b)).keys()].map((id) => id.split('|')[0]!))].sort();
    for (const [instant, expected] of [
      ['2025-03-26T08:00:00Z', []], // 08:00 GMT
      ['2025-03-26T08:59:00Z', []],
      ['2025-03-26T09:00:00Z', ['chase']],
      ['2025-03-30T08:00:00Z', ['chase']], // Sunday, after the change
      ['2025-03-31T07:59:00Z', ['chase']], // 08:59 BST
      ['2025-03-31T08:00:00Z', ['chase', 'digest']], // 09:00 BST
    ] as const) {
      at(instant);
      expect((await s.tick()).errors).toEqual([]);
      expect(await kinds(), instant).toEqual(expected);
    }
    expect([...(await outbox(b)).keys()].filter((id) => id.startsWith('digest|')).sort()).toEqual(
      digestIds(b, '2025-04-07'),
    );
  });

  it('autumn: chase at 09:00 BST (08:00 UTC) on 22/10, digest at 09:00 GMT (09:00 UTC) on Monday 27/10/2025', async () => {
    const b = await board('AUTUMN', '2025-10-06', '2025-11-03');
    const s = scheduler(b, 'autumn');
    const kinds = async (): Promise<string[]> =>
      [...new Set([...(await outbox(b)).keys()].map((id) => id.split('|')[0]!))].sort();
    for (const [instant, expected] of [
      ['2025-10-22T07:59:00Z', []], // 08:59 BST
      ['2025-10-22T08:00:00Z', ['chase']],
      ['2025-10-27T08:00:00Z', ['chase']], // 08:00 GMT: it would be 09:00 had the clocks not gone back
      ['2025-10-27T08:59:00Z', ['chase']],
      ['2025-10-27T09:00:00Z', ['chase', 'digest']],
    ] as const) {
      at(instant);
      expect((await s.tick()).errors).toEqual([]);
      expect(await kinds(), instant).toEqual(expected);
    }
  });
});

describe('several instances, restarts and outages', () => {
  const HELD = '2025-04-15';
  const NEXT = '2025-05-13';
  const { chaseAt, digestAt } = digestTimes(NEXT, schedule);

  it('two instances ticking at once produce one set of items, and a restarted instance sends nothing again', async () => {
    const b = await board('PAIR', HELD, NEXT);
    const logA = captureLog();
    const logB = captureLog();
    const a = scheduler(b, 'instance-a', logA.log);
    const c = scheduler(b, 'instance-b', logB.log);
    const events = (): Array<Record<string, unknown>> => [...logA.events, ...logB.events];

    at(chaseAt.toISOString());
    const [r1, r2] = await Promise.all([a.tick(), c.tick()]);
    expect([...r1.runs, ...r2.runs].filter((r) => r.meeting === NEXT)).toEqual([
      expect.objectContaining({ kind: 'chase', result: 'done', queued: 4 }),
    ]);
    at(digestAt.toISOString());
    const [r3, r4, r5] = await Promise.all([a.tick(), c.tick(), a.tick()]);
    expect(r5).toBe(r3); // one instance: concurrent ticks share one run
    expect([...r3.runs, ...r4.runs].filter((r) => r.meeting === NEXT)).toEqual([
      expect.objectContaining({ kind: 'digest', result: 'done', queued: 3 }),
    ]);
    expect(events().filter((e) => e.event === 'scheduler.chased')).toHaveLength(1);
    expect(events().filter((e) => e.event === 'scheduler.digest_queued')).toHaveLength(1);
    const before = await outbox(b);
    expect([...before.keys()].sort()).toEqual(
      [
        chaseId(b, NEXT, 'CO'),
        chaseId(b, NEXT, 'KP'),
        chaseId(b, NEXT, 'JD'),
        chaseId(b, NEXT, 'SCL'),
        ...digestIds(b, NEXT),
      ].sort(),
    );

    // A restart: a new instance, another id, ticking through the rest of the window.
    const restarted = captureLog();
    const r = scheduler(b, 'instance-c', restarted.log);
    for (let x = digestAt.getTime(); x < new Date(`${NEXT}T09:00:00Z`).getTime(); x += HOUR) {
      now = new Date(x);
      expect((await r.tick()).runs.filter((run) => run.meeting === NEXT)).toEqual([]);
    }
    expect(
      restarted.events.filter((e) => e.event === 'scheduler.chased' || e.event === 'scheduler.digest_queued'),
    ).toEqual([]);
    const after = await outbox(b);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, item] of after) expect(item.createdAt, id).toBe(before.get(id)!.createdAt);
  });

  it('a job whose instance died mid-way is taken over once its lease has lapsed', async () => {
    const b = await board('CRASH', HELD, NEXT);
    at(chaseAt.toISOString());
    expect(await jobs.claim(b.scope, 'chase', NEXT, 'died', now, 5 * 60_000)).toBe(true);
    const s = scheduler(b, 'survivor');
    at(new Date(chaseAt.getTime() + 60_000).toISOString());
    expect((await s.tick()).runs.filter((r) => r.meeting === NEXT)).toEqual([]);
    expect(await outbox(b)).toEqual(new Map());
    at(new Date(chaseAt.getTime() + 6 * 60_000).toISOString());
    expect((await s.tick()).runs.filter((r) => r.meeting === NEXT)).toEqual([
      expect.objectContaining({ kind: 'chase', result: 'done', queued: 4 }),
    ]);
    expect(await jobs.get(b.scope, 'chase', NEXT)).toMatchObject({ state: 'done', owner: 'survivor', attempts: 2 });
    // The instance that died cannot finish it afterwards.
    expect(await jobs.complete(b.scope, 'chase', NEXT, 'died', { late: true })).toBe(false);
    expect((await jobs.get(b.scope, 'chase', NEXT))?.detail?.late).toBeUndefined();
  });

  it('jobs missed while everything was down run at the next tick, if the meeting has not started', async () => {
    const b = await board('DOWN', HELD, NEXT);
    const s = scheduler(b, 'late');
    // Down from before the chase until two days after the digest: Thursday 8 May, 14:00 London.
    at('2025-05-08T13:00:00Z');
    const report = await s.tick();
    expect(report.runs.filter((r) => r.meeting === NEXT).map((r) => [r.kind, r.result, r.queued])).toEqual([
      ['chase', 'done', 4],
      ['digest', 'done', 3],
    ]);
    expect([...(await outbox(b)).keys()].filter((id) => id.startsWith('digest|')).sort()).toEqual(digestIds(b, NEXT));
  });

  it('jobs missed until the meeting had started are skipped, and logged, once', async () => {
    const b = await board('LATE', HELD, NEXT);
    const { log, events } = captureLog();
    const s = scheduler(b, 'too-late', log);
    // Down from before the chase until 10:00 London on the day, when the meeting starts.
    at('2025-05-13T09:00:00Z');
    const report = await s.tick();
    expect(report.runs.filter((r) => r.meeting === NEXT).map((r) => [r.kind, r.result, r.queued])).toEqual([
      ['chase', 'skipped', 0],
      ['digest', 'skipped', 0],
    ]);
    expect(await outbox(b)).toEqual(new Map());
    const skipped = events.filter((e) => e.event === 'scheduler.skipped' && e.meeting === NEXT);
    expect(skipped).toEqual([
      expect.objectContaining({ level: 'warn', board: 'LATE', kind: 'chase', due: chaseAt.toISOString() }),
      expect.objectContaining({ level: 'warn', board: 'LATE', kind: 'digest', due: digestAt.toISOString() }),
    ]);
    expect(await jobs.get(b.scope, 'digest', NEXT)).toMatchObject({
      state: 'skipped',
      detail: { reason: 'the meeting had started before the job could run' },
    });
    // Later ticks, and other instances, leave them be.
    at('2025-05-13T12:00:00Z');
    expect((await s.tick()).runs).toEqual([]);
    expect((await scheduler(b, 'other').tick()).runs).toEqual([]);
    expect(events.filter((e) => e.event === 'scheduler.skipped' && e.meeting === NEXT)).toHaveLength(2);
  });

  it('start() ticks at once and then on its interval, logging a failing tick once; stop() ends it', async () => {
    const b = await board('TIMER', HELD, NEXT);
    const { log, events } = captureLog();
    let queued = 0;
    let fail = false;
    let ticks = 0;
    const s = new Scheduler({
      stores,
      schedule,
      now: () => now,
      log,
      instanceId: 'timer',
      onQueued: () => queued++,
      scopes: async () => {
        ticks++;
        if (fail) throw new Error('storage is not ready');
        return [b.scope];
      },
    });
    at(chaseAt.toISOString());
    s.start(20);
    await vi.waitFor(() => expect(queued).toBe(1), { timeout: 5_000 });
    fail = true;
    await vi.waitFor(() => expect(events.filter((e) => e.event === 'scheduler.tick_failed').length).toBe(1), {
      timeout: 5_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // several more failing ticks: still one line
    expect(events.filter((e) => e.event === 'scheduler.tick_failed')).toHaveLength(1);
    fail = false;
    at(digestAt.toISOString());
    await vi.waitFor(() => expect(queued).toBe(2), { timeout: 5_000 });
    expect(events.filter((e) => e.event === 'scheduler.recovered')).toHaveLength(1);
    await s.stop();
    const stoppedAt = ticks;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ticks).toBe(stoppedAt);
    expect([...(await outbox(b)).keys()].filter((id) => id.startsWith('digest|')).sort()).toEqual(digestIds(b, NEXT));
  });

  it('one scheduler serves several boards; a board whose calendar is broken does not stop the others', async () => {
    const good = await board('MULTI1', HELD, NEXT);
    const broken = await board('MULTI2', HELD, NEXT);
    await stores.meetings.save(broken.scope, { date: '2025-05-20', time: '25:99' });
    const s = scheduler([good, broken], 'multi');
    at(digestAt.toISOString());
    const report = await s.tick();
    expect(report.errors).toEqual([
      { tenant: TENANT, board: 'MULTI2', meeting: '2025-05-20', error: '"25:99" is not a time (HH:mm, 24-hour)' },
    ]);
    expect(
      report.runs
        .filter((r) => r.meeting === NEXT)
        .map((r) => `${r.board} ${r.kind}`)
        .sort(),
    ).toEqual(['MULTI1 chase', 'MULTI1 digest', 'MULTI2 chase', 'MULTI2 digest']);
  });
});

describe('the jobs table', () => {
  const scope = { tenant: TENANT, board: 'JOBS' };
  const t0 = new Date('2025-05-06T08:00:00Z');
  const later = (ms: number): Date => new Date(t0.getTime() + ms);

  it('one live claim at a time; renewable by its owner; taken over once lapsed; final once done or skipped', async () => {
    expect(await jobs.get(scope, 'digest', '2025-05-13')).toBeNull();
    expect(await jobs.claim(scope, 'digest', '2025-05-13', 'a', t0, 60_000)).toBe(true);
    expect(await jobs.claim(scope, 'digest', '2025-05-13', 'b', later(30_000), 60_000)).toBe(false); // a's lease is live
    expect(await jobs.claim(scope, 'digest', '2025-05-13', 'a', later(30_000), 60_000)).toBe(true); // a renews
    expect(await jobs.claim(scope, 'digest', '2025-05-13', 'b', later(80_000), 60_000)).toBe(false); // renewed until +90 s
    expect(await jobs.claim(scope, 'digest', '2025-05-13', 'b', later(91_000), 60_000)).toBe(true); // lapsed: b takes over
    expect(await jobs.complete(scope, 'digest', '2025-05-13', 'a', { by: 'a' }, later(92_000))).toBe(false); // a lost it
    expect(await jobs.complete(scope, 'digest', '2025-05-13', 'b', { by: 'b' }, later(93_000))).toBe(true);
    expect(await jobs.get(scope, 'digest', '2025-05-13')).toEqual({
      kind: 'digest',
      meeting: '2025-05-13',
      state: 'done',
      owner: 'b',
      claimedAt: t0.toISOString(),
      at: later(93_000).toISOString(),
      attempts: 2,
      detail: { by: 'b' },
    });
    expect(await jobs.claim(scope, 'digest', '2025-05-13', 'c', later(10 * HOUR), 60_000)).toBe(false);

    expect(await jobs.claim(scope, 'chase', '2025-05-13', 'a', t0, 60_000)).toBe(true);
    expect(await jobs.skip(scope, 'chase', '2025-05-13', 'a', { reason: 'late' }, later(1_000))).toBe(true);
    expect(await jobs.claim(scope, 'chase', '2025-05-13', 'a', later(2_000), 60_000)).toBe(false);
    expect((await jobs.list(scope)).map((j) => `${j.kind} ${j.meeting} ${j.state}`)).toEqual([
      'chase 2025-05-13 skipped',
      'digest 2025-05-13 done',
    ]);
  });

  it('of many instances claiming at once, exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, k) => jobs.claim(scope, 'digest', '2025-06-10', `i${k}`, t0, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    // And of many taking over a lapsed claim at once, exactly one too.
    const takeovers = await Promise.all(
      Array.from({ length: 8 }, (_, k) => jobs.claim(scope, 'digest', '2025-06-10', `j${k}`, later(120_000), 60_000)),
    );
    expect(takeovers.filter(Boolean)).toHaveLength(1);
  });
});
