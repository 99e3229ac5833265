// Importing actions from the minutes (pasted Actions Arising table, review list, CSV or JSON).
// Idempotent: an action's identity comes from its reference, so importing the same table twice
// creates nothing new, and a changed line updates the action with a history entry. Every line
// gets a verdict; a line that cannot be understood imports nothing and says why.
import { isAlreadyExists } from '../../storage/errors.ts';
import { applyPatch, newAction, type ActionPatch } from '../rules/changes.ts';
import { parseActions, type ParsedLine } from '../rules/import-parse.ts';
import { MAX_IMPORT_CHARS, MAX_IMPORT_LINES } from '../rules/limits.ts';
import { dueFor, meetingAfter } from '../rules/meetings.ts';
import { couldBe, resolveOwner, type Resolution } from '../rules/owners.ts';
import { maySetStatus } from '../rules/permissions.ts';
import { formatRef, formatUkDate, refKey } from '../rules/refs.ts';
import type { Actor, IsoDate, Meeting, Owner, Person } from '../rules/types.ts';
import { ensureMeeting } from './meetings.ts';
import { queueActionCards, type NotifyReport } from '../outbox/queue.ts';
import { RefusedError } from '../rules/refused.ts';
import type { BoardContext } from './board-context.ts';

export type LineResult = 'imported' | 'updated' | 'unchanged' | 'skipped' | 'error';

export interface ImportLine {
  line: number;
  result: LineResult;
  ref?: string;
  actionId?: string;
  /** Why a line was skipped or not understood. */
  reason?: string;
  /** Imported, but something needs a person's attention (an owner nobody could be matched to). */
  warnings: string[];
}

export interface ImportReport {
  lines: ImportLine[];
  counts: Record<LineResult, number>;
  meetingsAdded: IsoDate[];
}

export interface ImportOptions {
  actor: Actor;
  /** The meeting `N/A` lines belong to; inferred when every referenced line names the same one. */
  meeting?: IsoDate;
  format?: 'text' | 'csv' | 'json';
}

/** How an owner label resolved, as an Owner and, where it did not resolve to a person, a warning. */
export function ownerFrom(label: string, resolution: Resolution): { owner: Owner; warning?: string } {
  switch (resolution.kind) {
    case 'person':
      return { owner: { label, personId: resolution.personId } };
    case 'body':
      return {
        owner: { label },
        warning: `owner "${label}" is a body, not a person: nobody is notified (add it as an alias of a person to route it)`,
      };
    case 'unknown':
      return { owner: { label }, warning: `owner "${label}" is not in the directory: nobody is notified` };
    case 'ambiguous':
      return {
        owner: { label },
        warning: `owner ${couldBe(resolution, label)}: not assigned; add an alias to the directory to tell them apart`,
      };
  }
}

function inferMeeting(parsed: ParsedLine[]): IsoDate | undefined {
  const dates = new Set(parsed.flatMap((p) => (p.kind === 'action' && p.meeting ? [p.meeting] : [])));
  return dates.size === 1 ? [...dates][0] : undefined;
}

