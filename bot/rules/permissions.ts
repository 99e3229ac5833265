// Who may change what. Owners report progress; only the meeting (its chair) discharges; the
// secretariat keeps the record, and records the meeting's decisions after it.
import { STATUS_LABEL } from './statuses.ts';
import type { Action, Actor, Role, Status } from './types.ts';

export type Decision = { ok: true } | { ok: false; reason: string };

const ALLOW: Decision = { ok: true };
const refuse = (reason: string): Decision => ({ ok: false, reason });

/** What the owner may say of their own action between meetings. */
export const OWNER_STATUSES: readonly Status[] = ['in_progress', 'completed', 'blocked'];

export interface StatusContext {
  /** True when a meeting after the one that raised the action has been held (today or before). */
  reviewedAtMeeting: boolean;
  /** True when the actor is entering a meeting's recorded decisions (importing a review, the review card). */
  recordingMeeting?: boolean;
}

export function isOwner(actor: Actor, action: Action): boolean {
  return actor.personId !== undefined && action.owners.some((o) => o.personId === actor.personId);
}

/** The colleague an owner handed the action to: they may reply as an owner would. */
export function isDelegate(actor: Actor, item: { delegate?: { personId: string } }): boolean {
  return actor.personId !== undefined && item.delegate?.personId === actor.personId;
}

/**
 * Handing an action (or question) to a colleague, and taking it back: its owners, who stay
 * accountable; the chair and the secretariat may take it back. A delegate cannot pass it on.
 */
export function mayDelegate(actor: Actor, ownerIds: readonly string[], taking: 'give' | 'takeBack'): Decision {
  const role = roleOf(actor);
  if (actor.personId !== undefined && ownerIds.includes(actor.personId)) return ALLOW;
  if (taking === 'takeBack' && (role === 'chair' || role === 'secretariat')) return ALLOW;
  return refuse(
    taking === 'give'
      ? 'only its owner can hand it to a colleague'
      : 'only its owner, the chair and the secretariat can take it back',
  );
}

/** The leads (the chair, the secretariat and the scrutiny lead) read every item and every view of the board. */
export const isLeadRole = (role: Role | undefined): boolean =>
  role === 'chair' || role === 'secretariat' || role === 'scrutiny';

export const isLead = (actor: Actor): boolean => isLeadRole(roleOf(actor));

/** The operator's own tools (CLI, import) act with the secretariat's rights. */
export function roleOf(actor: Actor): Actor['role'] {
  return actor.channel === 'cli' || actor.channel === 'import' ? 'secretariat' : actor.role;
}

export function maySetStatus(actor: Actor, action: Action, to: Status, ctx: StatusContext): Decision {
  const role = roleOf(actor);
  if (action.status === to) return ALLOW;
  if (action.status === 'discharged') {
    if (role === 'chair' || (role === 'secretariat' && ctx.recordingMeeting)) return ALLOW;
    return refuse('this action has been discharged; only the chair can reopen it');
  }
  if (to === 'discharged') {
    if (role === 'chair') {
      return ctx.reviewedAtMeeting || ctx.recordingMeeting
        ? ALLOW
        : refuse('an action is discharged at a meeting: no meeting has reviewed this action yet');
    }
    if (role === 'secretariat' && ctx.recordingMeeting) return ALLOW;
    return refuse('only the chair discharges an action');
  }
  if (role === 'chair' || role === 'secretariat') return ALLOW;
  if (isOwner(actor, action) || isDelegate(actor, action)) {
    return OWNER_STATUSES.includes(to)
      ? ALLOW
      : refuse(
          `an owner can mark an action ${OWNER_STATUSES.map((s) => STATUS_LABEL[s].toLowerCase()).join(', ')}; the meeting decides the rest`,
        );
  }
  return refuse('only the action’s owners, the chair and the secretariat can change its status');
}

/** Progress notes: the owners, and the chair and secretariat on their behalf. */
export function mayAddNote(actor: Actor, action: Action): Decision {
  const role = roleOf(actor);
  if (role === 'chair' || role === 'secretariat') return ALLOW;
  if (action.status === 'discharged') return refuse('this action has been discharged: it is closed');
  if (isOwner(actor, action) || isDelegate(actor, action)) return ALLOW;
  return refuse('only the action’s owners, the chair and the secretariat can add a note');
}

/** The record itself (text, owners, due date, reference) is the secretariat's and the chair's. */
export function mayEditRecord(actor: Actor): Decision {
  const role = roleOf(actor);
  if (role === 'chair' || role === 'secretariat') return ALLOW;
  return refuse('only the chair and the secretariat can change an action’s text, owners or due date');
}

/** A meeting's minutes are the record of the meeting: the chair and the secretariat import them. */
export function mayImportMinutes(actor: Actor): Decision {
  const role = roleOf(actor);
  if (role === 'chair' || role === 'secretariat') return ALLOW;
  return refuse('only the chair and the secretariat import the minutes');
}

/** The board's channel is chosen by the chair or the secretariat, never taken by an install. */
export function mayChooseBoardChannel(actor: Actor): Decision {
  const role = roleOf(actor);
  if (role === 'chair' || role === 'secretariat') return ALLOW;
  return refuse("only the chair or the secretariat chooses the board's channel");
}

/** Which Teams account is which directory person: only the secretariat undoes a link (and the operator, on the CLI). */
export function mayUnlink(actor: Actor): Decision {
  return roleOf(actor) === 'secretariat' ? ALLOW : refuse('only the secretariat can unlink a Teams account');
}
