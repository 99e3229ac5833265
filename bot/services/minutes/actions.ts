// The actions in the minutes: the review of the previous meeting's actions (the meeting's
// decisions on them) and the Actions Arising table (the new ones), each row through the same
// per-line path as `actions import` (importLine). Actions written only in an item's Action column
// are the table's to create: one missing from the table is reported, not created.
import type { ArisingAction, ItemColumnAction, ReviewedAction } from '../../minutes/record.ts';
import { dueInText } from '../../rules/import-parse.ts';
import { actionLabel, describeChanges, itemOf } from '../../rules/minutes-plan.ts';
import { resolveOwner } from '../../rules/owners.ts';
import { formatRef, formatUkDate, parseRef, refKey } from '../../rules/refs.ts';
import { RefusedError } from '../../rules/refused.ts';
import { matchReviewRow } from '../../rules/review-match.ts';
import { STATUS_LABEL } from '../../rules/statuses.ts';
import type { ActionRef, IsoDate } from '../../rules/types.ts';
import { importLine, type ActionLine, type LineContext, type LineOutcome } from '../import-actions.ts';
import type { PlannedRecord, PlannedSection } from './import.ts';
import { exemptionFor, guarded, section, type MinutesRun } from './run.ts';

const lineContext = (run: MinutesRun): LineContext => ({
  actor: run.actor,
  directory: run.directory,
  calendar: run.calendar,
  dryRun: run.dryRun,
});

/** What the line did (or would do) as a record of the preview. */
function planned(run: MinutesRun, label: string, out: LineOutcome, said: string[] = []): PlannedRecord {
  const warnings = [
    ...said,
    ...out.warnings,
    ...(out.meetingAdded ? [`the meeting of ${formatUkDate(out.meetingAdded)} goes in the calendar`] : []),
  ];
  const id = out.actionId ? { id: out.actionId } : {};
  if ((out.result === 'imported' || out.result === 'updated') && out.actionId && !run.dryRun)
    run.touched.push(out.actionId);
  switch (out.result) {
    case 'imported':
      return { result: 'add', label, warnings, ...id };
    case 'updated':
      return { result: 'update', label, detail: describeChanges(out.changes), warnings, ...id };
    case 'unchanged':
      return { result: 'unchanged', label, warnings, ...id };
    case 'error':
      return { result: 'error', label, detail: out.reason ?? 'not kept', warnings };
  }
}

function readRef(written: string): ActionRef {
  const ref = parseRef(written);
  if (!ref) throw new RefusedError(`reference not understood: "${written}"`);
  return ref;
}

function reviewLabel(row: ReviewedAction): string {
  const decision = [row.status ? STATUS_LABEL[row.status] : undefined, row.outcome].filter(Boolean).join(': ');
  const action = actionLabel({
    ref: row.ref ?? '(no reference)',
    ownerText: row.ownersAsWritten,
    ownerForm: row.ownerForm ?? 'prefix',
    text: row.text,
  });
  return decision ? `${action} [${decision.length > 80 ? `${decision.slice(0, 79)}…` : decision}]` : action;
}

/** A review row: the action its reference names, or (without one) the open action it matches, or a new one. */
async function reviewRow(run: MinutesRun, row: ReviewedAction): Promise<PlannedRecord> {
  const label = reviewLabel(row);
  return guarded(label, async () => {
    const ref: ActionRef = row.ref ? readRef(row.ref) : { shape: 'none' };
    const reviewed: IsoDate | undefined =
      ref.shape === 'none' ? (row.meeting ?? run.record.meeting.previousMeeting) : ref.meeting;
    if (!reviewed)
      throw new RefusedError('the minutes do not say which meeting this action is from (the meeting they approve)');
    const line: ActionLine = {
      ref,
      meeting: reviewed,
      labels: row.owners,
      ownerText: row.ownersAsWritten,
      ownerForm: row.ownerForm ?? 'prefix',
      text: row.text,
      ...(row.status ? { status: row.status } : {}),
      ...(row.outcome ? { outcome: row.outcome } : {}),
      reviewedAt: run.meeting,
      decisionOnly: true,
      remark: run.remark,
    };
    const said: string[] = [];
    if (ref.shape === 'none') {
      // Recorded before under its own N/A id (this very row, imported before): that action.
      const own = await run.t.stores.actions.get(run.t.scope, refKey(ref, reviewed, row.text));
      if (!own) {
        const personIds = row.owners.flatMap((label) => {
          const r = resolveOwner(label, run.directory);
          return r.kind === 'person' ? [r.personId] : [];
        });
        const found = matchReviewRow(
          { personIds, labels: row.owners, text: row.text },
          await run.t.stores.actions.listForMeeting(run.t.scope, reviewed),
          run.meeting,
        );
        if (found.kind === 'match') {
          Object.assign(line, { id: found.action.id, ref: found.action.ref, meeting: found.action.meeting });
          said.push(`matched by owner and text to ${formatRef(found.action.ref)} ${found.action.text}`);
        } else if (found.kind === 'ambiguous') {
          said.push(
            `could be any of ${found.actions.map((a) => formatRef(a.ref)).join(', ')} (same owner, similar text): not matched, recorded as an action of ${formatUkDate(reviewed)}`,
          );
        } else said.push(`no open action of ${formatUkDate(reviewed)} matches it: recorded as one of that meeting`);
      }
    }
    return planned(run, label, await importLine(run.t, lineContext(run), line), said);
  });
}

