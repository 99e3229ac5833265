// The records the tracker keeps: plain data, importing nothing. They sit between the two layers
// so that neither crosses: storage persists them without importing bot/, and the rules reason about
// them without importing storage/ (bot/rules/types.ts re-exports them for the bot).
// Dates are ISO calendar dates ('2023-03-14'); instants are ISO UTC strings. Display
// formatting (dd/MM/yyyy, Europe/London) happens at the edges.

/** Every record belongs to one tenant (a Microsoft 365 tenant id) and one board ('PAM'). */
export interface Scope {
  tenant: string;
  board: string;
}

/** A calendar date, 'yyyy-MM-dd'. */
export type IsoDate = string;
/** An instant, ISO 8601 in UTC ('2023-03-14T10:00:00.000Z'). */
export type IsoInstant = string;

/**
 * A reference as the minutes write it.
 * - `numbered`: `NN.dd/MM/yyyy`, the NNth action of that meeting;
 * - `item`:     `NN dd/MM/yyyy.r`, an action arising from item NN, `sub` a lower-case roman numeral;
 * - `none`:     `N/A`, an action not tied to an item.
 */
export type ActionRef =
  | { shape: 'numbered'; meeting: IsoDate; number: number; sub?: string }
  | { shape: 'item'; meeting: IsoDate; number: number; sub?: string }
  | { shape: 'none' };

export type Role = 'chair' | 'secretariat' | 'scrutiny' | 'member';

export interface Person {
  id: string;
  name: string;
  capacity?: string;
  /** Initials as the minutes use them, upper case ('SCL'). */
  initials: string;
  /** Other ways the minutes write this person ('DJ', 'Supt Okafor', 'the Force'). */
  aliases: string[];
  email?: string;
  role: Role;
  /** Microsoft Entra object id, once the person has been seen in Teams. */
  aadObjectId?: string;
  /** Their Teams user id for this app ('29:...'), as Teams last showed it: who a card refreshes for. */
  teamsUserId?: string;
  /**
   * Other Teams accounts that came with this person's email while they were linked: refused, and
   * kept (the latest few) so the secretariat sees them. Only the secretariat changes a link.
   */
  refusedLinks?: RefusedLink[];
}

/** A Teams account refused as a directory person already linked to another account. */
export interface RefusedLink {
  aadObjectId: string;
  /** Its Teams display name, as Teams gave it (empty if it could not be kept as text). */
  name: string;
  /** When it was first refused. */
  at: IsoInstant;
}

/** One owner of an action: the words the minutes used, and the person they resolved to, if any. */
export interface Owner {
  label: string;
  personId?: string;
}

export type Status = 'open' | 'in_progress' | 'blocked' | 'completed' | 'carried_forward' | 'standing' | 'discharged';

export type Channel = 'teams' | 'cli' | 'import' | 'tab' | 'scheduler';

export interface Action {
  id: string;
  ref: ActionRef;
  /** The meeting that raised the action (for `N/A` references, the meeting it was entered against). */
  meeting: IsoDate;
  owners: Owner[];
  /** The owner phrase exactly as written ('Supt Okafor / OPCC lead (AW)'). */
  ownerText: string;
  /** Whether the minutes wrote `XX - text` (prefix) or `XX to text` (subject). */
  ownerForm: 'prefix' | 'subject';
  text: string;
  due?: IsoDate;
  status: Status;
  /** The latest progress note and when it was given. */
  latestNote?: string;
  latestNoteAt?: IsoInstant;
  latestNoteBy?: string;
  /** When an owner (or someone for them) last replied: what "no reply since the meeting" reads. */
  repliedAt?: IsoInstant;
  /** The day it was discharged: the meeting that discharged it, when that is known. */
  closedOn?: IsoDate;
  /** The outcome the minutes recorded at review ('Completed', 'Updated to: ...'). */
  outcome?: string;
  /** The scrutiny question this action arose from (its id), when it was raised from one. */
  questionId?: string;
  /** Handed by an owner to a colleague, who may reply; the owners stay accountable. */
  delegate?: Delegation;
  /** Exempt from publication: its text is shown only to those entitled (bot/rules/exempt.ts). */
  exempt?: Exemption;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  /** Goes up by one with every change; a card drawn at version N is stale once it is N+1. */
  version: number;
}

/** Marked exempt from publication by the chair or the secretariat. */
export interface Exemption {
  /** The exemption's name, as the open minutes cite it: 'FOIA s.31 (law enforcement)'. */
  exemption: string;
  by: string;
  at: IsoInstant;
}

/** An owner handed the item to a directory person, who may reply for them. */
export interface Delegation {
  personId: string;
  /** The delegate's initials, as the digest shows them ('SR (delegated to AB)'). */
  label: string;
  /** The person id of the owner who delegated. */
  byPersonId: string;
}

/** Who did something, for permission checks and the history. */
export interface Actor {
  /** A directory person id, or a label for non-people ('cli:alice', 'import'). */
  id: string;
  name: string;
  role?: Role;
  personId?: string;
  channel: Channel;
}

export interface FieldChange {
  field: 'status' | 'text' | 'owners' | 'due' | 'note' | 'outcome' | 'ref' | 'delegate' | 'exempt';
  from?: string;
  to?: string;
}

