// The pre-meeting digest ("Action Log" for the papers), as one plain model. compileDigest builds
// it from the board's records; the card, Word, Markdown and CSV renderers only lay it out.
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

export interface DigestItem {
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
  overdue: boolean;
  noReply: boolean;
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

export interface DigestCounts {
  open: number;
  awaitingDischarge: number;
  overdue: number;
  noReply: number;
  questions: number;
}

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
