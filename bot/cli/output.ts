// How the CLI shows things to a person: plain aligned text, UK dates, London times.
import type { ActionDetail } from '../services/actions.ts';
import type { MinutesPreview } from '../services/minutes/import.ts';
import type { NotifyReport } from '../outbox/queue.ts';
import { notifyLines } from '../outbox/words.ts';
import { formatLondon } from '../rules/dates.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import { asMinuted } from '../rules/owners.ts';
import { QUESTION_STATE_LABEL } from '../rules/questions.ts';
import type { Action, Meeting, Owner, Person, Question } from '../rules/types.ts';

/** Columns padded to their widest cell; the last column is left to wrap. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** 'JD (Jane Doe)', 'Ben Smith' when the minutes wrote the name, 'the Force (not in directory)' when nobody was matched. */
function ownerName(o: Owner, people: ReadonlyMap<string, Person>): string {
  const person = o.personId ? people.get(o.personId) : undefined;
  if (!person) return `${o.label} (not in directory)`;
  return person.name === o.label ? o.label : `${o.label} (${person.name})`;
}

export function ownerNames(action: Action, people: ReadonlyMap<string, Person>): string {
  return action.owners.map((o) => ownerName(o, people)).join(' / ');
}

export function actionsTable(actions: Action[], people: ReadonlyMap<string, Person>): string {
  if (actions.length === 0) return 'No actions.';
  return table(
    ['Ref', 'Owner', 'Status', 'Due', 'Action'],
    actions.map((a) => [
      formatRef(a.ref),
      ownerNames(a, people),
      STATUS_LABEL[a.status],
      a.due ? formatUkDate(a.due) : '-',
      a.text,
    ]),
  );
}

export function actionDetail(d: ActionDetail): string {
  const a = d.action;
  const lines = [
    `${formatRef(a.ref)}  ${asMinuted(a)}`,
    `  Meeting:  ${formatUkDate(a.meeting)}`,
    `  Owners:   ${d.owners.length === 0 ? 'none minuted' : ''}${d.owners.map((o) => (o.person ? `${o.label} = ${o.person.name}${o.person.capacity ? `, ${o.person.capacity}` : ''}` : `${o.label} (not in directory)`)).join('; ')}`,
    `  Status:   ${STATUS_LABEL[a.status]}${a.outcome ? ` (${a.outcome})` : ''}`,
    `  Due:      ${a.due ? formatUkDate(a.due) : 'by the next meeting'}`,
    `  Id:       ${a.id}`,
  ];
  if (a.latestNote) lines.push(`  Latest:   ${a.latestNote} (${formatLondon(a.latestNoteAt ?? a.updatedAt)})`);
  lines.push('  History:');
  for (const h of d.history) {
    const what =
      h.kind === 'created'
        ? 'created'
        : h.changes
            .map((c) => (c.field === 'note' ? 'note' : `${c.field}: ${c.from ?? '-'} -> ${c.to ?? '-'}`))
            .join(', ');
    lines.push(`    ${formatLondon(h.at)}  ${h.byName} via ${h.channel}: ${what}${h.note ? ` - "${h.note}"` : ''}`);
  }
  return lines.join('\n');
}

export function peopleTable(people: Person[]): string {
  if (people.length === 0) return 'The directory is empty: import it with `people import FILE`.';
  return table(
    ['Initials', 'Name', 'Role', 'Aliases', 'Email', 'Teams', 'Capacity'],
    people.map((p) => [
      p.initials,
      p.name,
      p.role,
      p.aliases.join(', ') || '-',
      p.email ?? '-',
      p.aadObjectId ? 'linked' : 'not yet',
      p.capacity ?? '',
    ]),
  );
}

export function meetingsTable(meetings: Meeting[]): string {
  if (meetings.length === 0) return 'No meetings.';
  return table(
    ['Date', 'Time', 'Next', 'Focus', 'Deep dive', 'Location'],
    meetings.map((m) => [
      formatUkDate(m.date),
      m.time ?? '-',
      m.next ? formatUkDate(m.next) : '-',
      m.focus ?? '-',
      m.deepDive ?? '-',
      m.location ?? '',
    ]),
  );
}

/** Scrutiny questions: number, meeting, respondent, state, due, question (theme first). */
export function questionsTable(questions: Question[], people: ReadonlyMap<string, Person>): string {
  if (questions.length === 0) return 'No questions.';
  const respondent = (q: Question): string => ownerName(q.respondent, people);
  return table(
    ['No.', 'Meeting', 'Respondent', 'State', 'Due', 'Question'],
    questions.map((q) => [
      q.number,
      formatUkDate(q.meeting),
      respondent(q),
      QUESTION_STATE_LABEL[q.state],
      q.due ? formatUkDate(q.due) : '-',
      q.theme ? `(${q.theme}) ${q.text}` : q.text,
    ]),
  );
}

/** The owners' cards an import queued: the CLI sends nothing itself, a running server does. */
export function queuedCards(n: NotifyReport, to = 'owners'): string[] {
  return notifyLines(n, to, 'cli');
}

/** The totals of a minutes import: what it would do (a preview) or did. */
export function minutesCounts(p: MinutesPreview, done: boolean): string {
  const c = p.counts;
  const words = done
    ? [
        `${c.add} added`,
        `${c.update} updated`,
        `${c.unchanged} unchanged`,
        `${c.kept} kept`,
        `${c.error} not kept (errors)`,
      ]
    : [`${c.add} to add`, `${c.update} to update`, `${c.unchanged} unchanged`, `${c.kept} kept`, `${c.error} errors`];
  return words.join(', ');
}

/**
 * A minutes import as a secretariat reads it: the meeting, who is not in the directory, then each
 * section with every record that is added, updated, kept or in error (the unchanged counted), and
 * every line no section could place, with why.
 */
export function minutesPreview(p: MinutesPreview): string[] {
  const out = [`Minutes of the meeting of ${formatUkDate(p.meeting)}`];
  if (p.questionsPutBy) out.push(`Scrutiny questions put by ${p.questionsPutBy}`);
  if (p.notInDirectory.length)
    out.push(`Not in the directory (not added, not guessed): ${p.notInDirectory.join(', ')}`);
  for (const s of p.sections) {
    if (s.found === 0 && s.records.length === 0) continue;
    out.push('', `${s.title} (${s.found} in the minutes)`);
    const same = s.records.filter((r) => r.result === 'unchanged').length;
    for (const r of s.records.filter((x) => x.result !== 'unchanged')) {
      out.push(`  ${r.result.padEnd(9)} ${r.label}${r.detail ? ` - ${r.detail}` : ''}`);
      for (const w of r.warnings) out.push(`            ! ${w}`);
    }
    if (same) out.push(`  ${same} unchanged`);
  }
  if (p.unplaced.length) {
    out.push('', `Not placed in any section (${p.unplaced.length}):`);
    for (const u of p.unplaced) out.push(`  [${u.section}] ${u.text} - ${u.why}`);
  }
  out.push('', minutesCounts(p, false));
  return out;
}
