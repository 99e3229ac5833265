// The pre-meeting digest: what the papers' action log shows, compiled from the board's records.
// Pure: the records, the meeting and the clock in, the Digest (digest-model.ts) out.
//
// What goes in: every action raised at an earlier meeting that is still open, plus those
// discharged since the previous meeting (so the papers show what the last meeting closed), i.e.
// "the actions open at the last meeting or raised since". Actions raised at the digest's own
// meeting, or later, are not in it.
//
// What the digest proposes, the first rule that applies winning:
//   1. discharged                 -> 'discharged'
//   2. completed                  -> 'propose discharge'   (the owner says done: the meeting decides)
//   3. standing                   -> 'standing item'
//   4. overdue                    -> 'overdue'             (past its due date, see flags.ts)
//   5. no reply since the meeting -> 'no reply since the meeting'
//   6. carried forward            -> 'carried forward'
//   7. otherwise                  -> 'in progress'
// Overdue comes before no reply: an action past its date is the stronger thing to raise, and its
// noReply flag stays on the item either way.
import { creditUpdate } from './credit.ts';
import { formatLondonDate, londonToday } from './dates.ts';
import type { Digest, DigestGroup, DigestItem, DigestMeeting, Proposal } from './digest-model.ts';
import { actionFlags, countFlags, type Flags } from './flags.ts';
import { dueFor } from './meetings.ts';
import { formatRef, formatUkDate, minutesOrder } from './refs.ts';
import { isOpen, STATUS_LABEL } from './statuses.ts';
import type { Action, IsoDate, Meeting, Person } from './types.ts';

export interface DigestInput {
  board: string;
  actions: readonly Action[];
  people: ReadonlyMap<string, Person>;
  meetings: readonly Meeting[];
  /** The meeting the digest is for. */
  meeting: IsoDate;
  now: Date;
  /** Scrutiny questions, already as items (kind 'question'): appended as their own group and counted. */
  questions?: readonly DigestItem[];
}

export const QUESTIONS_GROUP = 'Scrutiny questions';

/** The latest meeting in the calendar before `date`. */
export function meetingBefore(meetings: readonly Meeting[], date: IsoDate): IsoDate | undefined {
  return meetings
    .filter((m) => m.date < date)
    .map((m) => m.date)
    .sort()
    .at(-1);
}

/** Whether the digest for a meeting whose previous meeting was `previous` lists `a`. */
export function inDigest(a: Action, meeting: IsoDate, previous: IsoDate | undefined): boolean {
  if (a.meeting >= meeting) return false;
  if (isOpen(a.status)) return true;
  // Discharged: shown when it was closed at (or after) the previous meeting. With no previous
  // meeting in the calendar nothing has been reviewed, so nothing discharged is shown.
  return previous !== undefined && (a.closedOn ?? londonToday(new Date(a.updatedAt))) >= previous;
}

function digestMeeting(date: IsoDate, m: Meeting | undefined): DigestMeeting {
  return {
    date,
    dateText: formatUkDate(date),
    ...(m?.time ? { time: m.time } : {}),
    ...(m?.location ? { location: m.location } : {}),
    ...(m?.focus ? { focus: m.focus } : {}),
    ...(m?.deepDive ? { deepDive: m.deepDive } : {}),
  };
}

export function proposalFor(a: Pick<Action, 'status'>, flags: { overdue: boolean; noReply: boolean }): Proposal {
  if (a.status === 'discharged') return 'discharged';
  if (a.status === 'completed') return 'propose discharge';
  if (a.status === 'standing') return 'standing item';
  if (flags.overdue) return 'overdue';
  if (flags.noReply) return 'no reply since the meeting';
  if (a.status === 'carried_forward') return 'carried forward';
  return 'in progress';
}

