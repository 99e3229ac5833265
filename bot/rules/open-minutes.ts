// The open minutes: the published form of a meeting's minutes, from what the minutes import stored
// (the meeting, its attendees, apologies and items with what the minutes say under them; the
// actions it reviewed and raised; the questions answered at it). Every item is listed; an exempt
// item is reduced to its number, its heading and its exemption, as are exempt actions and
// questions (their reference and exemption).
// The review of the previous meeting's actions and the questions are the action log's own items
// (compileDigest, in its open form), so both papers say the same thing the same way. Pure.
import { format } from 'date-fns/format';
import { compileDigest } from './digest.ts';
import type { Digest } from './digest-model.ts';
import { exemptUnder, openForm } from './exempt.ts';
import { actionLabel } from './minutes-plan.ts';
import { questionDigestItem, questionOrder } from './questions.ts';
import { formatRef, formatUkDate, minutesOrder } from './refs.ts';
import type {
  Action,
  DiscussionParagraph,
  IsoDate,
  ItemDiscussion,
  Meeting,
  MeetingItem,
  MeetingPerson,
  Person,
  Question,
} from './types.ts';

export interface OpenMinutesItem {
  /** As minuted: '02.21/07/2020'. */
  number: string;
  title: string;
  /** An exempt item: 'Exempt under FOIA s.31 (Law Enforcement)', and nothing of it but its number and heading. */
  withheld?: string;
  /** Item 01: the previous meeting's minutes and the review of its actions. */
  review?: boolean;
  /** The item the scrutiny questions were answered under. */
  questions?: boolean;
  /** What the minutes say under it, in their words (never an exempt item's). */
  paragraphs?: DiscussionParagraph[];
  /** Where among them the review or the questions go, as minuted (after them all when absent). */
  papersAt?: number;
}

export interface OpenMinutesAction {
  /** '04 14/03/2023.i', 'N/A'. */
  ref: string;
  /** As the Actions Arising table writes it: 'JD - Circulate ...', 'SCL to present ...'. */
  text: string;
  withheld?: string;
}

export interface OpenMinutes {
  board: string;
  meeting: {
    date: IsoDate;
    /** 'dd/MM/yyyy' */
    dateText: string;
    /** 'Tuesday 21/07/2020'. */
    dayText: string;
    /** '10:00 to 10:45'. */
    time?: string;
    location?: string;
    chair?: string;
    minuteTaker?: string;
  };
  attendees: Array<{ name: string; capacity?: string; dialIn: boolean }>;
  apologies: Array<{ name: string; capacity?: string; representative?: string }>;
  items: OpenMinutesItem[];
  /** 'dd/MM/yyyy': the meeting whose minutes this one approved. */
  previousMeeting?: string;
  /** The actions reviewed and the questions answered, as the open action log has them. */
  papers: Digest;
  actionsArising: OpenMinutesAction[];
  nextMeeting?: { dayText: string; time?: string };
  /** Who signs the formal approval: the chair and, from 2021, the Chief Constable ('Name, capacity'). */
  approvals: string[];
}

export interface OpenMinutesInput {
  board: string;
  meeting: IsoDate;
  meetings: readonly Meeting[];
  actions: readonly Action[];
  questions: readonly Question[];
  /** The discussions of the meeting's open items, by item number (an exempt item's are never given). */
  discussions: ReadonlyMap<string, ItemDiscussion>;
  people: ReadonlyMap<string, Person>;
  now: Date;
}

/** 'Tuesday 21/07/2020'. */
function dayText(date: IsoDate): string {
  return `${format(new Date(`${date}T12:00:00Z`), 'EEEE')} ${formatUkDate(date)}`;
}

// The Chief Constable's approval is printed on minutes from 2021, as the minutes themselves do.
const CHIEF_CONSTABLE_SIGNS_FROM = '2021-01-01';
const CHIEF_CONSTABLE = /^chief constable\b/i;
const SCRUTINY = /scrutiny/i;

/** 'Philip Seccombe, Police and Crime Commissioner for Warwickshire': a name with the capacity minuted for it. */
function withCapacity(who: MeetingPerson, m: Meeting, people: ReadonlyMap<string, Person>): string {
  const minuted = m.attendees?.find((a) => a.name === who.name)?.capacity;
  const capacity = minuted ?? (who.personId ? people.get(who.personId)?.capacity : undefined);
  return capacity ? `${who.name}, ${capacity}` : who.name;
}

function approvals(m: Meeting, people: ReadonlyMap<string, Person>): string[] {
  const out = [m.chair ? withCapacity(m.chair, m, people) : 'Chair'];
  if (m.date >= CHIEF_CONSTABLE_SIGNS_FROM) {
    const cc = [...(m.attendees ?? []), ...(m.apologies ?? [])].find((p) => CHIEF_CONSTABLE.test(p.capacity ?? ''));
    out.push(cc ? `${cc.name}, ${cc.capacity ?? ''}` : 'Chief Constable');
  }
  return out;
}