/** What every history entry records, whatever record it belongs to. */
export interface HistoryBase {
  /** The version of the record this change produced (set by storage). */
  version?: number;
  at: IsoInstant;
  by: string;
  byName: string;
  channel: Channel;
  kind: 'created' | 'updated';
  note?: string;
}

export interface HistoryEntry extends HistoryBase {
  actionId: string;
  changes: FieldChange[];
}

export interface Meeting {
  date: IsoDate;
  /** 'HH:mm', Europe/London. */
  time?: string;
  location?: string;
  next?: IsoDate;
  /** The month's performance focus as the minutes write it: 'R&R', 'E&E', 'P&P Q1'. */
  focus?: string;
  /** The deep-dive topic ('Repeat Victims'). */
  deepDive?: string;
  /** How the deep dive was set: a topic set by hand is never replaced by the minutes unsaid. */
  deepDiveSet?: DeepDiveSource;
  /** 'HH:mm', Europe/London: when the meeting ended, as minuted. */
  end?: string;
  /** The chair's name as minuted, and the person it resolved to. */
  chair?: MeetingPerson;
  minuteTaker?: MeetingPerson;
  /** The meeting whose minutes this one approved. */
  previous?: IsoDate;
  attendees?: MeetingAttendee[];
  apologies?: MeetingApology[];
  /** The items for discussion, numbered as the minutes number them. */
  items?: MeetingItem[];
}

/** Someone the minutes name, as written, and the directory person it resolved to (never guessed). */
export interface MeetingPerson {
  name: string;
  personId?: string;
}

export interface MeetingAttendee extends MeetingPerson {
  capacity?: string;
  dialIn: boolean;
}

export interface MeetingApology extends MeetingPerson {
  capacity?: string;
  /** Who came in their place, as written ('Supt Okafor'). */
  representative?: MeetingPerson;
}

export interface MeetingItem {
  /** As written: '05.14/03/2023'. */
  number: string;
  title: string;
  /** The exemption's name when the item is exempt from publication: 'FOIA s.31 (Law Enforcement)'. */
  exemption?: string;
}

/** A paragraph of an item's discussion as minuted, with the list label Word draws before it ('•', 'ii.'). */
export interface DiscussionParagraph {
  text: string;
  label?: string;
}

/**
 * What the minutes say under an item, in their own words: its Item column's paragraphs, less its
 * title and exemption line and what the review of actions and the questions took (those are
 * printed from their own records). Kept apart from the meeting's row (storage/discussions.ts).
 */
export interface ItemDiscussion {
  paragraphs: DiscussionParagraph[];
  /** The review of actions or the questions minuted under the item, and before which of its paragraphs. */
  papers?: { kind: 'review' | 'questions'; at: number };
}

/** Who set a deep dive, when, and how: by hand (the chat, the CLI) or from a meeting's minutes. */
export interface DeepDiveSource {
  how: 'hand' | 'minutes';
  by: string;
  at: IsoInstant;
  /** The meeting whose minutes set it. */
  minutes?: IsoDate;
}

/** One month of the Schedule of Deep Dive Subjects, kept whether or not that month's meeting is in the calendar. */
export interface DeepDiveMonth {
  /** 'yyyy-MM'. */
  month: string;
  /** As Meeting.focus: 'R&R', 'P&P Q1'. */
  focus?: string;
  /** Absent for 'Nil'. */
  topic?: string;
  set: DeepDiveSource;
}

/** Where a scrutiny question stands: the respondent's answer, then the meeting's view of it. */
export type QuestionState = 'awaiting' | 'partly_answered' | 'answered' | 'carried_forward';

/** A numbered question the scrutiny lead puts to the force before a meeting ('Q1b'). */
export interface Question {
  /** `{meeting}.{number}`, e.g. '2021-04-27.q1b': one question a number a meeting. */
  id: string;
  /** As the scrutiny report writes it: 'Q1', 'Q1b', 'Q3a/Q3b'. */
  number: string;
  /** The meeting the question is for. */
  meeting: IsoDate;
  theme?: string;
  text: string;
  /** Who answers for the force: resolved like an action's owner. */
  respondent: Owner;
  due?: IsoDate;
  state: QuestionState;
  /** A response being written: kept so a long answer is never lost, not yet a response. */
  draft?: string;
  draftAt?: IsoInstant;
  /** The written response as submitted, line breaks kept. */
  response?: string;
  respondedAt?: IsoInstant;
  respondedBy?: string;
  /** The day the chair or secretariat marked it answered: it leaves the open list. */
  closedOn?: IsoDate;
  /** Actions raised from this question. */
  actionIds: string[];
  /** Handed by the respondent to a colleague, who may answer; the respondent stays accountable. */
  delegate?: Delegation;
  exempt?: Exemption;
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  version: number;
}

export interface QuestionHistoryEntry extends HistoryBase {
  questionId: string;
  /** 'state', 'text', 'respondent', 'due', 'theme', 'draft', 'response', 'action'. */
  changes: Array<{ field: string; from?: string; to?: string }>;
}

/** A change to a versioned record: the next state and the history entry that explains it (the rules make it, storage writes it). */
export interface Change<T, H> {
  next: T;
  history: H;
}

export type ActionChange = Change<Action, HistoryEntry>;
export type QuestionChange = Change<Question, QuestionHistoryEntry>;