/** 'Jane Doe (JD)' for an owner found in the directory, else the minutes' words; each person once. */
export function ownerNames(a: Action, people: ReadonlyMap<string, Person>): string[] {
  const names: string[] = [];
  for (const o of a.owners) {
    const p = o.personId ? people.get(o.personId) : undefined;
    const plainName = p ? (p.initials ? `${p.name} (${p.initials})` : p.name) : o.label;
    // The owner who handed it on stays accountable: the papers name both.
    const name =
      a.delegate && o.personId === a.delegate.byPersonId
        ? `${plainName} (delegated to ${a.delegate.label})`
        : plainName;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Who gives an action's updates: its owners and delegate, by directory name and as the minutes wrote them. */
function updateGivers(a: Action, people: ReadonlyMap<string, Person>): string[] {
  const named = (id: string | undefined): string[] => {
    const p = id ? people.get(id) : undefined;
    return p ? [p.name] : [];
  };
  return [
    ...a.owners.flatMap((o) => [o.label, ...named(o.personId)]),
    ...(a.delegate ? [a.delegate.label, ...named(a.delegate.personId)] : []),
  ];
}

/** The owners by name, each once: whom an update typed in for them is from. */
function ownersPlain(a: Action, people: ReadonlyMap<string, Person>): string {
  const names = a.owners.map((o) => (o.personId ? people.get(o.personId)?.name : undefined) ?? o.label);
  return [...new Set(names)].join(' / ');
}

/** The people (besides the chair, secretariat and scrutiny lead) who may read an exempt action. */
function exemptViewers(a: Action): string[] {
  return [...a.owners.flatMap((o) => (o.personId ? [o.personId] : [])), ...(a.delegate ? [a.delegate.personId] : [])];
}

function digestItem(
  a: Action,
  people: ReadonlyMap<string, Person>,
  meetings: readonly Meeting[],
  today: IsoDate,
): DigestItem {
  const flags: Flags = actionFlags(a, meetings, today);
  const note = a.latestNote?.trim() ? a.latestNote : undefined;
  return {
    kind: 'action',
    id: a.id,
    ref: formatRef(a.ref),
    text: a.text,
    owners: ownerNames(a, people),
    ...(note !== undefined
      ? {
          latestUpdate: {
            text: note,
            ...creditUpdate(a.latestNoteBy, updateGivers(a, people), ownersPlain(a, people)),
            date: formatLondonDate(a.latestNoteAt ?? a.updatedAt),
          },
        }
      : {}),
    ...(a.outcome?.trim() ? { outcome: a.outcome } : {}),
    status: a.status,
    statusLabel: STATUS_LABEL[a.status],
    ...(a.due ? { due: formatUkDate(a.due) } : {}),
    ...flags,
    proposal: proposalFor(a, flags),
    ...(a.exempt
      ? { exempt: { exemption: a.exempt.exemption, ownerLabel: a.ownerText, viewers: exemptViewers(a) } }
      : {}),
  };
}

export function compileDigest(input: DigestInput): Digest {
  const { meeting } = input;
  const previous = meetingBefore(input.meetings, meeting);
  // The digest speaks as of its meeting: compiled later (papers redrawn afterwards) it still
  // reads the flags as they stood on the day; compiled earlier, as they stand today.
  const londonNow = londonToday(input.now);
  const today = londonNow < meeting ? londonNow : meeting;
  // The digest's own meeting (and any later one) has not reviewed anything yet: "no reply since
  // the meeting" means since the one before it, so the flags see only the earlier calendar.
  const calendar = input.meetings.filter((m) => m.date < meeting);

  const byMeeting = new Map<IsoDate, Action[]>();
  for (const a of input.actions) {
    if (!inDigest(a, meeting, previous)) continue;
    const list = byMeeting.get(a.meeting) ?? [];
    list.push(a);
    byMeeting.set(a.meeting, list);
  }
  const groups: DigestGroup[] = [...byMeeting.keys()].sort().map((raised) => ({
    title: `Actions from ${formatUkDate(raised)}`,
    meeting: raised,
    items: (byMeeting.get(raised) ?? []).sort(minutesOrder).map((a) => digestItem(a, input.people, calendar, today)),
  }));
  if (input.questions && input.questions.length > 0)
    groups.push({ title: QUESTIONS_GROUP, items: [...input.questions] });

  const m = input.meetings.find((x) => x.date === meeting);
  // The meeting after it: the one it names as next, else the next in the calendar (as an action's due date).
  const nextDate = dueFor(input.meetings, meeting);
  return {
    board: input.board,
    form: 'full',
    meeting: digestMeeting(meeting, m),
    ...(nextDate
      ? {
          nextMeeting: digestMeeting(
            nextDate,
            input.meetings.find((x) => x.date === nextDate),
          ),
        }
      : {}),
    ...(previous ? { previousMeeting: previous } : {}),
    compiledAt: input.now.toISOString(),
    counts: countFlags(
      groups.flatMap((g) => g.items),
      today,
    ),
    groups,
  };
}