function items(m: Meeting, hasQuestions: boolean, discussions: ReadonlyMap<string, ItemDiscussion>): OpenMinutesItem[] {
  const list = m.items ?? [];
  // Under the item the minutes had them under; else item 01, and the first item about scrutiny.
  const minuted = (kind: 'review' | 'questions'): MeetingItem | undefined =>
    list.find((i) => !i.exemption && discussions.get(i.number)?.papers?.kind === kind);
  const reviewUnder = minuted('review') ?? list.find((i) => i.number.startsWith('01'));
  const questionsUnder = hasQuestions
    ? (minuted('questions') ?? list.find((i) => !i.exemption && SCRUTINY.test(i.title)))
    : undefined;
  return list.map((i) => {
    // An exempt item: its number, heading and exemption, whatever discussion is found for it.
    if (i.exemption) return { number: i.number, title: i.title, withheld: exemptUnder(i.exemption) };
    const d = discussions.get(i.number);
    return {
      number: i.number,
      title: i.title,
      ...(i === reviewUnder ? { review: true } : {}),
      ...(i === questionsUnder ? { questions: true } : {}),
      ...(d && d.paragraphs.length > 0 ? { paragraphs: d.paragraphs } : {}),
      ...(d?.papers ? { papersAt: d.papers.at } : {}),
    };
  });
}

function arising(a: Action): OpenMinutesAction {
  const ref = formatRef(a.ref);
  if (a.exempt) return { ref, text: '', withheld: exemptUnder(a.exempt.exemption) };
  // The minutes' own wording, whole: the reference is its own column.
  return { ref, text: actionLabel({ ref: '', ownerText: a.ownerText, ownerForm: a.ownerForm, text: a.text }).trim() };
}

/** Whether the tracker holds the minutes of this meeting (the import stores who came and what was discussed). */
export function hasMinutes(m: Meeting | undefined): boolean {
  return Boolean(m && ((m.attendees?.length ?? 0) > 0 || (m.items?.length ?? 0) > 0));
}

/** The latest meeting on or before `date` whose minutes the tracker holds: the minutes a digest can link to. */
export function latestMinutes(meetings: readonly Meeting[], date: IsoDate): IsoDate | undefined {
  return meetings
    .filter((m) => m.date <= date && hasMinutes(m))
    .map((m) => m.date)
    .sort()
    .at(-1);
}

export function compileOpenMinutes(input: OpenMinutesInput): OpenMinutes {
  const m = input.meetings.find((x) => x.date === input.meeting) ?? { date: input.meeting };
  const asked = input.questions
    .filter((q) => q.meeting === input.meeting)
    .sort(questionOrder)
    .map((q) => questionDigestItem(q, input.people, input.meeting));
  // As at the meeting: the papers of a meeting held, whenever they are drawn.
  const papers = openForm(
    compileDigest({
      board: input.board,
      actions: input.actions,
      questions: asked,
      people: input.people,
      meetings: input.meetings,
      meeting: input.meeting,
      now: input.now,
    }),
  );
  const next = m.next ? input.meetings.find((x) => x.date === m.next) : undefined;
  const time = m.time && m.end ? `${m.time} to ${m.end}` : m.time;
  return {
    board: input.board,
    meeting: {
      date: m.date,
      dateText: formatUkDate(m.date),
      dayText: dayText(m.date),
      ...(time ? { time } : {}),
      ...(m.location ? { location: m.location } : {}),
      ...(m.chair ? { chair: withCapacity(m.chair, m, input.people) } : {}),
      ...(m.minuteTaker ? { minuteTaker: m.minuteTaker.name } : {}),
    },
    attendees: (m.attendees ?? []).map((a) => ({
      name: a.name,
      ...(a.capacity ? { capacity: a.capacity } : {}),
      dialIn: a.dialIn,
    })),
    apologies: (m.apologies ?? []).map((a) => ({
      name: a.name,
      ...(a.capacity ? { capacity: a.capacity } : {}),
      ...(a.representative ? { representative: a.representative.name } : {}),
    })),
    items: items(m, asked.length > 0, input.discussions),
    ...(m.previous ? { previousMeeting: formatUkDate(m.previous) } : {}),
    papers,
    actionsArising: input.actions
      .filter((a) => a.meeting === input.meeting)
      .sort(minutesOrder)
      .map(arising),
    ...(m.next ? { nextMeeting: { dayText: dayText(m.next), ...(next?.time ? { time: next.time } : {}) } } : {}),
    approvals: approvals(m, input.people),
  };
}
