// The meeting as its minutes record it: time, place, chair, minute taker, the meeting approved,
// attendees, apologies and items, written as ONE change of the meeting's row, then what the minutes
// say under each item (rows of their own, an exempt item's apart); the previous meeting put in the
// calendar (its next meeting this one), and the next meeting added.
import { assertDiscussionFits, type Discussions, type MeetingDiscussions } from '../../../storage/discussions.ts';
import { StorageLimitError } from '../../../storage/limits.ts';
import { assertMeetingFits } from '../../../storage/meetings.ts';
import type { AgendaItem, Apology, Attendee } from '../../minutes/record.ts';
import { keptLine } from '../../rules/limits.ts';
import {
  canonical,
  describeChanges,
  discussionChange,
  discussionSize,
  exemptionName,
  fieldChanges,
  itemOf,
} from '../../rules/minutes-plan.ts';
import { formatUkDate } from '../../rules/refs.ts';
import { RefusedError } from '../../rules/refused.ts';
import type {
  ItemDiscussion,
  Meeting,
  MeetingApology,
  MeetingAttendee,
  MeetingItem,
  MeetingPerson,
} from '../../rules/types.ts';
import { changeMeeting, isMeetingTime, saveMeeting } from '../meetings.ts';
import type { PlannedRecord, PlannedSection } from './import.ts';
import { guarded, personLabel, personOf, remember, section, type MinutesRun } from './run.ts';

/** An entry of one of the meeting's lists, or that entry's error. */
type Entry<T> = { value: T; label: string; warnings: string[] } | { error: PlannedRecord };

/** Each entry of a list the minutes give, checked and resolved on its own: a bad one is its error, the rest go on. */
function entries<S, T>(list: readonly S[], labelOf: (s: S) => string, read: (s: S) => Entry<T>): Entry<T>[] {
  return list.map((s) => {
    try {
      return read(s);
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      return { error: { result: 'error', label: labelOf(s), detail: err.message, warnings: [] } };
    }
  });
}

