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
import type {
  Action,
  ActionChange,
  ActionRef,
  Actor,
  Exemption,
  FieldChange,
  IsoDate,
  Meeting,
  Owner,
  Person,
  Status,
} from '../rules/types.ts';
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

/** One action as a line gives it (a pasted table's line, a row of the minutes), before it meets the store. */
export interface ActionLine {
  ref: ActionRef;
  meeting: IsoDate;
  labels: string[];
  ownerText: string;
  ownerForm: 'prefix' | 'subject';
  text: string;
  status?: Status;
  outcome?: string;
  due?: IsoDate;
  /** The meeting whose review recorded the status: a discharge closes the action on that day. */
  reviewedAt?: IsoDate;
  /** The stored action this line is (a review row matched by owner and text); default: the reference's. */
  id?: string;
  /** An action already stored keeps its task and owners: the line records only the meeting's decision. */
  decisionOnly?: boolean;
  exempt?: Exemption;
  /** Said in the history entry ('from the minutes of 14/03/2023'). */
  remark?: string;
}

/** What every line of one import shares. */
export interface LineContext {
  actor: Actor;
  directory: readonly Person[];
  /** The board's meetings; a meeting a line needs is added to it (and, unless a dry run, to the store). */
  calendar: Meeting[];
  /** Work out what each line would do, writing nothing. */
  dryRun?: boolean;
}

export interface LineOutcome {
  result: 'imported' | 'updated' | 'unchanged' | 'error';
  ref: string;
  actionId?: string;
  reason?: string;
  warnings: string[];
  /** What the line changed (or, in a dry run, would change) on a stored action. */
  changes: FieldChange[];
  /** The meeting the line added to the calendar, if it had to. */
  meetingAdded?: IsoDate;
}

/**
 * The one way a line becomes an action: created if its id is new, else brought in line with what
 * the line says (status changes checked as the meeting's decisions, recorded by the importer).
 * A line that cannot be kept (too long, a bad character, a refused change) is that line's error.
 */
