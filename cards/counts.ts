// The counts the cards show (the bot counts them once, in bot/rules/flags.ts): one wording, one
// order and one colour for the outstanding view, the digest and the channel summary alike. Colour is
// never the only sign: every count carries its words, and Teams' pale yellow and green are not used for text.
import type { ItemCounts, Tone } from './models.ts';

export type Color = 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';

/**
 * A tone as a text colour. Teams' light theme draws `Warning` text pale yellow (#F8D22A) and `Good`
 * text pale green (#92C353), unreadable on white (1.5:1 and 2.2:1), so the warning tone is drawn in
 * the accent colour and the good tone in the default one (and the templates make such text bold).
 */
export const TEXT_COLOR: Record<Tone, Color> = { good: 'Default', warning: 'Accent', attention: 'Attention' };

type Labels = Record<keyof ItemCounts, string>;

// The papers' words: what is outstanding is never counted again as completed (or answered).
export const ACTION_COUNT_LABELS: Labels = {
  outstanding: 'Outstanding',
  readyToDischarge: 'Completed, awaiting discharge',
  overdue: 'Overdue',
  noReply: 'No reply since the meeting',
};

export const QUESTION_COUNT_LABELS: Labels = {
  outstanding: 'Outstanding',
  readyToDischarge: 'Answered, to be marked',
  overdue: 'Overdue',
  noReply: 'Awaiting a response',
};

const ORDER: ReadonlyArray<keyof ItemCounts> = ['outstanding', 'readyToDischarge', 'overdue', 'noReply'];

const COLOR: Record<keyof ItemCounts, Color> = {
  outstanding: 'Default',
  overdue: 'Attention',
  noReply: 'Accent',
  readyToDischarge: TEXT_COLOR.good,
};

/** The counts as columns: the number (coloured when above 0) over its words. */
export function countColumns(
  c: ItemCounts,
  labels: Labels = ACTION_COUNT_LABELS,
): Array<{ label: string; value: string; color: Color }> {
  return ORDER.map((k) => ({
    label: labels[k],
    value: c[k].toLocaleString('en-GB'),
    color: c[k] > 0 ? COLOR[k] : 'Default',
  }));
}

/** The counts on one line: 'Outstanding 3 · Answered, to be marked 0 · Overdue 1 · Awaiting a response 2'. */
export function countsSentence(c: ItemCounts, labels: Labels = ACTION_COUNT_LABELS): string {
  return ORDER.map((k) => `${labels[k]} ${c[k].toLocaleString('en-GB')}`).join(' · ');
}
