// Who gets which card, queued in the outbox: each owner a card for each action they own (once per
// action and person, however often it is imported), and the board's channel one summary a meeting.
// People the bot cannot reach are reported, never silently skipped.
import type { OutboxTarget } from '../../storage/outbox.ts';
import type { Action, IsoDate, Person, Question } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

/** What the sender renders at send time, from the data as it is then. */
export type Payload =
  | { type: 'action'; board: string; actionId: string; personId: string }
  | { type: 'summary'; board: string; meeting: IsoDate }
  /** The pre-meeting digest: to a person's 1:1 chat (`personId`), or to the board's channel. */
  | { type: 'digest'; board: string; meeting: IsoDate; personId?: string }
  /**
   * A chaser: one card listing the person's actions that have had no reply since the last meeting.
   * `actionIds` are the actions the scheduler chased, in order (absent: worked out at send time).
   */
  | { type: 'chase'; board: string; meeting: IsoDate; personId: string; actionIds?: string[] }
  /** A scrutiny question's card, to its respondent. */
  | { type: 'question'; board: string; questionId: string; personId: string };

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

export const payloadOf = (text: string): Payload => JSON.parse(text) as Payload;

export async function queueActionCards(t: BoardContext, actions: readonly Action[]): Promise<NotifyReport> {
  const { tenant, board } = t.scope;
  const people = new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
  const report: NotifyReport = { queued: 0, toOwners: 0, alreadySent: 0, unreachable: [] };
  const now = t.now();
  const queue = async (id: string, target: OutboxTarget, payload: Payload): Promise<void> => {
    if (await t.stores.outbox.enqueue({ id, target, payload: JSON.stringify(payload) }, now)) {
      report.queued++;
      if (payload.type === 'action') report.toOwners++;
    } else {
      report.alreadySent++;
    }
  };

  for (const action of actions) {
    for (const owner of action.owners) {
      const person: Person | undefined = owner.personId ? people.get(owner.personId) : undefined;
      if (!person) {
        report.unreachable.push({ actionId: action.id, owner: owner.label, reason: 'not in the directory' });
      } else if (!person.aadObjectId) {
        report.unreachable.push({
          actionId: action.id,
          owner: person.name,
          reason: 'not yet reachable in Teams (add them to the board’s team, or ask them to install the app)',
        });
      } else {
        await queue(
          `card|${tenant}|${board}|${action.id}|${person.id}`,
          { kind: 'person', tenant, aadObjectId: person.aadObjectId },
          {
            type: 'action',
            board,
            actionId: action.id,
            personId: person.id,
          },
        );
      }
    }
  }

  const channel = await t.stores.conversations.forBoard(tenant, board);
  if (channel) {
    for (const meeting of new Set(actions.map((a) => a.meeting))) {
      await queue(
        `summary|${tenant}|${board}|${meeting}`,
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
  const people = new Map((await t.stores.people.list(t.scope)).map((p) => [p.person.id, p.person]));
  const report: NotifyReport = { queued: 0, toOwners: 0, alreadySent: 0, unreachable: [] };
  for (const q of questions) {
    const person = q.respondent.personId ? people.get(q.respondent.personId) : undefined;
    if (!person) {
      report.unreachable.push({ actionId: q.id, owner: q.respondent.label, reason: 'not in the directory' });
    } else if (!person.aadObjectId) {
      report.unreachable.push({
        actionId: q.id,
        owner: person.name,
        reason: 'not yet reachable in Teams (add them to the board’s team, or ask them to install the app)',
      });
    } else {
      const payload: Payload = { type: 'question', board, questionId: q.id, personId: person.id };
      const item = {
        id: `question|${tenant}|${board}|${q.id}|${person.id}`,
        target: { kind: 'person' as const, tenant, aadObjectId: person.aadObjectId },
        payload: JSON.stringify(payload),
      };
      if (await t.stores.outbox.enqueue(item, t.now())) {
        report.queued++;
        report.toOwners++;
      } else {
        report.alreadySent++;
      }
    }
  }
  return report;
}