export async function importLine(t: BoardContext, ctx: LineContext, line: ActionLine): Promise<LineOutcome> {
  const { actions } = t.stores;
  const ref = formatRef(line.ref);
  let meetingAdded: IsoDate | undefined;
  if (!ctx.calendar.some((m) => m.date === line.meeting)) {
    ctx.calendar.push(ctx.dryRun ? { date: line.meeting } : await ensureMeeting(t, { date: line.meeting }));
    meetingAdded = line.meeting;
  }
  const added = meetingAdded ? { meetingAdded } : {};
  const resolved = line.labels.map((label) => ownerFrom(label, resolveOwner(label, ctx.directory)));
  const warnings = resolved.flatMap((r) => (r.warning ? [r.warning] : []));
  const owners = resolved.map((r) => r.owner);
  const id = line.id ?? refKey(line.ref, line.meeting, line.text);
  const now = t.now().toISOString();
  const due = line.due ?? dueFor(ctx.calendar, line.meeting);
  // A review list records what the meeting after this one decided; without it in the calendar,
  // the action's own meeting is the best date known.
  const closedOn =
    line.status === 'discharged'
      ? (line.reviewedAt ?? meetingAfter(ctx.calendar, line.meeting)?.date ?? line.meeting)
      : undefined;
  const decision = {
    ...(line.status ? { status: line.status } : {}),
    ...(line.outcome ? { outcome: line.outcome } : {}),
    ...(closedOn ? { closedOn } : {}),
    ...(line.exempt ? { exempt: line.exempt } : {}),
    ...(line.remark ? { remark: line.remark } : {}),
  };
  const patch: ActionPatch = line.decisionOnly
    ? decision
    : {
        text: line.text,
        owners,
        ownerText: line.ownerText,
        ownerForm: line.ownerForm,
        ...(line.due ? { due: line.due } : {}),
        ...decision,
      };
  const update = (current: Action): ActionChange | null => {
    if (patch.status) {
      const allowed = maySetStatus(ctx.actor, current, patch.status, {
        reviewedAtMeeting: true,
        recordingMeeting: true,
      });
      if (!allowed.ok) throw new RefusedError(allowed.reason);
    }
    return applyPatch(current, patch, ctx.actor, now);
  };
  const outcome = (change: ActionChange | null): LineOutcome => ({
    ref,
    actionId: id,
    result: change ? 'updated' : 'unchanged',
    warnings,
    changes: change?.history.changes ?? [],
    ...added,
  });
  try {
    const created = newAction(
      {
        id,
        ref: line.ref,
        meeting: line.meeting,
        owners,
        ownerText: line.ownerText,
        ownerForm: line.ownerForm,
        text: line.text,
        ...(due ? { due } : {}),
        ...(line.status ? { status: line.status } : {}),
        ...(line.outcome ? { outcome: line.outcome } : {}),
        ...(closedOn ? { closedOn } : {}),
        ...(line.exempt ? { exempt: line.exempt } : {}),
      },
      ctx.actor,
      now,
      line.remark,
    );
    const imported: LineOutcome = { ref, actionId: id, result: 'imported', warnings, changes: [], ...added };
    if (ctx.dryRun) {
      const current = await actions.get(t.scope, id);
      return current ? outcome(update(current.action)) : imported;
    }
    try {
      await actions.create(t.scope, created.next, created.history);
      return imported;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    // Already there: bring it in line with what the line now says.
    let change: ActionChange | null = null;
    await actions.change(t.scope, id, (current) => (change = update(current)));
    return outcome(change);
  } catch (err) {
    if (!(err instanceof RefusedError)) throw err;
    return { ref, result: 'error', reason: err.message, warnings, changes: [], ...added };
  }
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

  const ctx: LineContext = {
    actor: opts.actor,
    directory: (await t.stores.people.list(t.scope)).map((p) => p.person),
    calendar: await t.stores.meetings.list(t.scope),
  };
  const defaultMeeting = opts.meeting ?? inferMeeting(parsed);
  const meetingsAdded: IsoDate[] = [];
  const lines: ImportLine[] = [];

  for (const p of parsed) {
    if (p.kind !== 'action') {
      lines.push({ line: p.line, result: p.kind, reason: p.reason, warnings: [] });
      continue;
    }
    const meeting = p.meeting ?? defaultMeeting;
    if (!meeting) {
      lines.push({
        line: p.line,
        ref: formatRef(p.ref),
        result: 'error',
        reason: 'an N/A reference needs the meeting it belongs to (--meeting dd/MM/yyyy)',
        warnings: [],
      });
      continue;
    }
    const { changes: _changes, meetingAdded, ...done } = await importLine(t, ctx, { ...p, meeting });
    if (meetingAdded) meetingsAdded.push(meetingAdded);
    lines.push({ line: p.line, ...done, warnings: [...done.warnings, ...(p.notes ?? [])] });
  }
  const counts: Record<LineResult, number> = { imported: 0, updated: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const l of lines) counts[l.result]++;
  return { lines, counts, meetingsAdded };
}

/**
 * Each owner a card for every action given (and the board's channel its meeting's summary),
 * queued once per action and person however often it is imported.
 */
export async function notifyOwners(t: BoardContext, actionIds: readonly string[]): Promise<NotifyReport> {
  const found = await Promise.all(actionIds.map((id) => t.stores.actions.get(t.scope, id)));
  return queueActionCards(
    t,
    found.flatMap((s) => (s ? [s.action] : [])),
  );
}

/**
 * Import, then queue each owner a card for every action the table names: the one way the chat and
 * the CLI import. An unchanged action's card is queued once like any other, so that the report of
 * the same table imported again says whose cards went before and whose still wait.
 */
export async function importAndNotify(
  t: BoardContext,
  input: string,
  opts: ImportOptions,
): Promise<{ report: ImportReport; notified: NotifyReport }> {
  const report = await importActions(t, input, opts);
  const touched = report.lines.flatMap((l) =>
    l.actionId && (l.result === 'imported' || l.result === 'updated' || l.result === 'unchanged') ? [l.actionId] : [],
  );
  return { report, notified: await notifyOwners(t, touched) };
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
