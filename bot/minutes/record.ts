// What reading the minutes finds, before anything is matched to the store: people and owners as
// the minutes write them (resolved against the directory when the import is planned), dates ISO,
// times 24-hour. Every section is optional; what could not be placed is listed, never dropped.
import type { IsoDate, ItemDiscussion, Status } from '../rules/types.ts';
import type { SetAsideLine } from './document.ts';

export type MinutesSection =
  | 'meeting'
  | 'attendees'
  | 'apologies'
  | 'items'
  | 'review'
  | 'questions'
  | 'exempt'
  | 'actions'
  | 'deep-dives'
  | 'next-meeting';

export interface MeetingDetails {
  date?: IsoDate;
  /** 'HH:mm', Europe/London. */
  start?: string;
  end?: string;
  location?: string;
  /** The chair's name ('Morgan Hale'), without the capacity written after it. */
  chair?: string;
  minuteTaker?: string;
  /** The meeting whose minutes this meeting approved, when the minutes say ('dated 14th February 2023'). */
  previousMeeting?: IsoDate;
}

export interface Attendee {
  name: string;
  capacity?: string;
  dialIn: boolean;
}

export interface Apology {
  name: string;
  capacity?: string;
  /** Who came in their place, as written ('Supt Okafor'); absent for 'Nil' or an empty cell. */
  representative?: string;
}

export interface AgendaItem {
  /** As written: '05.14/03/2023'. */
  number: string;
  title: string;
  /** The exemption line under the item ('Exempt FOIA under Section S.31 (Law Enforcement)'). */
  exempt?: { text: string; section?: string; reason?: string };
  /** What the minutes say under it (an exempt item's too: the import keeps that apart). */
  discussion?: ItemDiscussion;
}

/** A row of the review of the previous meeting's actions. */
export interface ReviewedAction {
  /** The reference as written ('02.14/02/2023'); absent for a roman-numeral row with none. */
  ref?: string;
  /** The meeting the action was raised at (from the reference, else the previous meeting). */
  meeting?: IsoDate;
  /** The owner phrase as written ('Supt Okafor / OPCC lead (AW)'); '' when none is minuted. */
  ownersAsWritten: string;
  /** Owner labels to resolve, as split from ownersAsWritten (['Supt Okafor', 'AW']). */
  owners: string[];
  ownerForm?: 'prefix' | 'subject';
  text: string;
  /** The outcome as minuted, in full ('Completed', 'Updated to: - March - ...'). */
  outcome?: string;
  /** The items of an 'Updated to:' list, one each. */
  updatedTo?: string[];
  /** The meeting's decision ('Discharged', 'Standing item', ...). */
  status?: Status;
}

/** A scrutiny question as minuted, with the answer given at the meeting. */
export interface MinutedQuestion {
  /** The agenda item it was asked under. */
  item?: string;
  /** 'Q1', 'Q1b', 'Q3a/Q3b' (parts answered together are one question). */
  number: string;
  theme?: string;
  text: string;
  /** The parts of a question asked together ('Q3a', 'Q3b'), each with its own text. */
  parts?: Array<{ number: string; text: string }>;
  /** The respondent as written: the initials that open the answer ('SCL', 'DJ'), or a name. */
  respondent?: string;
  /** The answer given at the meeting, a line a paragraph (as a written response keeps them). */
  answer?: string;
}

/** A row of the Actions Arising table. */
export interface ArisingAction {
  /** The reference as written ('04 14/03/2023.i', 'N/A'). */
  ref: string;
  ownersAsWritten: string;
  owners: string[];
  ownerForm: 'prefix' | 'subject';
  text: string;
  /** A date written into the task ('... by 28/03/2023') or in a column of its own. */
  due?: IsoDate;
  /** From a Status or Outcome column, when the table has one. */
  status?: Status;
  outcome?: string;
}

/** An action written in an agenda item's Action column ('SCL: - i. Consider ...'). */
export interface ItemColumnAction {
  item: string;
  numeral?: string;
  ownersAsWritten: string;
  owners: string[];
  text: string;
  /** The Actions Arising row that is the same action, by its reference as written. */
  sameAs?: string;
}

/** A row of the Schedule of Deep Dive Subjects. */
export interface ScheduledDeepDive {
  /** 'yyyy-MM': the PAM month, its year carried down from the rows that have one. */
  month: string;
  /** 'R&R', 'E&E', 'P&P'. */
  focus?: string;
  /** 'Q1'..'Q4'. */
  quarter?: string;
  /** Absent for 'Nil'. */
  topic?: string;
}

/** Something in the minutes that no section could take, and why: shown in the preview. */
export interface Unplaced {
  section: MinutesSection;
  text: string;
  why: string;
}

export interface MinutesRecord {
  meeting: MeetingDetails;
  attendees: Attendee[];
  apologies: Apology[];
  items: AgendaItem[];
  reviewed: ReviewedAction[];
  /** The agenda item the scrutiny questions were asked under, and who put them ('TE'). */
  questionsItem?: string;
  questionsPutBy?: string;
  questions: MinutedQuestion[];
  actionsArising: ArisingAction[];
  itemColumnActions: ItemColumnAction[];
  deepDives: ScheduledDeepDive[];
  nextMeeting?: { date: IsoDate; time?: string };
  unplaced: Unplaced[];
  /** Lines of a copy read as its artefacts, not content (a page number), as the document set them aside. */
  setAside?: SetAsideLine[];
}
