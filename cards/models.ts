// The view models the cards are drawn from: plain data, already in the words and formats the
// users read (dates 'dd/MM/yyyy', times 'dd/MM/yyyy HH:mm' in Europe/London, status labels).
// cards/ knows nothing of the bot or storage: whoever calls it formats, cards/ only lays out.
// Every string that came from a person (action text, notes, names, references) is shown as plain
// text: the renderers escape it, so callers pass it exactly as stored.

/** JSON as it goes on the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An expanded Adaptive Card (schema 1.5), ready to send as an attachment or an invoke response. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: JsonValue[];
  actions?: JsonValue[];
  refresh?: JsonObject;
  [key: string]: JsonValue | undefined;
}

export type Tone = 'good' | 'warning' | 'attention';

/** A line at the top of a card: the result of what the user just did, or why it was refused. */
export interface Notice {
  tone: Tone;
  text: string;
}

/** What identifies an action in a button's `data`. `version` is the version the card was drawn at. */
export interface ActionKey {
  actionId: string;
  /** The board's key (goes into button data). */
  board: string;
  version: number;
}

/** The statuses an owner can reply with (the choices of the reply form). */
export type ReplyStatus = 'in_progress' | 'completed' | 'blocked';

export interface ActionCardModel extends ActionKey {
  /** The board's display name; defaults to `board`. */
  boardName?: string;
  /** As the minutes write it: '04 14/03/2023.ii', '02.14/03/2023', 'N/A'. */
  ref: string;
  text: string;
  /** Owners' names (or the minutes' words for an unresolved owner: 'the Force'). */
  owners: string[];
  /** The meeting that raised the action, 'dd/MM/yyyy'. */
  meetingDate: string;
  /** 'dd/MM/yyyy'; absent: "by the next meeting". */
  due?: string;
  /** The status key ('in_progress'): selects the reply form's default. */
  status: string;
  /** The status as users read it ('In progress'). */
  statusLabel: string;
  overdue: boolean;
  latest?: {
    note?: string;
    /** Who gave it. */
    by: string;
    /** 'dd/MM/yyyy HH:mm'. */
    at: string;
  };
  /** The scrutiny question it arose from, as numbered ('Q1b, meeting of 27/04/2021'). */
  fromQuestion?: string;
  /** The colleague an owner handed it to ('Alex Wong (AW)'). */
  delegatedTo?: string;
  /** Present for an owner: the people it can be handed to (shows the Delegate form). */
  delegateChoices?: Array<{ title: string; value: string }>;
  /** Show "Take back" (the owner, chair or secretariat, on a delegated action). */
  canTakeBack?: boolean;
  /** Show the reply form (status, note, "Send update"). */
  canReply: boolean;
  /** The reply form's heading; default "Your update" ("Update on behalf of Jane Doe" for the chair). */
  replyTitle?: string;
  /** The note's limit, said on the input (the bot refuses a longer note, saying so); default 4000. */
  noteLimit?: number;
  /** Show "Reopen" (the chair, on a discharged action). */
  canReopen?: boolean;
  notice?: Notice;
  /**
   * What the user typed on a card that turned out stale: pre-fills the reply form so nothing is
   * lost. Draw such a card at the action's current `version`, so that sending again applies.
   */
  draft?: { status?: string; note?: string };
  /** Users whose Teams client refreshes this card (verb `action.view`); at most 60 are kept. */
  refreshUserIds?: string[];
}

export interface HistoryEntryView {
  /** 'dd/MM/yyyy HH:mm'. */
  at: string;
  /** Who made the change. */
  by: string;
  /** Through which channel ('Teams', 'CLI', 'Import'...). */
  via: string;
  /** What changed, one line each ('Status: Open → Completed'). */
  changes: string[];
  note?: string;
}

export interface HistoryCardModel extends ActionKey {
  boardName?: string;
  ref: string;
  text: string;
  /** Newest first. */
  entries: HistoryEntryView[];
  /** How many entries the action has in all, if more exist than `entries` holds. */
  total?: number;
  /** Opened from the chair's outstanding view: Back returns to it (else to the action card). */
  backTo?: 'outstanding';
}

export interface SummaryRowView {
  ref: string;
  owners: string[];
  statusLabel: string;
  /** The date of the last update, 'dd/MM/yyyy'; absent: none yet. */
  lastUpdate?: string;
  overdue?: boolean;
}

export interface CountView {
  label: string;
  value: number;
}

export interface SummaryCardModel {
  board: string;
  boardName?: string;
  /** The meeting's key as the bot reads it back from `summary.view` data (e.g. '2023-03-14'). */
  meeting: string;
  /** 'dd/MM/yyyy'. */
  meetingDate: string;
  /** Every action of the meeting; the card shows the first `limit`. */
  rows: SummaryRowView[];
  /** Default: the rows counted by status label, in order of first appearance. */
  counts?: CountView[];
  /** Rows shown at most; default 40. */
  limit?: number;
  /** 'dd/MM/yyyy HH:mm': when the flags were read, shown under the title. */
  asAt?: string;
  refreshUserIds?: string[];
}

/**
 * How many items are outstanding (still with their owners), completed awaiting the meeting, overdue,
 * waiting for a reply: as the papers count them (bot/rules/flags.ts shownCounts).
 */
export interface ItemCounts {
  outstanding: number;
  readyToDischarge: number;
  overdue: number;
  noReply: number;
}

