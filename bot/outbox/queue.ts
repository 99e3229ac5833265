// Who gets which card, queued in the outbox: each owner a card for each action they own (once per
// action and person, however often it is imported), the board's channel one summary a meeting,
// respondents their questions, delegates what was handed to them. A card for someone the bot cannot
// reach yet waits in the outbox for them (release.ts); owners nobody can be sent to are reported.
import type { OutboxTarget } from '../../storage/outbox.ts';
import type { BoardContext } from '../services/board-context.ts';
import type { Action, Person, Question } from '../rules/types.ts';
import { cardOutboxId, delegateOutboxId, questionOutboxId, summaryOutboxId, type Payload } from './payload.ts';
import { unassignedReason } from '../rules/owners.ts';
import { targetFor } from './reach.ts';
import { releaseWaiting } from './release.ts';

export interface Unreachable {
  actionId: string;
  owner: string;
  reason: string;
}

/** Cards kept in the outbox for someone not reachable in Teams yet: they go once that person is. */
export interface Waiting {
  personId: string;
  name: string;
  initials: string;
  cards: number;
}

export interface NotifyReport {
  /** Items put on their way now (owners' cards and channel summaries). */
  queued: number;
  /** Of those, the cards to people. */
  toOwners: number;
  /** Cards already in the outbox (sent, or on their way). */
  alreadySent: number;
  /** Cards waiting, by person, whether put in now or before. */
  waiting: Waiting[];
  /** Owners no card can go to: not in the directory. */
  unreachable: Unreachable[];
}

export const emptyReport = (): NotifyReport => ({
  queued: 0,
  toOwners: 0,
  alreadySent: 0,
  waiting: [],
  unreachable: [],
});

/** Puts one item in the outbox; false when an item of that id was already there. */
export function enqueue(t: BoardContext, id: string, target: OutboxTarget, payload: Payload): Promise<boolean> {
  return t.stores.outbox.enqueue({ id, target, payload: JSON.stringify(payload) }, t.now());
}

export async function directory(t: BoardContext): Promise<Map<string, Person>> {
  return new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
}

/** Reports words that reach nobody for sure (ambiguous, a body, not in the directory): no card can go. */
export function reportNobody(
  report: NotifyReport,
  recordId: string,
  label: string,
  people: ReadonlyMap<string, Person>,
): void {
  report.unreachable.push({ actionId: recordId, owner: label, reason: unassignedReason(label, [...people.values()]) });
}

/** Counts a card waiting for `person` in the report. */
export function countWaiting(report: NotifyReport, person: Person): void {
  const entry = report.waiting.find((w) => w.personId === person.id);
  if (entry) entry.cards++;
  else report.waiting.push({ personId: person.id, name: person.name, initials: person.initials, cards: 1 });
}

/** Every card waiting for someone on the board, by person (in directory order): what `people` and `outstanding` show. */
export async function waitingOnBoard(t: BoardContext): Promise<Waiting[]> {
  const items = await t.stores.outbox.waiting(t.scope.tenant, t.scope.board);
  if (items.length === 0) return [];
  const report = emptyReport();
  const people = await directory(t);
  for (const item of items) {
    const person = item.target.kind === 'waiting' ? people.get(item.target.personId) : undefined;
    if (person) countWaiting(report, person);
  }
  const order = [...people.keys()];
  return report.waiting.sort((a, b) => order.indexOf(a.personId) - order.indexOf(b.personId));
}

export type Queued = 'queued' | 'waiting' | 'already';

/**
 * A directory person's card, put in the outbox once per id: on its way if they are reachable, else
 * waiting for them. A card already there counts as waiting while it waits.
 */
export async function queueFor(t: BoardContext, person: Person, id: string, payload: Payload): Promise<Queued> {
  const target = targetFor(t.scope, person);
  if (await enqueue(t, id, target, payload)) return target.kind === 'waiting' ? 'waiting' : 'queued';
  return (await t.stores.outbox.get(id))?.state === 'waiting' ? 'waiting' : 'already';
}

/** Adds what queueFor did with a person's card to the report. */
export function tally(report: NotifyReport, person: Person, result: Queued): void {
  if (result === 'queued') {
    report.queued++;
    report.toOwners++;
  } else if (result === 'waiting') countWaiting(report, person);
  else report.alreadySent++;
}

/**
 * The people the report's cards wait for, read again: someone reached while the cards were being
 * written (linked, their waiting cards released before these were there) gets them now, not at
 * their next reach. Once per person, after the cards are written.
 */
export async function recheckWaiting(t: BoardContext, report: NotifyReport): Promise<NotifyReport> {
  for (const w of [...report.waiting]) {
    const person = (await t.stores.people.get(t.scope, w.personId))?.person;
    if (!person?.aadObjectId || (await releaseWaiting(t, person)) === 0) continue;
    report.waiting = report.waiting.filter((x) => x !== w);
    report.queued += w.cards;
    report.toOwners += w.cards;
  }
  return report;
}

export async function queueActionCards(t: BoardContext, actions: readonly Action[]): Promise<NotifyReport> {
  const { tenant, board } = t.scope;
  const people = await directory(t);
  const report = emptyReport();

  for (const action of actions) {
    // A discharged action asks nothing more of its owners (the minutes' review discharges many at once).
    if (action.status === 'discharged') continue;
    for (const owner of action.owners) {
      const person = owner.personId ? people.get(owner.personId) : undefined;
      if (!person) {
        reportNobody(report, action.id, owner.label, people);
        continue;
      }
      const payload: Payload = { type: 'action', board, actionId: action.id, personId: person.id };
      tally(report, person, await queueFor(t, person, cardOutboxId(t.scope, action.id, person.id), payload));
    }
  }

  const channel = await t.stores.conversations.forBoard(tenant, board);
  if (channel) {
    for (const meeting of new Set(actions.map((a) => a.meeting))) {
      const queued = await enqueue(
        t,
        summaryOutboxId(t.scope, meeting),
        { kind: 'conversation', tenant, conversationId: channel.id },
        { type: 'summary', board, meeting },
      );
      if (queued) report.queued++;
      else report.alreadySent++;
    }
  }
  return recheckWaiting(t, report);
}

/** Each respondent a card per question (once per question and person, however often it is entered). */
export async function queueQuestionCards(t: BoardContext, questions: readonly Question[]): Promise<NotifyReport> {
  const people = await directory(t);
  const report = emptyReport();
  for (const q of questions) {
    const person = q.respondent.personId ? people.get(q.respondent.personId) : undefined;
    if (!person) {
      reportNobody(report, q.id, q.respondent.label, people);
      continue;
    }
    const payload: Payload = { type: 'question', board: t.scope.board, questionId: q.id, personId: person.id };
    tally(report, person, await queueFor(t, person, questionOutboxId(t.scope, q.id, person.id), payload));
  }
  return recheckWaiting(t, report);
}

/** The delegate their own card for the action or question `recordId` (once per item and person). */
export async function queueDelegateCard(
  t: BoardContext,
  personId: string,
  payload: Payload,
  recordId: string,
): Promise<Queued | 'nobody'> {
  const person = (await t.stores.people.get(t.scope, personId))?.person;
  if (!person) return 'nobody';
  const report = emptyReport();
  tally(report, person, await queueFor(t, person, delegateOutboxId(t.scope, recordId, person.id), payload));
  await recheckWaiting(t, report);
  return report.waiting.length ? 'waiting' : report.toOwners ? 'queued' : 'already';
}