export async function reviewSection(run: MinutesRun): Promise<PlannedSection> {
  const records: PlannedRecord[] = [];
  for (const row of run.record.reviewed) records.push(await reviewRow(run, row));
  return section('review', "Review of the previous meeting's actions", run.record.reviewed.length, records);
}

/** A row of the Actions Arising table, as `actions import` would take it; exempt when raised under an exempt item. */
async function arisingRow(run: MinutesRun, row: ArisingAction, seen: Set<string>): Promise<PlannedRecord> {
  const label = actionLabel({ ref: row.ref, ownerText: row.ownersAsWritten, ownerForm: row.ownerForm, text: row.text });
  return guarded(label, async () => {
    const ref = readRef(row.ref);
    const meeting = ref.shape === 'none' ? run.meeting : ref.meeting;
    const id = refKey(ref, meeting, row.text);
    if (seen.has(id)) throw new RefusedError(`${formatRef(ref)} appears twice in the table: the first is kept`);
    seen.add(id);
    const said = [
      ...(meeting !== run.meeting ? [`the reference names the meeting of ${formatUkDate(meeting)}, not this one`] : []),
      ...(row.owners.length === 0 ? ['no owner minuted: nobody is notified'] : []),
    ];
    const exempt = exemptionFor(run, ref.shape === 'none' ? null : { number: ref.number, meeting: ref.meeting });
    const due = row.due ?? dueInText(row.text);
    const line: ActionLine = {
      ref,
      meeting,
      labels: row.owners,
      ownerText: row.ownersAsWritten,
      ownerForm: row.ownerForm,
      text: row.text,
      ...(due ? { due } : {}),
      ...(row.status ? { status: row.status, reviewedAt: run.meeting } : {}),
      ...(row.outcome ? { outcome: row.outcome } : {}),
      ...(exempt ? { exempt } : {}),
      remark: run.remark,
    };
    const record = planned(run, label, await importLine(run.t, lineContext(run), line), said);
    return exempt && record.result === 'add' ? { ...record, detail: `exempt: ${exempt.exemption}` } : record;
  });
}

/** The Actions Arising row an item-column action is, by the reference the reading found or its item and numeral. */
function inTable(run: MinutesRun, a: ItemColumnAction): boolean {
  const keys = new Set(
    run.record.actionsArising.flatMap((row) => {
      const ref = parseRef(row.ref);
      return ref ? [formatRef(ref)] : [row.ref];
    }),
  );
  const same = a.sameAs ? parseRef(a.sameAs) : null;
  if (same && keys.has(formatRef(same))) return true;
  const item = itemOf(a.item);
  if (!item) return false;
  const ref: ActionRef = {
    shape: 'item',
    meeting: item.meeting,
    number: item.number,
    ...(a.numeral ? { sub: a.numeral } : {}),
  };
  return keys.has(formatRef(ref));
}

export async function actionsSection(run: MinutesRun): Promise<PlannedSection> {
  const records: PlannedRecord[] = [];
  const seen = new Set<string>();
  for (const row of run.record.actionsArising) records.push(await arisingRow(run, row, seen));
  for (const a of run.record.itemColumnActions) {
    if (inTable(run, a)) continue;
    run.unplaced.push({
      section: 'actions',
      text: `${a.item}: ${a.ownersAsWritten ? `${a.ownersAsWritten} - ` : ''}${a.text}`,
      why: `in the Action column of item ${a.item} but not in the Actions Arising table: not created (the table is the record of the actions; add it there)`,
    });
  }
  return section('actions', 'Actions Arising', run.record.actionsArising.length, records);
}
