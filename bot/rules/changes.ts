// Turning "what someone asked to change" into the next state of an action and the history entry
// that says who changed what, when and through which channel. Pure: the clock is an argument.
import { londonToday } from './dates.ts';
import { checkCharacters, MAX_ACTION_TEXT, MAX_NOTE, TooLongError } from './limits.ts';
import { parseStatusWord } from './statuses.ts';
import type {
  ActionChange,
  Action,
  ActionRef,
  Actor,
  Delegation,
  Exemption,
  FieldChange,
  HistoryBase,
  HistoryEntry,
  IsoDate,
  IsoInstant,
  Owner,
  Status,
} from './types.ts';

export interface ActionPatch {
  ref?: ActionRef;
  status?: Status;
  note?: string;
  text?: string;
  owners?: Owner[];
  ownerText?: string;
  ownerForm?: Action['ownerForm'];
  due?: IsoDate;
  outcome?: string;
  /** This change is an owner's reply (from a card or the tab): it stamps `repliedAt`. */
  reply?: boolean;
  /** Said in the history entry only, not as the action's progress note ('At the meeting of ...'). */
  remark?: string;
  /** With a discharge: the meeting that discharged it (default: today, London). */
  closedOn?: IsoDate;
  /** Hand it to a colleague (a Delegation), or take it back (null). */
  delegate?: Delegation | null;
  /** Mark it exempt from publication, or lift the exemption (null). */
  exempt?: Exemption | null;
}

const ownersText = (owners: Owner[]): string =>
  owners.map((o) => (o.personId ? `${o.label}=${o.personId}` : o.label)).join(', ');

function checkText(patch: { text?: string; note?: string; outcome?: string; ownerText?: string }): void {
  if (patch.text !== undefined && patch.text.length > MAX_ACTION_TEXT)
    throw new TooLongError('action text', patch.text.length, MAX_ACTION_TEXT);
  if (patch.note !== undefined && patch.note.length > MAX_NOTE)
    throw new TooLongError('note', patch.note.length, MAX_NOTE);
  checkCharacters('the action text', patch.text);
  checkCharacters('the note', patch.note);
  checkCharacters('the outcome', patch.outcome);
  checkCharacters('the owner', patch.ownerText);
}

/** What every history entry says of a change, whatever record it is on: who, when, through what, and a note. */
export function historyBase(actor: Actor, at: IsoInstant, kind: HistoryBase['kind'], note?: string): HistoryBase {
  return {
    at,
    by: actor.id,
    byName: actor.name,
    channel: actor.channel,
    kind,
    ...(note !== undefined ? { note } : {}),
  };
}

function historyOf(
  action: Action,
  actor: Actor,
  at: IsoInstant,
  kind: 'created' | 'updated',
  changes: FieldChange[],
  note?: string,
): ActionChange['history'] {
  return { actionId: action.id, ...historyBase(actor, at, kind, note), changes };
}

/** A new action and its 'created' history entry. */
export function newAction(
  fields: Omit<Action, 'createdAt' | 'updatedAt' | 'version' | 'status'> & { status?: Status },
  actor: Actor,
  now: IsoInstant,
  /** Said in the history entry ('from the minutes of 14/03/2023'). */
  remark?: string,
): ActionChange {
  checkText({ ...fields, ...(fields.latestNote !== undefined ? { note: fields.latestNote } : {}) });
  const next: Action = { ...fields, status: fields.status ?? 'open', createdAt: now, updatedAt: now, version: 1 };
  if (next.status === 'discharged' && !next.closedOn) next.closedOn = londonToday(new Date(now));
  const changes: FieldChange[] = [{ field: 'status', to: next.status }];
  return { next, history: historyOf(next, actor, now, 'created', changes, remark) };
}

/** The next state after `patch`, or null when the patch changes nothing. */
export function applyPatch(current: Action, patch: ActionPatch, actor: Actor, now: IsoInstant): ActionChange | null {
  checkText(patch);
  const next: Action = { ...current };
  const changes: FieldChange[] = [];
  const track = <K extends keyof Action>(
    field: K,
    value: Action[K] | undefined,
    label: FieldChange['field'],
    show: (v: Action[K]) => string,
  ): void => {
    if (value === undefined) return;
    const before = current[field];
    if (JSON.stringify(before) === JSON.stringify(value)) return;
    next[field] = value;
    changes.push({ field: label, ...(before !== undefined ? { from: show(before) } : {}), to: show(value) });
  };
  track('ref', patch.ref, 'ref', (r) => JSON.stringify(r));
  track('status', patch.status, 'status', String);
  track('text', patch.text, 'text', String);
  track('owners', patch.owners, 'owners', ownersText);
  track('due', patch.due, 'due', String);
  track('outcome', patch.outcome, 'outcome', String);
  trackDelegationAndExemption(current, next, patch, (c) => changes.push(c));
  // Owner phrase and form follow the owners: they are how the minutes wrote the same fact.
  if (patch.ownerText !== undefined) next.ownerText = patch.ownerText;
  if (patch.ownerForm !== undefined) next.ownerForm = patch.ownerForm;
  const note = patch.note?.trim();
  if (note) {
    next.latestNote = note;
    next.latestNoteAt = now;
    next.latestNoteBy = actor.name;
    changes.push({ field: 'note' });
  }
  if (changes.length === 0 && next.ownerText === current.ownerText && next.ownerForm === current.ownerForm) return null;
  if (patch.reply) next.repliedAt = now;
  // Closed on the day of the meeting that discharged it; reopened, it is not closed any more.
  if (next.status === 'discharged' && current.status !== 'discharged')
    next.closedOn = patch.closedOn ?? londonToday(new Date(now));
  if (next.status !== 'discharged') delete next.closedOn;
  next.updatedAt = now;
  next.version = current.version + 1;
  const said = [patch.remark, note].filter(Boolean).join(' - ');
  return { next, history: historyOf(next, actor, now, 'updated', changes, said || undefined) };
}

/** Handing over and marking exempt change an action and a question alike (null clears). */
export function trackDelegationAndExemption(
  current: { delegate?: Delegation; exempt?: Exemption },
  next: { delegate?: Delegation; exempt?: Exemption },
  patch: { delegate?: Delegation | null; exempt?: Exemption | null },
  record: (change: { field: 'delegate' | 'exempt'; from?: string; to?: string }) => void,
): void {
  if (
    patch.delegate !== undefined &&
    JSON.stringify(patch.delegate ?? undefined) !== JSON.stringify(current.delegate)
  ) {
    if (patch.delegate) next.delegate = patch.delegate;
    else delete next.delegate;
    record({
      field: 'delegate',
      ...(current.delegate ? { from: current.delegate.label } : {}),
      ...(patch.delegate ? { to: patch.delegate.label } : {}),
    });
  }
  if (patch.exempt !== undefined && patch.exempt?.exemption !== current.exempt?.exemption) {
    if (patch.exempt) next.exempt = patch.exempt;
    else delete next.exempt;
    record({
      field: 'exempt',
      ...(current.exempt ? { from: current.exempt.exemption } : {}),
      ...(patch.exempt ? { to: patch.exempt.exemption } : {}),
    });
  }
}

/** What a discharged action was before it was discharged, from its history (oldest first); 'open' if it never says. */
export function statusBeforeDischarge(history: readonly HistoryEntry[]): Status {
  for (const h of [...history].reverse()) {
    const change = h.changes.find((c) => c.field === 'status' && c.to === 'discharged');
    if (!change) continue;
    const before = parseStatusWord(change.from ?? '');
    return before && before !== 'discharged' ? before : 'open';
  }
  return 'open';
}
