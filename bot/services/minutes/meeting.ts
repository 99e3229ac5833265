// The meeting as its minutes record it: time, place, chair, minute taker, the meeting approved,
// attendees, apologies and items, written as ONE change of the meeting's row; the previous
// meeting put in the calendar (its next meeting this one), and the next meeting added.
import { assertMeetingFits } from '../../../storage/meetings.ts';
import type { AgendaItem, Apology, Attendee } from '../../minutes/record.ts';
import { keptLine } from '../../rules/limits.ts';
import { canonical, describeChanges, exemptionName, fieldChanges, itemOf } from '../../rules/minutes-plan.ts';
import { formatUkDate } from '../../rules/refs.ts';
import { RefusedError } from '../../rules/refused.ts';
import type { Meeting, MeetingApology, MeetingAttendee, MeetingItem, MeetingPerson } from '../../rules/types.ts';
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

function item(run: MinutesRun, i: AgendaItem): Entry<MeetingItem> {
  const number = keptLine("an item's number", i.number);
  const of = itemOf(number);
  if (!of) throw new RefusedError(`"${number}" is not an item number (NN.dd/MM/yyyy)`);
  const title = keptLine(`the title of item ${number}`, i.title);
  const exemption = i.exempt ? keptLine(`the exemption of item ${number}`, exemptionName(i.exempt)) : undefined;
  const warnings =
    of.meeting === run.meeting ? [] : [`item ${number} names the meeting of ${formatUkDate(of.meeting)}, not this one`];
  if (exemption && of.meeting === run.meeting) run.exemptItems.set(of.number, exemption);
  return {
    value: { number, title, ...(exemption ? { exemption } : {}) },
    label: `${number} ${title}${exemption ? ` (exempt: ${exemption})` : ''}`,
    warnings,
  };
}

/** Each entry against the list stored: added, changed, the same; and those the minutes no longer have. */
function listRecords<T extends object>(
  read: Entry<T>[],
  stored: readonly T[] | undefined,
  key: (t: T) => string,
  labelOf: (t: T) => string,
): PlannedRecord[] {
  const before = new Map((stored ?? []).map((s) => [key(s), s]));
  const records = read.map((e): PlannedRecord => {
    if ('error' in e) return e.error;
    const was = before.get(key(e.value));
    before.delete(key(e.value));
    if (!was) return { result: 'add', label: e.label, warnings: e.warnings };
    if (canonical(was) === canonical(e.value)) return { result: 'unchanged', label: e.label, warnings: e.warnings };
    const changed = fieldChanges(
      was,
      e.value,
      Object.keys({ ...was, ...e.value }) as Array<keyof T & string>,
      (_f, v) =>
        v === undefined ? undefined : typeof v === 'object' ? ((v as MeetingPerson).name ?? canonical(v)) : String(v),
    );
    return { result: 'update', label: e.label, detail: describeChanges(changed), warnings: e.warnings };
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
  const items = entries(
    record.items,
    (i) => i.number,
    (i) => item(run, i),
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
    ...(record.items.length ? { items: kept(items) } : {}),
  };

  const stored = (await run.t.stores.meetings.get(run.t.scope, run.meeting))?.meeting;
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
    section(
      'items',
      'Items for discussion',
      record.items.length,
      orFailed(
        listRecords(
          items,
          stored?.items,
          (i) => i.number,
          (i) => `${i.number} ${i.title}`,
        ),
      ),
    ),
  ];
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