export interface OutstandingItemView {
  actionId: string;
  version: number;
  ref: string;
  text: string;
  statusLabel: string;
  /** 'dd/MM/yyyy'; absent: "by the next meeting". */
  due?: string;
  overdue: boolean;
  /** No reply since the meeting that raised it. */
  noReply: boolean;
  /** Completed, awaiting the chair's discharge. */
  readyToDischarge: boolean;
  canDischarge: boolean;
  canCarryForward: boolean;
  /** The due date a carry forward proposes, 'yyyy-MM-dd' (the next meeting's); absent: none known. */
  carryForwardTo?: string;
  /** The colleague an owner handed it to ('Alex Wong (AW)'). */
  delegatedTo?: string;
  /** Its latest update, as the action card shows it. */
  latest?: { note?: string; by: string; at: string };
  /** Whether its owner was chased before the next meeting, and what came of it ('Chased 30/04/2025, no reply yet'). */
  chased?: string;
}

export interface OutstandingGroupView {
  /** The owner's name: the group's heading. */
  owner: string;
  items: OutstandingItemView[];
}

export type OutstandingCounts = ItemCounts;

export interface OutstandingCardModel {
  board: string;
  boardName?: string;
  /** 'dd/MM/yyyy HH:mm', shown under the title. */
  asAt?: string;
  groups: OutstandingGroupView[];
  /** Counted by the bot (bot/rules/flags.ts), each action once however many groups it is in. */
  counts: OutstandingCounts;
  /** The open scrutiny questions' counts, shown on a line of their own when given. */
  questionCounts?: ItemCounts;
  /** Items shown at most; default 25 (fewer if the card would pass 40 KB). */
  limit?: number;
  notice?: Notice;
  refreshUserIds?: string[];
}

export interface MessageCardModel {
  title: string;
  text: string;
  tone?: 'default' | Tone;
  facts?: Array<{ title: string; value: string }>;
  /**
   * The text is the bot's own Adaptive Card markdown (help): shown as written. Otherwise (the
   * default) it is escaped like any user text. Title and facts are always escaped.
   */
  markdown?: boolean;
}

export interface ListRowView {
  title: string;
  subtitle?: string;
  flag?: string;
  /** The flag's colour; default accent. */
  flagTone?: Tone;
}

export interface ListCardModel {
  title: string;
  intro?: string;
  rows: ListRowView[];
  /** Rows the caller left out; added to any the card itself cannot fit. */
  more?: number;
}

/** One action (or scrutiny question) on the pre-meeting digest card. */
export interface DigestItemView {
  /** As the minutes write it: '04 14/03/2023.ii', 'Q3b'. */
  ref: string;
  text: string;
  /** As the papers name them: 'Jane Doe (JD)', 'the Force'. */
  owners: string[];
  /** The status and what the digest proposes: 'Completed — propose discharge'. */
  status: string;
  /** The status line's colour; default plain. */
  statusTone?: Tone;
  /** 'dd/MM/yyyy'; shown with the status when given. */
  due?: string;
  /** Lines under the item ('No reply since the meeting'), each in its tone. */
  flags?: Array<{ text: string; tone: Tone }>;
}

export interface DigestGroupView {
  /** 'Actions from 14/03/2023', 'Scrutiny questions'. */
  title: string;
  items: DigestItemView[];
}

export interface DigestCardCounts {
  actions: ItemCounts;
  /** Shown on a line of their own when given (the digest lists questions). */
  questions?: ItemCounts;
}

export interface DigestCardModel {
  board: string;
  boardName?: string;
  /** The meeting the digest is for, 'dd/MM/yyyy'. */
  meetingDate: string;
  /** 'HH:mm'. */
  meetingTime?: string;
  location?: string;
  /** The month's performance focus ('R&R'). */
  focus?: string;
  deepDive?: string;
  /** When it was compiled, 'dd/MM/yyyy HH:mm'. */
  asAt?: string;
  counts: DigestCardCounts;
  groups: DigestGroupView[];
  /** Items shown at most; default 30 (fewer if the card would pass 40 KB), then "and N more". */
  limit?: number;
  /** Where the Word action log is: adds an "Open the Word action log" button. */
  documentUrl?: string;
  /** Where the open minutes (Word, for publication) of a meeting are: adds a button to them. */
  openMinutes?: { url: string; /** 'dd/MM/yyyy' */ meetingDate: string };
}

/** One action on a chaser card, with its own reply inputs. */
export interface ChaseItemView extends ActionKey {
  /**
   * The item's place in the chase (1, 2, ...): names its inputs (`status_<slot>`, `note_<slot>`), so
   * a redrawn card keeps what was typed into each item. Unique on a card, at most 9999.
   */
  slot: number;
  /** As the minutes write it: '04 14/03/2023.ii'. */
  ref: string;
  text: string;
  /** The status key ('in_progress'): selects the item's reply default. */
  status: string;
  statusLabel: string;
  /** 'dd/MM/yyyy'; absent: "by the next meeting". */
  due?: string;
  overdue: boolean;
  /** The latest update, if any: who gave it and when ('dd/MM/yyyy HH:mm'). */
  latest?: { note?: string; by: string; at: string };
  /** Show this item's reply inputs and its "Send update" button. */
  canReply: boolean;
  /** What the user had typed into this item, kept when the card is redrawn. */
  draft?: { status?: string; note?: string };
}

/** The chaser: an owner's actions that have had no reply since the last meeting, one card. */
export interface ChaseCardModel {
  board: string;
  boardName?: string;
  /** The meeting the chase is for, as the bot reads it back from the buttons' data ('2025-05-13'). */
  meeting: string;
  /** The same meeting, 'dd/MM/yyyy'. */
  meetingDate: string;
  /** The bot's own words above the list (shown as plain text). */
  intro: string;
  items: ChaseItemView[];
  /** The notes' limit, said on each note input; default 4000. */
  noteLimit?: number;
  notice?: Notice;
  /** Items shown at most; default 25 (fewer if the card would pass 40 KB), then "and N more". */
  limit?: number;
}
