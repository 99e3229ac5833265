// Who gets which card, queued in the outbox: each owner a card for each action they own (once per
// action and person, however often it is imported), the board's channel one summary a meeting,
// respondents their questions, delegates what was handed to them. People the bot cannot reach are
// reported, never silently skipped.
import type { OutboxTarget } from '../../storage/outbox.ts';
import type { BoardContext } from '../services/board-context.ts';
import type { Action, Person, Question } from '../rules/types.ts';
import { cardOutboxId, delegateOutboxId, questionOutboxId, summaryOutboxId, type Payload } from './payload.ts';
import { unassignedReason } from '../rules/owners.ts';
import { NOT_REACHABLE, REACH_ADVICE, reachOf } from './reach.ts';

export interface Unreachable {
  actionId: string;
  owner: string;
  reason: string;
}

export interface NotifyReport {
  /** Items put in the outbox now (owners' cards and channel summaries). */
  queued: number;
  /** Of those, the cards to owners. */
  toOwners: number;
  alreadySent: number;
  unreachable: Unreachable[];
}

/** Puts one item in the outbox; false when an item of that id was already there. */
export function enqueue(t: BoardContext, id: string, target: OutboxTarget, payload: Payload): Promise<boolean> {
  return t.stores.outbox.enqueue({ id, target, payload: JSON.stringify(payload) }, t.now());
}

/** The reason a report gives for someone the bot cannot send to, with what to do when there is something. */
const told = (reason: string): string => (reason === NOT_REACHABLE ? `${reason} (${REACH_ADVICE})` : reason);

/** Why an owner (or respondent) gets no card: their words name nobody for sure, or the person cannot be reached. */
function whyNot(
  owner: { label: string; personId?: string },
  people: ReadonlyMap<string, Person>,
  reason: string,
): string {
  return owner.personId ? told(reason) : unassignedReason(owner.label, [...people.values()]);
}

async function directory(t: BoardContext): Promise<Map<string, Person>> {
  return new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
}

export async function queueActionCards(t: BoardContext, actions: readonly Action[]): Promise<NotifyReport> {
  const { tenant, board } = t.scope;
  const people = await directory(t);
  const report: NotifyReport = { queued: 0, toOwners: 0, alreadySent: 0, unreachable: [] };
  const queue = async (id: string, target: OutboxTarget, payload: Payload): Promise<void> => {
    if (await enqueue(t, id, target, payload)) {
      report.queued++;
      if (payload.type === 'action') report.toOwners++;
    } else {
      report.alreadySent++;
    }
  };

  for (const action of actions) {
    for (const owner of action.owners) {
      const person = owner.personId ? people.get(owner.personId) : undefined;
      const reach = reachOf(tenant, person);
      if (!reach.ok) {
        report.unreachable.push({
          actionId: action.id,
          owner: person?.name ?? owner.label,
          reason: whyNot(owner, people, reach.reason),
        });
      } else if (person) {
        await queue(cardOutboxId(t.scope, action.id, person.id), reach.target, {
          type: 'action',
          board,
          actionId: action.id,
          personId: person.id,
        });
      }
    }
  }

  const channel = await t.stores.conversations.forBoard(tenant, board);
  if (channel) {
    for (const meeting of new Set(actions.map((a) => a.meeting))) {
      await queue(
        summaryOutboxId(t.scope, meeting),
        { kind: 'conversation', tenant, conversationId: channel.id },
        { type: 'summary', board, meeting },
      );
    }
  }
  return report;
}

/** Each respondent a card per question (once per question and person, however often it is entered). */
export async function queueQuestionCards(t: BoardContext, questions: readonly Question[]): Promise<NotifyReport> {
  const { tenant, board } = t.scope;
  const people = await directory(t);
  const report: NotifyReport = { queued: 0, toOwners: 0, alreadySent: 0, unreachable: [] };
  for (const q of questions) {
    const person = q.respondent.personId ? people.get(q.respondent.personId) : undefined;
    const reach = reachOf(tenant, person);
    if (!reach.ok) {
      report.unreachable.push({
        actionId: q.id,
        owner: person?.name ?? q.respondent.label,
        reason: whyNot(q.respondent, people, reach.reason),
      });
    } else if (person) {
      const payload: Payload = { type: 'question', board, questionId: q.id, personId: person.id };
      if (await enqueue(t, questionOutboxId(t.scope, q.id, person.id), reach.target, payload)) {
        report.queued++;
        report.toOwners++;
      } else {
        report.alreadySent++;
      }
    }
  }
  return report;
}

/** The delegate their own card for the action or question (once per item and person). */
export async function queueDelegateCard(
  t: BoardContext,
  personId: string,
  payload: Payload,
  recordId: string,
): Promise<void> {
  const person = (await t.stores.people.get(t.scope, personId))?.person;
  const reach = reachOf(t.scope.tenant, person);
  // Unreachable: shown on the owner's card as delegated; the card goes once they are seen in Teams.
  if (!reach.ok || !person) return;
  await enqueue(t, delegateOutboxId(t.scope, recordId, person.id), reach.target, payload);
}
