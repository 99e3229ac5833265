// The minutes' Schedule of Deep Dive Subjects, kept a row a month (so a month whose meeting is not
// in the calendar yet is known when that meeting is added), and each month's meetings given its
// focus and deep dive. A deep dive set by hand is kept, and the preview says so.
import { isAlreadyExists, isConflict, ConcurrentChangeError } from '../../../storage/errors.ts';
import type { ScheduledDeepDive } from '../../minutes/record.ts';
import { keptByHand, withMinutesDeepDive, withMinutesMonth } from '../../rules/deep-dive-months.ts';
import { calendarFocus } from '../../rules/deep-dives.ts';
import { keptLine } from '../../rules/limits.ts';
import { describeChanges, fieldChanges, formatMonth } from '../../rules/minutes-plan.ts';
import { formatUkDate } from '../../rules/refs.ts';
import { RefusedError } from '../../rules/refused.ts';
import type { DeepDiveMonth, Meeting } from '../../rules/types.ts';
import { changeMeeting } from '../meetings.ts';
import type { PlannedRecord, PlannedSection } from './import.ts';
import { guarded, remember, section, type MinutesRun } from './run.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MAX_ATTEMPTS = 5;

function wantedMonth(run: MinutesRun, row: ScheduledDeepDive): DeepDiveMonth {
  if (!MONTH.test(row.month)) throw new RefusedError(`"${row.month}" is not a month (yyyy-MM)`);
  const focus = calendarFocus(row.focus, row.quarter);
  return {
    month: row.month,
    ...(focus ? { focus: keptLine('the focus', focus) } : {}),
    ...(row.topic ? { topic: keptLine('the deep-dive topic', row.topic) } : {}),
    set: { how: 'minutes', by: run.actor.name, at: run.t.now().toISOString(), minutes: run.meeting },
  };
}

/** The schedule's row for the month: written unless a hand-set topic stands; retried on a concurrent write. */
async function saveMonth(run: MinutesRun, wanted: DeepDiveMonth): Promise<{ kept?: string; changes: string[] }> {
  const { deepDives } = run.t.stores;
  for (let attempt = 1; ; attempt++) {
    const current = await deepDives.get(run.t.scope, wanted.month);
    const next = withMinutesMonth(current?.month, wanted);
    if (next === 'kept') return { kept: keptByHand(current?.month.set, wanted.topic), changes: [] };
    if (!next) return { changes: [] };
    const changes = fieldChanges<DeepDiveMonth>(current?.month, next, ['focus', 'topic']);
    if (next.topic === undefined && current?.month.topic !== undefined)
      changes.push({ field: 'topic', from: current.month.topic, to: 'Nil' });
    const said = describeChanges(changes.map((c) => ({ ...c, field: c.field === 'topic' ? 'deep dive' : c.field })));
    if (run.dryRun) return { changes: current ? [said] : [] };
    try {
      await deepDives.save(run.t.scope, next, current ?? undefined);
      return { changes: current ? [said] : [] };
    } catch (err) {
      if (!(isConflict(err) || isAlreadyExists(err))) throw err;
      if (attempt >= MAX_ATTEMPTS)
        throw new ConcurrentChangeError(`the deep dive of ${formatMonth(wanted.month)} kept changing under us`);
    }
  }
}

/** A meeting of the month given the month's focus and deep dive (a topic set by hand is kept). */
async function saveMeetingDeepDive(
  run: MinutesRun,
  meeting: Meeting,
  wanted: DeepDiveMonth,
): Promise<{ kept?: string; changes: string[] }> {
  const of = `the meeting of ${formatUkDate(meeting.date)}`;
  const plan = (m: Meeting): { next: Meeting | null; kept?: string; said: string } => {
    const { next, kept } = withMinutesDeepDive(m, wanted);
    const changes = next ? fieldChanges(m, next, ['focus', 'deepDive']) : [];
    if (next && next.deepDive === undefined && m.deepDive !== undefined)
      changes.push({ field: 'deepDive', from: m.deepDive, to: 'Nil' });
    const said = describeChanges(changes.map((c) => ({ ...c, field: c.field === 'deepDive' ? 'deep dive' : c.field })));
    return { next, said, ...(kept ? { kept: `${of}: ${keptByHand(m.deepDiveSet, wanted.topic)}` } : {}) };
  };
  const outcome = (p: { next: Meeting | null; kept?: string; said: string }) => ({
    ...(p.kept ? { kept: p.kept } : {}),
    changes: p.next ? [`${of}: ${p.said}`] : [],
  });
  if (run.dryRun) {
    const planned = plan(meeting);
    if (planned.next) remember(run, planned.next);
    return outcome(planned);
  }
  // Decided again on the meeting as it is at the write: a topic set by hand meanwhile is kept.
  let last = plan(meeting);
  const written = await changeMeeting(run.t, meeting.date, (current) => {
    if (!current) return null;
    last = plan(current);
    return last.next;
  });
  if (written.meeting) remember(run, written.meeting);
  return outcome(written.changed ? last : { ...last, next: null });
}

async function monthRecord(run: MinutesRun, row: ScheduledDeepDive): Promise<PlannedRecord> {
  const label = `${formatMonth(row.month)} ${[calendarFocus(row.focus, row.quarter), row.topic ?? 'Nil'].filter(Boolean).join(': ')}`;
  return guarded(label, async () => {
    const wanted = wantedMonth(run, row);
    const existed = (await run.t.stores.deepDives.get(run.t.scope, wanted.month)) !== null;
    const parts = [await saveMonth(run, wanted)];
    for (const meeting of run.calendar.filter((m) => m.date.startsWith(`${wanted.month}-`)))
      parts.push(await saveMeetingDeepDive(run, meeting, wanted));
    const kept = parts.flatMap((p) => (p.kept ? [p.kept] : []));
    const changes = parts.flatMap((p) => p.changes);
    const detail = [...kept, ...changes].join('; ') || undefined;
    if (kept.length) return { result: 'kept', label, ...(detail ? { detail } : {}), warnings: [] };
    if (!existed) return { result: 'add', label, ...(detail ? { detail } : {}), warnings: [] };
    return changes.length
      ? { result: 'update', label, ...(detail ? { detail } : {}), warnings: [] }
      : { result: 'unchanged', label, warnings: [] };
  });
}

export async function deepDiveSection(run: MinutesRun): Promise<PlannedSection> {
  const rows = run.record.deepDives;
  const records: PlannedRecord[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.month)) {
      records.push({
        result: 'error',
        label: formatMonth(row.month),
        detail: `${formatMonth(row.month)} appears twice in the schedule: the first is kept`,
        warnings: [],
      });
      continue;
    }
    seen.add(row.month);
    records.push(await monthRecord(run, row));
  }
  return section('deep-dives', 'Schedule of Deep Dive Subjects', rows.length, records);
}
