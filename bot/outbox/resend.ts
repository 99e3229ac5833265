// `resend`: the secretariat (or the chair) sends again the cards of every open action and question
// of one person (theirs to reply to, or handed to them), or of one meeting. Each card goes through
// the one outbox under its own id: on its way to whoever is reachable, waiting for whoever is not;
// a card already on its way is counted, not sent twice.
import type { BoardContext } from '../services/board-context.ts';
import { findPerson } from '../services/people.ts';
import { formatUkDate } from '../rules/refs.ts';
import { isOpen } from '../rules/statuses.ts';
import type { Action, IsoDate, Person, Question } from '../rules/types.ts';
import { cardOutboxId, delegateOutboxId, questionOutboxId, type Payload } from './payload.ts';
import {
  directory,
  emptyReport,
  enqueue,
  recheckWaiting,
  reportNobody,
  tally,
  type NotifyReport,
  type Queued,
} from './queue.ts';
import { targetFor } from './reach.ts';

export type ResendWhat = { who: string } | { meeting: IsoDate };

/** One card to send again: to whom, under which outbox id, with what. */
interface Card {
  person: Person;
  id: string;
  payload: Payload;
}

/** Puts a card on its way again (or waiting for its person): a sent or failed one again, a new one once. */
async function sendAgain(t: BoardContext, { person, id, payload }: Card): Promise<Queued> {
  const target = targetFor(t.scope, person);
  if (await enqueue(t, id, target, payload)) return target.kind === 'waiting' ? 'waiting' : 'queued';
  for (let attempt = 1; attempt <= 5; attempt++) {
    const item = await t.stores.outbox.get(id);
    // Queued or in flight: on its way already, and not to be doubled.
    if (!item || item.state === 'queued' || item.state === 'inflight') return 'queued';
    if (item.state === 'waiting' && target.kind === 'waiting') return 'waiting';
    const moved = await t.stores.outbox.reopen(id, ['sent', 'failed', 'waiting'], target, t.now());
    if (moved) return moved.state === 'waiting' ? 'waiting' : 'queued';
  }
  return 'already';
}

/** The cards of these actions and questions: to each owner (or `only` them) and delegate. */
function cardsOf(
  t: BoardContext,
  people: ReadonlyMap<string, Person>,
  actions: readonly Action[],
  questions: readonly Question[],
  report: NotifyReport,
  only?: string,
): Card[] {
  const { board } = t.scope;
  const cards: Card[] = [];
  /** The card of `recordId` for whoever `who` names, under the id `idOf` gives for them. */
  const add = (
    who: { personId?: string; label: string },
    recordId: string,
    idOf: (personId: string) => string,
    payload: (p: Person) => Payload,
  ): void => {
    if (only && who.personId !== only) return;
    const person = who.personId ? people.get(who.personId) : undefined;
    if (person) cards.push({ person, id: idOf(person.id), payload: payload(person) });
    else reportNobody(report, recordId, who.label, people);
  };
  for (const a of actions) {
    const payload = (p: Person): Payload => ({ type: 'action', board, actionId: a.id, personId: p.id });
    for (const o of a.owners) add(o, a.id, (pid) => cardOutboxId(t.scope, a.id, pid), payload);
    if (a.delegate) add(a.delegate, a.id, (pid) => delegateOutboxId(t.scope, a.id, pid), payload);
  }
  for (const q of questions) {
    const payload = (p: Person): Payload => ({ type: 'question', board, questionId: q.id, personId: p.id });
    add(q.respondent, q.id, (pid) => questionOutboxId(t.scope, q.id, pid), payload);
    if (q.delegate) add(q.delegate, q.id, (pid) => delegateOutboxId(t.scope, q.id, pid), payload);
  }
  return cards;
}

/**
 * Sends again the open cards of a person (`who`: initials, a name, an alias or an email) or of a
 * meeting; `to` names whom they are for, for the report.
 */
export async function resendCards(t: BoardContext, what: ResendWhat): Promise<{ report: NotifyReport; to: string }> {
  const report = emptyReport();
  const people = await directory(t);
  let cards: Card[];
  let to: string;
  if ('who' in what) {
    const { person } = await findPerson(t, what.who);
    const [actions, questions] = await Promise.all([
      t.stores.actions.listOpenFor(t.scope, person.id),
      t.stores.questions.listOpenFor(t.scope, person.id),
    ]);
    cards = cardsOf(t, people, actions, questions, report, person.id);
    to = `${person.name} (${person.initials})`;
  } else {
    const [actions, questions] = await Promise.all([
      t.stores.actions.listForMeeting(t.scope, what.meeting),
      t.stores.questions.listForMeeting(t.scope, what.meeting),
    ]);
    cards = cardsOf(
      t,
      people,
      actions.filter((a) => isOpen(a.status)),
      questions.filter((q) => !q.closedOn),
      report,
    );
    to = `the owners and respondents of the meeting of ${formatUkDate(what.meeting)}`;
  }
  for (const card of cards) tally(report, card.person, await sendAgain(t, card));
  return { report: await recheckWaiting(t, report), to };
}