const line = (what: string, value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : keptLine(what, value);

function attendee(run: MinutesRun, a: Attendee): Entry<MeetingAttendee> {
  const { person, warnings } = personOf(run, keptLine("an attendee's name", a.name));
  const capacity = line(`${a.name}'s capacity`, a.capacity);
  const value: MeetingAttendee = { ...person, ...(capacity ? { capacity } : {}), dialIn: a.dialIn };
  const label = [personLabel(run, person), capacity, a.dialIn ? 'dialled in' : undefined].filter(Boolean).join(', ');
  return { value, label, warnings };
}

function apology(run: MinutesRun, a: Apology): Entry<MeetingApology> {
  const { person, warnings } = personOf(run, keptLine('a name in the apologies', a.name));
  const capacity = line(`${a.name}'s capacity`, a.capacity);
  const rep = a.representative ? personOf(run, keptLine(`${a.name}'s representative`, a.representative)) : undefined;
  const value: MeetingApology = {
    ...person,
    ...(capacity ? { capacity } : {}),
    ...(rep ? { representative: rep.person } : {}),
  };
  const label = [
    personLabel(run, person),
    capacity,
    rep ? `represented by ${personLabel(run, rep.person)}` : 'no representative',
  ]
    .filter(Boolean)
    .join(', ');
  return { value, label, warnings: [...warnings, ...(rep?.warnings ?? [])] };
}

/** An item as the minutes give it: what the meeting's row keeps, and its discussion, kept in rows of its own. */
type MinutedItem = MeetingItem & { discussion?: ItemDiscussion };

/** The discussion, when it can be stored; else said, and the one stored stays (the item is kept). */
function storable(
  run: MinutesRun,
  number: string,
  d: ItemDiscussion,
  stored: ItemDiscussion | undefined,
  warnings: string[],
): ItemDiscussion | undefined {
  try {
    assertDiscussionFits(run.t.scope, run.meeting, number, d);
    return d;
  } catch (err) {
    if (!(err instanceof StorageLimitError)) throw err;
    warnings.push(`${err.message}: not kept`);
    return stored;
  }
}

function item(run: MinutesRun, i: AgendaItem, stored: MeetingDiscussions): Entry<MinutedItem> {
  const number = keptLine("an item's number", i.number);
  const of = itemOf(number);
  if (!of) throw new RefusedError(`"${number}" is not an item number (NN.dd/MM/yyyy)`);
  const title = keptLine(`the title of item ${number}`, i.title);
  const exemption = i.exempt ? keptLine(`the exemption of item ${number}`, exemptionName(i.exempt)) : undefined;
  const warnings =
    of.meeting === run.meeting ? [] : [`item ${number} names the meeting of ${formatUkDate(of.meeting)}, not this one`];
  if (exemption && of.meeting === run.meeting) run.exemptItems.set(of.number, exemption);
  const kept = stored.open.get(number) ?? stored.withheld.get(number);
  const discussion = i.discussion ? storable(run, number, i.discussion, kept, warnings) : undefined;
  return {
    value: { number, title, ...(exemption ? { exemption } : {}), ...(discussion ? { discussion } : {}) },
    label: `${number} ${title}${exemption ? ` (exempt: ${exemption})` : ''}${discussion ? `; ${discussionSize(discussion)}` : ''}`,
    warnings,
  };
}

/** A change field by field: 'title "A" -> "B"'. */
function describeFields<T extends object>(was: T, now: T): string {
  const changed = fieldChanges(was, now, Object.keys({ ...was, ...now }) as Array<keyof T & string>, (_f, v) =>
    v === undefined ? undefined : typeof v === 'object' ? ((v as MeetingPerson).name ?? canonical(v)) : String(v),
  );
  return describeChanges(changed);
}

/** An item's change: its fields, then its discussion in a short line (never the prose itself). */
function describeItem(was: MinutedItem, now: MinutedItem): string {
  const { discussion: before, ...wasItem } = was;
  const { discussion: after, ...nowItem } = now;
  const fields = canonical(wasItem) === canonical(nowItem) ? '' : describeFields(wasItem, nowItem);
  const exempt = Boolean(was.exemption ?? now.exemption);
  return [fields, discussionChange(before, after, exempt)].filter(Boolean).join('; ');
}

/** Each entry against the list stored: added, changed, the same; and those the minutes no longer have. */
function listRecords<T extends object>(
  read: Entry<T>[],
  stored: readonly T[] | undefined,
  key: (t: T) => string,
  labelOf: (t: T) => string,
  describe: (was: T, now: T) => string = describeFields,
): PlannedRecord[] {
  const before = new Map((stored ?? []).map((s) => [key(s), s]));
  const records = read.map((e): PlannedRecord => {
    if ('error' in e) return e.error;
    const was = before.get(key(e.value));
    before.delete(key(e.value));
    if (!was) return { result: 'add', label: e.label, warnings: e.warnings };
    if (canonical(was) === canonical(e.value)) return { result: 'unchanged', label: e.label, warnings: e.warnings };
    return { result: 'update', label: e.label, detail: describe(was, e.value), warnings: e.warnings };
  });
  for (const gone of before.values())
    records.push({ result: 'update', label: labelOf(gone), detail: 'not in these minutes: taken off', warnings: [] });
  return records;
}

const kept = <T>(read: Entry<T>[]): T[] => read.flatMap((e) => ('error' in e ? [] : [e.value]));
const nameKey = (p: { name: string }): string => p.name.toLowerCase();

/** A time as the minutes give it, kept only when it reads as one (else said, and left out). */
function time(what: string, value: string | undefined, warnings: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (isMeetingTime(value)) return value;
  warnings.push(`the ${what} "${value}" is not a time (HH:mm): not kept`);
  return undefined;
}

/** The meeting, its attendees, apologies and items: four sections, one write. */
export async function meetingSections(run: MinutesRun): Promise<PlannedSection[]> {
  const { record } = run;
  const details = record.meeting;
  const attendees = entries(
    record.attendees,
    (a) => a.name,
    (a) => attendee(run, a),
  );
  const apologies = entries(
    record.apologies,
    (a) => a.name,
    (a) => apology(run, a),
  );
  const storedDiscussions = await run.t.stores.discussions.list(run.t.scope, run.meeting);
  const items = entries(
    record.items,
    (i) => i.number,
    (i) => item(run, i, storedDiscussions),
  );

  const warnings: string[] = [];
  const optional = <T>(what: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      warnings.push(`${what}: ${err.message}; not kept`);
      return undefined;
    }
  };
  const chair = details.chair
    ? optional('the chair', () => personOf(run, keptLine('the chair', details.chair ?? '')))
    : undefined;
  warnings.push(...(chair?.warnings ?? []));
  // The minute taker is often a team ('OPCC Secretariat'), not a person to look for in the directory.
  const minuteTaker = details.minuteTaker
    ? optional('the minute taker', () => personOf(run, keptLine('the minute taker', details.minuteTaker ?? ''), false))
    : undefined;
  const location = optional('the location', () => line('the location', details.location));
  const previous =
    details.previousMeeting && details.previousMeeting < run.meeting ? details.previousMeeting : undefined;
  if (details.previousMeeting && !previous)
    warnings.push(`the meeting approved (${formatUkDate(details.previousMeeting)}) is not before this one: not kept`);
  const given: Meeting = {
    date: run.meeting,
    ...optionalField('time', time('start time', details.start, warnings)),
    ...optionalField('end', time('end time', details.end, warnings)),
    ...optionalField('location', location),
    ...optionalField('chair', chair?.person),
    ...optionalField('minuteTaker', minuteTaker?.person),
    ...optionalField('previous', previous),
    ...(record.attendees.length ? { attendees: kept(attendees) } : {}),
    ...(record.apologies.length ? { apologies: kept(apologies) } : {}),
    ...(record.items.length ? { items: kept(items).map(({ discussion: _d, ...i }) => i) } : {}),
  };

  const stored = (await run.t.stores.meetings.get(run.t.scope, run.meeting))?.meeting;
  const storedItems = stored?.items?.map((i): MinutedItem => {
    const discussion = (i.exemption ? storedDiscussions.withheld : storedDiscussions.open).get(i.number);
    return { ...i, ...(discussion ? { discussion } : {}) };
  });
  const merged: Meeting = { ...stored, ...given };
  const label = meetingLabel(run, merged);
  const meetingRecord = await guarded(label, async () => {
    assertMeetingFits(run.t.scope, merged);
    const changes = fieldChanges(
      stored,
      given,
      ['time', 'end', 'location', 'chair', 'minuteTaker', 'previous', 'attendees', 'apologies', 'items'],
      (field, v) => {
        if (v === undefined) return undefined;
        if (field === 'previous') return formatUkDate(String(v));
        if (Array.isArray(v)) return undefined; // each entry's change is in its own section
        return typeof v === 'object' ? (v as MeetingPerson).name : String(v);
      },
    );
    if (stored && changes.length === 0) return { result: 'unchanged', label, warnings };
    if (!run.dryRun) {
      const written = await changeMeeting(run.t, run.meeting, (current) => ({ ...current, ...given }));
      if (written.meeting) remember(run, written.meeting);
    }
    return stored
      ? { result: 'update', label, detail: describeChanges(changes), warnings }
      : { result: 'add', label, warnings };
  });
  if (run.dryRun) remember(run, merged);
  // Not written, then none of its lists is: each of their records says why.
  const failed = meetingRecord.result === 'error';
  const orFailed = (records: PlannedRecord[]): PlannedRecord[] =>
    failed
      ? records.map((r) => (r.result === 'error' ? r : { ...r, result: 'error', detail: meetingRecord.detail ?? '' }))
      : records;

  const itemRecords = orFailed(
    listRecords(
      items,
      storedItems,
      (i) => i.number,
      (i) => `${i.number} ${i.title}`,
      describeItem,
    ),
  );
  if (!failed && !run.dryRun && record.items.length > 0)
    await writeDiscussions(run, kept(items), storedDiscussions, itemRecords);

  const meetingRecords = [meetingRecord];
  if (previous) meetingRecords.push(await previousMeeting(run, previous));
  return [
    section('meeting', 'Meeting', 1, meetingRecords),
    section(
      'attendees',
      'Attendees',
      record.attendees.length,
      orFailed(listRecords(attendees, stored?.attendees, nameKey, (a) => personLabel(run, a))),
    ),
    section(
      'apologies',
      'Apologies',
      record.apologies.length,
      orFailed(listRecords(apologies, stored?.apologies, nameKey, (a) => personLabel(run, a))),
    ),
    section('items', 'Items for discussion', record.items.length, itemRecords),
  ];
}

