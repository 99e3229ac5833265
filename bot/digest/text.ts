// The words every rendering of the digest shares, so the card, the Word file, the Markdown and
// the CSV say the same thing the same way: the papers' titles and markings, the decision proposed
// for each action in the minutes' vocabulary, a question's status, who an update is from, the
// minuted outcome line by line, and the counts.
import { updatedItems } from '../minutes/review-entry.ts';
import type { Digest, DigestItem, DigestMeeting, DigestUpdate } from '../rules/digest-model.ts';
import { outstandingCount } from '../rules/flags.ts';
import { formatUkDate } from '../rules/refs.ts';
import { owesUpdate } from '../rules/statuses.ts';

/** 'Completed — propose discharge'; just 'Standing item' when the proposal would repeat the status (the card's words). */
export function statusText(i: Pick<DigestItem, 'statusLabel' | 'proposal'>): string {
  return i.proposal.toLowerCase() === i.statusLabel.toLowerCase() ? i.statusLabel : `${i.statusLabel} — ${i.proposal}`;
}

/** 'Jane Doe (JD) / the Force', or '—' for an action nobody owns. */
export function ownersText(owners: readonly string[]): string {
  return owners.length > 0 ? owners.join(' / ') : '—';
}

// ----------------------------------------------------------------------------------------------
// The two forms, and the marking each carries on every page

/** The protective marking of each form (Government Security Classifications), as configured. */
export interface Markings {
  /** The full form, exempt items included: for the meeting only. */
  full: string;
  /** The open form, for publication. */
  open: string;
}

export const DEFAULT_MARKINGS: Markings = { full: 'OFFICIAL-SENSITIVE', open: 'OFFICIAL' };

/** How the papers are drawn, beyond the digest itself. */
export interface PapersOptions {
  /** The protective markings of the two forms (default OFFICIAL-SENSITIVE and OFFICIAL). */
  markings?: Markings;
}

/** What the title says the document is. */
export const FORM_WORDS = {
  full: 'full version, not for publication',
  open: 'open version, for publication',
} as const;

/** The title in two lines, as the document's heading: 'PAM action log, meeting of 14/03/2023', 'Full version, not for publication'. */
export function titleLines(d: Pick<Digest, 'board' | 'meeting' | 'form'>): [string, string] {
  const words = FORM_WORDS[d.form];
  return [
    `${d.board} action log, meeting of ${d.meeting.dateText}`,
    `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`,
  ];
}

/** 'PAM action log, meeting of 14/03/2023: full version, not for publication'. */
export function digestTitle(d: Pick<Digest, 'board' | 'meeting' | 'form'>): string {
  return `${titleLines(d)[0]}: ${FORM_WORDS[d.form]}`;
}

/** Under the title: what each form holds, so neither is mistaken for the other. */
export function formNote(d: Pick<Digest, 'form'>): string {
  return d.form === 'full'
    ? 'Includes the items exempt from publication, each marked EXEMPT. Do not publish: publish the open version.'
    : 'Items exempt from publication are shown by their reference and exemption only.';
}

/** A full form's flag on an exempt item: 'EXEMPT - FOIA s.31 (law enforcement)'. */
export function exemptFlag(i: Pick<DigestItem, 'exempt'>): string | undefined {
  return i.exempt ? `EXEMPT - ${i.exempt.exemption}` : undefined;
}

// ----------------------------------------------------------------------------------------------
// The meeting

/** '14/03/2023 at 10:00 · Police HQ'. */
export function meetingLine(d: Pick<Digest, 'meeting'>): string {
  const m = d.meeting;
  return [m.time ? `${m.dateText} at ${m.time}` : m.dateText, m.location]
    .filter((s): s is string => s !== undefined && s.trim() !== '')
    .join(' · ');
}

/** 'Focus: R&R · Deep dive: Hate Crime', or what is not yet set. */
function focusText(m: DigestMeeting): string {
  return `Focus: ${m.focus?.trim() || 'not set'} · Deep dive: ${m.deepDive?.trim() || 'not set'}`;
}

/** The focus and deep dive of this meeting and the next, a line each, as the papers close. */
export function focusLines(d: Pick<Digest, 'meeting' | 'nextMeeting'>): string[] {
  return [
    `This meeting (${d.meeting.dateText}): ${focusText(d.meeting)}`,
    d.nextMeeting
      ? `Next meeting (${d.nextMeeting.dateText}${d.nextMeeting.time ? ` at ${d.nextMeeting.time}` : ''}): ${focusText(d.nextMeeting)}`
      : 'Next meeting: not yet in the calendar',
  ];
}

// ----------------------------------------------------------------------------------------------
// An item's cells

/**
 * The decision the papers propose for an action, in the minutes' words: 'Discharged' (already),
 * 'Completed - propose discharge', 'Standing item', else 'Carry forward'.
 */
