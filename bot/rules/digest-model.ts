// The pre-meeting digest ("Action Log" for the papers), as one plain model. compileDigest builds
// it from the board's records; the card, Word, Markdown and CSV renderers only lay it out.
import type { BoardCounts, Flags } from './flags.ts';
import type { IsoDate, IsoInstant, Status } from './types.ts';

/** What the digest proposes the meeting does with an item. */
export type Proposal =
  | 'propose discharge'
  | 'standing item'
  | 'no reply since the meeting'
  | 'overdue'
  | 'in progress'
  | 'carried forward'
  | 'discharged';

/** The latest update on an item, credited to whoever it is from. */
export interface DigestUpdate {
  text: string;
  /** Who it is from: the owner (respondent) or delegate who gave it, or the owners when typed for them. */
  from: string;
  /** Who typed it for them (the secretariat, the chair), when that was someone else. */
  enteredBy?: string;
  /** 'dd/MM/yyyy' */
  date: string;
}

/** An item with its flags (flags.ts): the counts are counted from them. */
export interface DigestItem extends Flags {
  kind: 'action' | 'question';
  /** The action's (or question's) id. */
  id: string;
  /** As the minutes write it: '04 14/03/2023.ii', 'Q3b'. */
  ref: string;
  text: string;
  /** Owners as the papers name them: 'Jane Doe (JD)', or the minutes' words ('the Force'). */
  owners: string[];
  latestUpdate?: DigestUpdate;
  /** What the minutes recorded at its review, in full ('Completed', 'Updated to: - July ...'). */
  outcome?: string;
  status: Status;
  statusLabel: string;
  /** 'dd/MM/yyyy' */
  due?: string;
  proposal: Proposal;
  /**
   * Exempt from publication: who may read it (directory ids of its owners and delegate; the chair,
   * secretariat and scrutiny lead always may), and how to name it when they may not.
   */
  exempt?: { exemption: string; ownerLabel: string; viewers: string[] };
  /**
   * In the open form (exempt.ts openForm): the item is exempt and is shown as its reference and
   * these words ('Exempt under FOIA s.31 (law enforcement)'), nothing else.
   */
  withheld?: string;
}

export interface DigestGroup {
  /** As the minutes group them: the meeting that raised the items ('Actions from 14/03/2023'). */
  title: string;
  meeting?: IsoDate;
  items: DigestItem[];
}

/** Actions and questions apart, as at the day the digest reads its flags (its meeting's, if earlier than today). */
export type DigestCounts = BoardCounts;

/** A meeting as the papers name it. */
export interface DigestMeeting {
  date: IsoDate;
  /** 'dd/MM/yyyy' */
  dateText: string;
  time?: string;
  location?: string;
  focus?: string;
  deepDive?: string;
}

export interface Digest {
  board: string;
  /** 'full': everything, for the meeting (restricted); 'open': for publication, exempt items withheld. */
  form: 'full' | 'open';
  /** The meeting the digest is for. */
  meeting: DigestMeeting;
  /** The meeting after it, when the calendar has one: its focus and deep dive are for planning. */
  nextMeeting?: DigestMeeting;
  /** The meeting before it, whose actions are reviewed. */
  previousMeeting?: IsoDate;
  compiledAt: IsoInstant;
  counts: DigestCounts;
  groups: DigestGroup[];
}
