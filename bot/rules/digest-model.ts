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
  latestUpdate?: { text: string; by: string; /** 'dd/MM/yyyy' */ date: string };
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
}

export interface DigestGroup {
  /** As the minutes group them: the meeting that raised the items ('Actions from 14/03/2023'). */
  title: string;
  meeting?: IsoDate;
  items: DigestItem[];
}

/** Actions and questions apart, as at the day the digest reads its flags (its meeting's, if earlier than today). */
export type DigestCounts = BoardCounts;

export interface Digest {
  board: string;
  /** The meeting the digest is for. */
  meeting: {
    date: IsoDate;
    /** 'dd/MM/yyyy' */
    dateText: string;
    time?: string;
    location?: string;
    focus?: string;
    deepDive?: string;
  };
  /** The meeting before it, whose actions are reviewed. */
  previousMeeting?: IsoDate;
  compiledAt: IsoInstant;
  counts: DigestCounts;
  groups: DigestGroup[];
}
