// What an outbox item carries and what it is called. The payload names the record, never a card:
// the sender renders it at send time, from the data as it is then. The id is stable, made here
// alone, so enqueueing the same item again (a second import, a second scheduler) queues nothing.
import type { IsoDate, Scope } from '../rules/types.ts';

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

export const payloadOf = (text: string): Payload => JSON.parse(text) as Payload;

/** What an outbox item is, the first part of its id. */
export const OUTBOX_KINDS = ['card', 'question', 'delegate', 'summary', 'chase', 'digest'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

const idOf = (kind: OutboxKind, scope: Scope, ...rest: string[]): string =>
  [kind, scope.tenant, scope.board, ...rest].join('|');

/** The kind an outbox id names (for telemetry: it says what was sent, never to whom). */
export const outboxKindOf = (id: string): string => id.split('|', 1)[0] ?? '';

/** An owner's card for an action (once per action and person). */
export const cardOutboxId = (scope: Scope, actionId: string, personId: string): string =>
  idOf('card', scope, actionId, personId);
/** A respondent's card for a question. */
export const questionOutboxId = (scope: Scope, questionId: string, personId: string): string =>
  idOf('question', scope, questionId, personId);
/** The card a delegate gets for the action or question `recordId`. */
export const delegateOutboxId = (scope: Scope, recordId: string, personId: string): string =>
  idOf('delegate', scope, recordId, personId);
/** A meeting's summary in the board's channel (redrawn in place where it was posted). */
export const summaryOutboxId = (scope: Scope, meeting: IsoDate): string => idOf('summary', scope, meeting);
export const chaseOutboxId = (scope: Scope, meeting: IsoDate, personId: string): string =>
  idOf('chase', scope, meeting, personId);
/** `to`: a person's id, or 'channel'. */
export const digestOutboxId = (scope: Scope, meeting: IsoDate, to: string): string =>
  idOf('digest', scope, meeting, to);