const byNumber = (m: Discussions): Record<string, ItemDiscussion> => Object.fromEntries(m);

/**
 * The items' discussions, written after the meeting's row: an exempt item's apart from the open
 * ones (the open minutes print an item's only while its row says it is not exempt, and only from
 * the open rows). Not written, the items whose discussion changed say why.
 */
async function writeDiscussions(
  run: MinutesRun,
  items: readonly MinutedItem[],
  stored: MeetingDiscussions,
  records: PlannedRecord[],
): Promise<void> {
  const next = { open: new Map<string, ItemDiscussion>(), withheld: new Map<string, ItemDiscussion>() };
  for (const i of items) if (i.discussion) (i.exemption ? next.withheld : next.open).set(i.number, i.discussion);
  const same = (a: MeetingDiscussions, b: MeetingDiscussions): boolean =>
    canonical(byNumber(a.open)) === canonical(byNumber(b.open)) &&
    canonical(byNumber(a.withheld)) === canonical(byNumber(b.withheld));
  if (same(stored, next)) return;
  try {
    await run.t.stores.discussions.replace(run.t.scope, run.meeting, next);
  } catch (err) {
    if (!(err instanceof StorageLimitError)) throw err;
    for (const r of records)
      if (r.result === 'add' || r.result === 'update')
        Object.assign(r, { result: 'error', detail: `its discussion was not stored: ${err.message}` });
  }
}

