// What every section of a minutes import shares while it runs: the meeting, the directory, the
// calendar as it stands (or, in a preview, as the import would leave it), and what the sections
// report beyond their own records. Each record is guarded: what cannot be kept is its error.
import { ConcurrentChangeError } from '../../../storage/errors.ts';
import { StorageLimitError } from '../../../storage/limits.ts';
import type { MinutesRecord, MinutesSection, Unplaced } from '../../minutes/record.ts';
import { resolveOwner } from '../../rules/owners.ts';
import { RefusedError } from '../../rules/refused.ts';
import type { Actor, Exemption, IsoDate, Meeting, MeetingPerson, Person } from '../../rules/types.ts';
import type { BoardContext } from '../board-context.ts';
import type { PlannedRecord, PlannedSection } from './import.ts';

export interface MinutesRun {
  t: BoardContext;
  actor: Actor;
  record: MinutesRecord;
  /** The meeting the minutes are of. */
  meeting: IsoDate;
  /** 'from the minutes of 14/03/2023', on every history entry. */
  remark: string;
  directory: Person[];
  /** The board's meetings; a preview adds those the import would add. */
  calendar: Meeting[];
  /** A preview: work everything out, write nothing. */
  dryRun: boolean;
  /** This meeting's exempt items: item number -> the exemption's name. */
  exemptItems: Map<number, string>;
  /** Names and initials the directory does not know, in the order met. */
  notInDirectory: Set<string>;
  /** Actions added or updated: their owners get a card. */
  touched: string[];
  unplaced: Unplaced[];
}

/** One record's work; a refusal, a value too large to store or a record that kept changing is its error. */
export async function guarded(label: string, work: () => Promise<PlannedRecord>): Promise<PlannedRecord> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RefusedError || err instanceof StorageLimitError || err instanceof ConcurrentChangeError)
      return { result: 'error', label, detail: err.message, warnings: [] };
    throw err;
  }
}

export function section(
  section: MinutesSection,
  title: string,
  found: number,
  records: PlannedRecord[],
): PlannedSection {
  return { section, title, found, records };
}

/** A name the minutes give, matched to the directory (full name, initials, alias, rank and surname), never guessed. */
export function personOf(run: MinutesRun, name: string, report = true): { person: MeetingPerson; warnings: string[] } {
  const found = resolveOwner(name, run.directory);
  if (found.kind === 'person') return { person: { name, personId: found.personId }, warnings: [] };
  if (found.kind === 'ambiguous')
    return {
      person: { name },
      warnings: [
        `"${name}" could be ${found.candidates.map((c) => `${c.name} (${c.initials})`).join(' or ')}: not matched; add an alias to the directory to tell them apart`,
      ],
    };
  if (found.kind === 'unknown' && report) run.notInDirectory.add(name);
  return {
    person: { name },
    warnings: found.kind === 'unknown' && report ? [`"${name}" is not in the directory`] : [],
  };
}

/** 'Jane Doe (JD)', or the name as written when it is nobody in the directory. */
export function personLabel(run: MinutesRun, p: MeetingPerson): string {
  const person = p.personId ? run.directory.find((d) => d.id === p.personId) : undefined;
  if (!person) return p.name;
  if (person.name === p.name) return `${p.name} (${person.initials})`;
  return p.name === person.initials ? `${p.name} (${person.name})` : `${p.name} (${person.name}, ${person.initials})`;
}

/** The exemption of an item of this meeting, for what was raised under it. */
export function exemptionFor(
  run: MinutesRun,
  item: { number: number; meeting: IsoDate } | null,
): Exemption | undefined {
  if (!item || item.meeting !== run.meeting) return undefined;
  const exemption = run.exemptItems.get(item.number);
  return exemption ? { exemption, by: run.actor.name, at: run.t.now().toISOString() } : undefined;
}

/** Puts a meeting the import wrote (or, in a preview, would write) into the run's calendar. */
export function remember(run: MinutesRun, meeting: Meeting): void {
  const i = run.calendar.findIndex((m) => m.date === meeting.date);
  if (i >= 0) run.calendar[i] = meeting;
  else run.calendar.push(meeting);
}