export function decisionText(i: Pick<DigestItem, 'proposal'>): string {
  switch (i.proposal) {
    case 'discharged':
      return 'Discharged';
    case 'propose discharge':
      return 'Completed - propose discharge';
    case 'standing item':
      return 'Standing item';
    default:
      return 'Carry forward';
  }
}

/** While something is owed: 'Overdue: due 14/03/2023' or 'Due 14/03/2023'; and 'No reply since the meeting'. */
function owedLines(i: Pick<DigestItem, 'status' | 'due' | 'overdue' | 'noReply'>, noReplyWords: string): string[] {
  if (!owesUpdate(i.status)) return [];
  return [
    ...(i.due ? [i.overdue ? `Overdue: due ${i.due}` : `Due ${i.due}`] : []),
    ...(i.noReply ? [noReplyWords] : []),
  ];
}

/**
 * An action's Action column, a line each: the proposed decision; its status when the decision
 * does not already say it ('In progress', 'Blocked'); then what is owed.
 */
export function decisionLines(
  i: Pick<DigestItem, 'status' | 'statusLabel' | 'proposal' | 'due' | 'overdue' | 'noReply'>,
): string[] {
  const decision = decisionText(i);
  const saysStatus = ['completed', 'standing', 'discharged'].includes(i.status);
  return [decision, ...(saysStatus ? [] : [`Status: ${i.statusLabel}`]), ...owedLines(i, 'No reply since the meeting')];
}

/** A question's Status column as the record has it: 'Answered'; or 'Awaiting response' with its due date. */
export function questionStatusLines(
  i: Pick<DigestItem, 'status' | 'statusLabel' | 'proposal' | 'due' | 'overdue' | 'noReply'>,
): string[] {
  // The answered question owes nothing: no due date. Marked answered at a meeting, it is closed.
  if (i.proposal === 'discharged') return i.status === 'completed' ? [i.statusLabel] : [i.statusLabel, 'Closed'];
  return [i.statusLabel, ...owedLines({ ...i, noReply: false }, '')];
}

/** 'Ben Smith, 21/07/2020'; 'Ben Smith, 03/12/2026, entered by Katie Baker'. */
export function creditText(u: DigestUpdate): string {
  return [u.from, u.date, u.enteredBy ? `entered by ${u.enteredBy}` : undefined]
    .filter((s): s is string => s !== undefined && s.trim() !== '')
    .join(', ');
}

/**
 * The minuted outcome, a line each: 'Completed'; or 'Updated to:' and each item of its list, as
 * the minutes set them out (the import keeps the list as one line; its items start with a month).
 */
export function outcomeLines(outcome: string | undefined): string[] {
  const text = outcome?.trim() ?? '';
  if (text === '') return [];
  if (!/^updated to\b/i.test(text)) return text.split(/\r\n?|\n/);
  const items = updatedItems(text.split(/\r\n?|\n/));
  return ['Updated to:', ...items.map((item) => `- ${item}`)];
}

// ----------------------------------------------------------------------------------------------
// The counts

/** Whether the digest lists scrutiny questions: then their counts are given too. */
export function listsQuestions(d: Pick<Digest, 'groups'>): boolean {
  return d.groups.some((g) => g.items.some((i) => i.kind === 'question'));
}

/** How many items of a kind the papers list, each once. */
function listed(d: Digest, kind: DigestItem['kind']): number {
  return new Set(d.groups.flatMap((g) => g.items.filter((i) => i.kind === kind).map((i) => i.id))).size;
}

/**
 * The papers' counts, actions and questions apart, from the flags (flags.ts): what is still with
 * its owners is told apart from what they have completed (the meeting discharges it) and from
 * what is closed. Overdue and no reply are counted as at the day the flags were read.
 */
export function papersCounts(d: Digest): { asAt: string; lines: string[] } {
  const a = d.counts.actions;
  const lines = [
    `Actions (${listed(d, 'action')} listed): ${outstandingCount(a)} outstanding, ` +
      `${a.readyToDischarge} completed awaiting discharge, ${listed(d, 'action') - a.open} discharged. ` +
      `Overdue: ${a.overdue}. No reply since the meeting: ${a.noReply}.`,
  ];
  if (listsQuestions(d)) {
    const q = d.counts.questions;
    lines.push(
      `Scrutiny questions (${listed(d, 'question')} listed): ${outstandingCount(q)} outstanding, ` +
        `${q.readyToDischarge} answered to be marked, ${listed(d, 'question') - q.open} marked answered. ` +
        `Overdue: ${q.overdue}. Awaiting a response: ${q.noReply}.`,
    );
  }
  const asAt = formatUkDate(d.counts.asAt);
  return {
    asAt: d.counts.asAt === d.meeting.date ? `As at ${asAt}, the day of the meeting` : `As at ${asAt}`,
    lines,
  };
}