function optionalField<K extends keyof Meeting>(key: K, value: Meeting[K] | undefined): Partial<Meeting> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Meeting>);
}

function meetingLabel(run: MinutesRun, m: Meeting): string {
  const when = [m.time && m.end ? `${m.time}-${m.end}` : m.time, m.location].filter(Boolean).join(', ');
  const who = [
    m.chair ? `chair ${personLabel(run, m.chair)}` : undefined,
    m.minuteTaker ? `minutes by ${m.minuteTaker.name}` : undefined,
  ].filter(Boolean);
  return [`Meeting of ${formatUkDate(m.date)}${when ? `, ${when}` : ''}`, ...who].join('; ');
}

/** The meeting whose minutes this one approved: in the calendar, with this meeting as its next. */
async function previousMeeting(run: MinutesRun, date: string): Promise<PlannedRecord> {
  const label = `Previous meeting ${formatUkDate(date)}`;
  return guarded(label, async () => {
    const stored = run.calendar.find((m) => m.date === date);
    if (stored?.next === run.meeting) return { result: 'unchanged', label, warnings: [] };
    if (stored?.next)
      return {
        result: 'kept',
        label,
        detail: `its next meeting is ${formatUkDate(stored.next)} in the calendar; the minutes approve it at ${formatUkDate(run.meeting)}`,
        warnings: [],
      };
    const next: Meeting = { ...(stored ?? { date }), next: run.meeting };
    if (!run.dryRun) {
      const { meeting } = await changeMeeting(run.t, date, (current) =>
        current?.next ? null : { ...(current ?? { date }), next: run.meeting },
      );
      remember(run, meeting ?? next);
    } else remember(run, next);
    // "next meeting 14/03/2023" under "Previous meeting 14/02/2023" read as a third meeting: say which.
    const detail = `followed by this meeting, ${formatUkDate(run.meeting)}`;
    return stored
      ? { result: 'update', label, detail: `now ${detail}`, warnings: [] }
      : { result: 'add', label, detail, warnings: [] };
  });
}

/** The next meeting the minutes name: this meeting's next, in the calendar with its time. */
export async function nextMeetingSection(run: MinutesRun): Promise<PlannedSection> {
  const next = run.record.nextMeeting;
  if (!next) return section('next-meeting', 'Next meeting', 0, []);
  const label = `Next meeting ${formatUkDate(next.date)}${next.time ? ` at ${next.time}` : ''}`;
  const record = await guarded(label, async () => {
    if (next.date <= run.meeting)
      throw new RefusedError(`the next meeting (${formatUkDate(next.date)}) must come after this one`);
    const warnings: string[] = [];
    const at = time('next meeting time', next.time, warnings);
    const stored = run.calendar.find((m) => m.date === next.date);
    const changes = [
      ...(run.calendar.find((m) => m.date === run.meeting)?.next !== next.date
        ? [{ field: `the meeting of ${formatUkDate(run.meeting)}: next`, to: formatUkDate(next.date) }]
        : []),
      ...fieldChanges(stored, { date: next.date, ...(at ? { time: at } : {}) }, ['time']),
    ];
    if (stored && changes.length === 0) return { result: 'unchanged', label, warnings };
    const planned: Meeting = { ...(stored ?? {}), date: next.date, ...(at ? { time: at } : {}) };
    if (!run.dryRun) {
      remember(run, (await saveMeeting(run.t, { date: run.meeting, next: next.date })).meeting);
      remember(run, (await saveMeeting(run.t, { date: next.date, ...(at ? { time: at } : {}) })).meeting);
    } else {
      const current = run.calendar.find((m) => m.date === run.meeting);
      remember(run, { ...(current ?? { date: run.meeting }), next: next.date });
      remember(run, planned);
    }
    return stored
      ? { result: 'update', label, detail: describeChanges(changes), warnings }
      : { result: 'add', label, warnings };
  });
  return section('next-meeting', 'Next meeting', 1, [record]);
}