export async function importActions(t: BoardContext, input: string, opts: ImportOptions): Promise<ImportReport> {
  if (input.length > MAX_IMPORT_CHARS) {
    throw new RefusedError(
      `the import is ${input.length.toLocaleString('en-GB')} characters; the limit is ${MAX_IMPORT_CHARS.toLocaleString('en-GB')}: split it`,
    );
  }
  const parsed = parseActions(input, opts.format);
  if (parsed.length > MAX_IMPORT_LINES)
    throw new RefusedError(
      `the import has ${parsed.length.toLocaleString('en-GB')} lines; the limit is ${MAX_IMPORT_LINES.toLocaleString('en-GB')}: split it`,
    );

  const { actions, people, meetings } = t.stores;
  const directory: Person[] = (await people.list(t.scope)).map((p) => p.person);
  const calendar: Meeting[] = await meetings.list(t.scope);
  const defaultMeeting = opts.meeting ?? inferMeeting(parsed);
  const meetingsAdded: IsoDate[] = [];
  const lines: ImportLine[] = [];

  for (const p of parsed) {
    if (p.kind !== 'action') {
      lines.push({ line: p.line, result: p.kind, reason: p.reason, warnings: [] });
      continue;
    }
    const meeting = p.meeting ?? defaultMeeting;
    const ref = formatRef(p.ref);
    if (!meeting) {
      lines.push({
        line: p.line,
        ref,
        result: 'error',
        reason: 'an N/A reference needs the meeting it belongs to (--meeting dd/MM/yyyy)',
        warnings: [],
      });
      continue;
    }
    if (!calendar.some((m) => m.date === meeting)) {
      calendar.push(await ensureMeeting(t, { date: meeting }));
      meetingsAdded.push(meeting);
    }
    const resolved = p.labels.map((label) => ownerFrom(label, resolveOwner(label, directory)));
    const warnings = resolved.flatMap((r) => (r.warning ? [r.warning] : []));
    const owners = resolved.map((r) => r.owner);
    const id = refKey(p.ref, meeting, p.text);
    const now = t.now().toISOString();
    const due = p.due ?? dueFor(calendar, meeting);
    // A review list records what the meeting after this one decided; without it in the calendar,
    // the action's own meeting is the best date known.
    const closedOn =
      p.status === 'discharged' ? (p.reviewedAt ?? meetingAfter(calendar, meeting)?.date ?? meeting) : undefined;
    try {
      const created = newAction(
        {
          id,
          ref: p.ref,
          meeting,
          owners,
          ownerText: p.ownerText,
          ownerForm: p.ownerForm,
          text: p.text,
          ...(due ? { due } : {}),
          ...(p.status ? { status: p.status } : {}),
          ...(p.outcome ? { outcome: p.outcome } : {}),
          ...(closedOn ? { closedOn } : {}),
        },
        opts.actor,
        now,
      );
      try {
        await actions.create(t.scope, created.next, created.history);
        lines.push({ line: p.line, ref, actionId: id, result: 'imported', warnings });
        continue;
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
      }
      // Already there: bring it in line with what the minutes now say.
      const patch: ActionPatch = {
        text: p.text,
        owners,
        ownerText: p.ownerText,
        ownerForm: p.ownerForm,
        ...(p.status ? { status: p.status } : {}),
        ...(p.outcome ? { outcome: p.outcome } : {}),
        ...(p.due ? { due: p.due } : {}),
        ...(closedOn ? { closedOn } : {}),
      };
      let changed = false;
      await actions.change(t.scope, id, (current) => {
        if (patch.status) {
          const decision = maySetStatus(opts.actor, current, patch.status, {
            reviewedAtMeeting: true,
            recordingMeeting: true,
          });
          if (!decision.ok) throw new RefusedError(decision.reason);
        }
        const change = applyPatch(current, patch, opts.actor, now);
        changed = change !== null;
        return change;
      });
      lines.push({ line: p.line, ref, actionId: id, result: changed ? 'updated' : 'unchanged', warnings });
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      lines.push({ line: p.line, ref, result: 'error', reason: err.message, warnings });
    }
  }
  const counts: Record<LineResult, number> = { imported: 0, updated: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const l of lines) counts[l.result]++;
  return { lines, counts, meetingsAdded };
}

/**
 * Import, then queue each owner a card for every action imported or updated (and the board's
 * channel its meeting's summary): the one way the chat and the CLI import. The cards wait in the
 * outbox for a running server's sender.
 */
export async function importAndNotify(
  t: BoardContext,
  input: string,
  opts: ImportOptions,
): Promise<{ report: ImportReport; notified: NotifyReport }> {
  const report = await importActions(t, input, opts);
  const touched = report.lines.flatMap((l) =>
    l.actionId && (l.result === 'imported' || l.result === 'updated') ? [l.actionId] : [],
  );
  const found = await Promise.all(touched.map((id) => t.stores.actions.get(t.scope, id)));
  const notified = await queueActionCards(
    t,
    found.flatMap((s) => (s ? [s.action] : [])),
  );
  return { report, notified };
}

/** An import in which no line held an action (nothing pasted, or only titles and blank lines). */
export function nothingImported(report: ImportReport): boolean {
  const c = report.counts;
  return c.imported + c.updated + c.unchanged + c.error === 0;
}

/** What to do when nothing was imported: the one hint the chat and the CLI give. */
export const IMPORT_HINT =
  'Nothing to import: no line held an action. Paste the Actions Arising table after the word import, a line an action: its reference, the owner and the action, e.g. "01.14/03/2023  JD - Circulate the revised terms of reference".';

/** One line a verdict, for the CLI and the chat. */
export function describeImport(report: ImportReport): string[] {
  const out = report.lines
    .filter((l) => l.result !== 'skipped' || l.reason?.startsWith('continues'))
    .map((l) => {
      const head = `line ${l.line}: ${l.result}${l.ref ? ` ${l.ref}` : ''}`;
      const tail = [l.reason, ...l.warnings].filter(Boolean).join('; ');
      return tail ? `${head} - ${tail}` : head;
    });
  const c = report.counts;
  if (nothingImported(report)) out.push(IMPORT_HINT);
  out.push(`${c.imported} imported, ${c.updated} updated, ${c.unchanged} unchanged, ${c.error} not understood`);
  if (report.meetingsAdded.length) out.push(`meetings added: ${report.meetingsAdded.map(formatUkDate).join(', ')}`);
  return out;
}
