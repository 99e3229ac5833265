// The records the tracker keeps: plain data shared by storage, the rules and the services.
// They live here because storage must not import from bot/; bot/tracker/types.ts re-exports them.
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
}

/** One owner of an action: the words the minutes used, and the person they resolved to, if any. */
export interface Owner {
  label: string;
  personId?: string;
}

export type Status =
  | 'open'
  | 'in_progress'
  | 'blocked'
  | 'completed'
  | 'carried_forward'
  | 'standing'
  | 'discharged';

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
  createdAt: IsoInstant;
  updatedAt: IsoInstant;
  /** Goes up by one with every change; a card drawn at version N is stale once it is N+1. */
  version: number;
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
  field: 'status' | 'text' | 'owners' | 'due' | 'note' | 'outcome' | 'ref';
  from?: string;
  to?: string;
}

export interface HistoryEntry {
  actionId: string;
  /** The version of the action this change produced (set by storage). */
  version?: number;
  at: IsoInstant;
  by: string;
  byName: string;
  channel: Channel;
  kind: 'created' | 'updated';
  changes: FieldChange[];
  note?: string;
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
}
