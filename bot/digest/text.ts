// The words every rendering of the digest shares, so the card, the Word file, the Markdown and
// the CSV say the same thing the same way.
// The counts' words alone (cards/counts.ts), not the card renderers: the CLI's Markdown needs no templates.
import { ACTION_COUNT_LABELS, countsSentence, QUESTION_COUNT_LABELS } from '../../cards/counts.ts';
import type { Digest, DigestItem } from '../rules/digest-model.ts';
import { formatUkDate } from '../rules/refs.ts';
import { owesUpdate } from '../rules/statuses.ts';

/** 'Completed — propose discharge'; just 'Standing item' when the proposal would repeat the status. */
export function statusText(i: Pick<DigestItem, 'statusLabel' | 'proposal'>): string {
  return i.proposal.toLowerCase() === i.statusLabel.toLowerCase() ? i.statusLabel : `${i.statusLabel} — ${i.proposal}`;
}

/**
 * The Status cell, a line each: the status and proposal, 'No reply since the meeting' when an
 * overdue item also has none (the proposal names only one), and the due date while the owner
 * still owes something.
 */
export function statusLines(
  i: Pick<DigestItem, 'status' | 'statusLabel' | 'proposal' | 'due' | 'overdue' | 'noReply'>,
): string[] {
  const lines = [statusText(i)];
  if (i.proposal === 'overdue' && i.noReply) lines.push('No reply since the meeting');
  if (i.due && owesUpdate(i.status)) lines.push(`Due ${i.due}`);
  return lines;
}

/** 'Jane Doe (JD) / the Force', or '—' for an action nobody owns. */
export function ownersText(owners: readonly string[]): string {
  return owners.length > 0 ? owners.join(' / ') : '—';
}

/** 'met Insp X on 12 March (Jane Doe, 20/03/2023)'; '' when there is none. */
export function updateText(i: Pick<DigestItem, 'latestUpdate'>): string {
  const u = i.latestUpdate;
  if (!u) return '';
  const who = [u.by, u.date].filter((s) => s.trim() !== '').join(', ');
  return who ? `${u.text} (${who})` : u.text;
}

/** The document's title: 'PAM action log — meeting of 14/03/2023'. */
export function digestTitle(d: Digest): string {
  return `${d.board} action log — meeting of ${d.meeting.dateText}`;
}

/** '14/03/2023 at 10:00 · Police HQ · Focus: R&R · Deep dive: Hate Crime'. */
export function meetingLine(d: Digest): string {
  const m = d.meeting;
  return [
    m.time ? `${m.dateText} at ${m.time}` : m.dateText,
    m.location,
    m.focus ? `Focus: ${m.focus}` : undefined,
    m.deepDive ? `Deep dive: ${m.deepDive}` : undefined,
  ]
    .filter((s): s is string => s !== undefined && s.trim() !== '')
    .join(' · ');
}

/** Whether the digest lists scrutiny questions: then their counts are given too. */
export function listsQuestions(d: Digest): boolean {
  return d.groups.some((g) => g.items.some((i) => i.kind === 'question'));
}

/** 'As at 04/04/2023. Actions: Open 12 · Overdue 2 · ... Scrutiny questions: Open 3 · ...', as the cards word them. */
export function countsLine(d: Digest): string {
  return [
    `As at ${formatUkDate(d.counts.asAt)}.`,
    `Actions: ${countsSentence(d.counts.actions, ACTION_COUNT_LABELS)}.`,
    ...(listsQuestions(d) ? [`Scrutiny questions: ${countsSentence(d.counts.questions, QUESTION_COUNT_LABELS)}.`] : []),
  ].join(' ');
}
