// Exempt items (FOIA s.31 and the like): the ONE place that decides who may read an exempt item's
// text and what everyone else sees. Every view and renderer goes through it:
// - redactAction / redactQuestion / redactHistory: an item as a given viewer may see it (cards,
//   card refreshes, the channel summary, outstanding, mine, questions);
// - redactDigest: the digest for a viewer (the channel's digest card has no viewer: redacted);
// - openForm: the published form of the digest (exempt items reduced to their reference and
//   "Exempt under ..."), and exemptUnder, those words, for the open minutes too.
// Entitled: the item's owners (respondent), its delegate, the chair, the secretariat and the
// scrutiny lead, and the operator's CLI (which acts as the secretariat). Pure.
import type { Digest, DigestItem } from './digest-model.ts';
import { isLead, roleOf, type Decision } from './permissions.ts';
import type { Action, Actor, HistoryEntry, Question, QuestionHistoryEntry } from './types.ts';

/** Who is looking: a person (an Actor), or nobody in particular (a channel: everyone in the team). */
export type Viewer = Actor | null;

/** Only the chair and the secretariat mark an item exempt (or lift it). */
export function mayMarkExempt(actor: Actor): Decision {
  const role = roleOf(actor);
  return role === 'chair' || role === 'secretariat'
    ? { ok: true }
    : { ok: false, reason: 'only the chair and the secretariat mark an item exempt' };
}

function entitled(viewer: Viewer, people: readonly (string | undefined)[]): boolean {
  if (!viewer) return false;
  if (isLead(viewer)) return true;
  return viewer.personId !== undefined && people.includes(viewer.personId);
}

const actionPeople = (a: Action): Array<string | undefined> => [
  ...a.owners.map((o) => o.personId),
  a.delegate?.personId,
];
const questionPeople = (q: Question): Array<string | undefined> => [q.respondent.personId, q.delegate?.personId];

export function maySeeAction(viewer: Viewer, a: Action): boolean {
  return !a.exempt || entitled(viewer, actionPeople(a));
}

export function maySeeQuestion(viewer: Viewer, q: Question): boolean {
  return !q.exempt || entitled(viewer, questionPeople(q));
}

/** What stands in for the text: 'exempt item (owner SR)'. */
export function exemptLabel(ownerLabel: string): string {
  return `exempt item (owner ${ownerLabel || 'unassigned'})`;
}

/** The action as `viewer` may see it: for those not entitled, no text, note or outcome. */
export function redactAction(a: Action, viewer: Viewer): Action {
  if (maySeeAction(viewer, a)) return a;
  const { latestNote: _n, outcome: _o, ...rest } = a;
  return { ...rest, text: exemptLabel(a.ownerText) };
}

export function redactQuestion(q: Question, viewer: Viewer): Question {
  if (maySeeQuestion(viewer, q)) return q;
  const { theme: _t, response: _r, draft: _d, ...rest } = q;
  return { ...rest, text: exemptLabel(q.respondent.label) };
}

/** History entries carry notes and outcome wording: kept only for those who may see the item. */
export function redactHistory<H extends HistoryEntry | QuestionHistoryEntry>(
  entries: readonly H[],
  visible: boolean,
): H[] {
  if (visible) return [...entries];
  return entries.map(
    ({ note: _n, ...h }) =>
      ({
        ...h,
        changes: h.changes.map((c) => (c.field === 'outcome' || c.field === 'text' ? { field: c.field } : c)),
      }) as H,
  );
}

function mapItems(d: Digest, f: (i: DigestItem) => DigestItem): Digest {
  return { ...d, groups: d.groups.map((g) => ({ ...g, items: g.items.map((i) => (i.exempt ? f(i) : i)) })) };
}

/** The digest for one viewer (null: a channel). */
export function redactDigest(d: Digest, viewer: Viewer): Digest {
  return mapItems(d, (i) => {
    if (i.exempt && entitled(viewer, i.exempt.viewers)) return i;
    const { latestUpdate: _u, outcome: _o, ...rest } = i;
    return { ...rest, text: exemptLabel(i.exempt?.ownerLabel ?? '') };
  });
}

/** The words that stand in for an exempt item in the open form: 'Exempt under FOIA s.31 (law enforcement)'. */
export function exemptUnder(exemption: string | undefined): string {
  return `Exempt under ${exemption?.trim() || 'an exemption'}`;
}

/**
 * For publication: an exempt item is its reference and "Exempt under ...", nothing else. Its
 * text, owners, update, outcome, status words and due date are dropped here, not left to each
 * renderer to leave out; its flags stay for the counts, which count it without naming it.
 */
export function openForm(d: Digest): Digest {
  const reduced = mapItems(d, (i): DigestItem => ({
    kind: i.kind,
    id: i.id,
    ref: i.ref,
    text: '',
    owners: [],
    status: i.status,
    statusLabel: '',
    proposal: i.proposal,
    open: i.open,
    overdue: i.overdue,
    noReply: i.noReply,
    readyToDischarge: i.readyToDischarge,
    withheld: exemptUnder(i.exempt?.exemption),
  }));
  return { ...reduced, form: 'open' };
}
