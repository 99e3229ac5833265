// What the conversation answers with, and the few shapes of answer every handler uses.
import { messageCard, type AdaptiveCard, type Notice } from '../../cards/index.ts';
import type { IsoDate } from '../rules/types.ts';

export type Reply = { card: AdaptiveCard } | { text: string };

export interface CommandOutcome {
  /** Posted where the command was typed. */
  replies: Reply[];
  /** For the sender's 1:1 chat only: the answer to a command typed in a channel or group chat. */
  privately?: Reply[];
  /** Cards were queued for owners: the sender should run now. */
  queued: boolean;
  /** A meeting whose channel summary should be redrawn, because one of its actions changed. */
  changedMeeting?: IsoDate;
}

export interface CardOutcome {
  card: AdaptiveCard;
  /** A meeting whose channel summary should be redrawn, because one of its actions changed. */
  changedMeeting?: IsoDate;
  /** Cards were queued for owners: the sender should run now. */
  queued?: boolean;
}

/** What a card's button sent: the verb, and the data the card carried plus the inputs. */
export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  /** The request's own id (Teams activity id): a retried request is applied once. */
  requestId?: string;
}

export const cardReply = (c: AdaptiveCard): Reply => ({ card: c });

/** A message card as a reply: a title, a line or a few, and its tone. */
export const messageReply = (title: string, text: string, tone: Notice['tone'] | 'default' = 'default'): Reply =>
  cardReply(messageCard({ title, text, tone }));

/** A command's answer that queued nothing. */
export const answered = (...replies: Reply[]): CommandOutcome => ({ replies, queued: false });

/** A card button's answer when the card cannot be acted on as it is ("Not understood", "Not found"...). */
export const cardNotice = (title: string, text: string): CardOutcome => ({
  card: messageCard({ title, text, tone: 'attention' }),
});
