// A month of the deep-dive schedule against what the store holds: the minutes give each month's
// focus and topic, but a deep dive set by hand (`deep dive April: X`, `meeting deep-dives`,
// `meeting add --deep-dive`) stands against them, and the preview says so. Pure.
import { formatLondonDate } from './dates.ts';
import type { DeepDiveMonth, DeepDiveSource, Meeting } from './types.ts';

// A deep dive set by hand (`deep dive April: X`, `meeting deep-dives`, `meeting add --deep-dive`)
// stands against the minutes: they never replace it without saying so. One set before how it was
// set was recorded counts as set by hand.
export const isSetByHand = (set: DeepDiveSource | undefined): boolean => (set?.how ?? 'hand') === 'hand';

/** What the preview says of a hand-set deep dive it keeps. */
export function keptByHand(set: DeepDiveSource | undefined, minutesTopic: string | undefined): string {
  const who = set?.by ? ` by ${set.by}` : '';
  const when = set ? ` on ${formatLondonDate(set.at)}` : '';
  return `set by hand${who}${when}; the minutes say ${minutesTopic ?? 'Nil'}`;
}

/** The schedule's row for the month as the minutes give it; 'kept' against a hand-set topic; null when it is the same. */
export function withMinutesMonth(
  current: DeepDiveMonth | undefined,
  wanted: DeepDiveMonth,
): DeepDiveMonth | 'kept' | null {
  if (!current) return wanted;
  const sameTopic = current.topic === wanted.topic;
  if (!sameTopic && isSetByHand(current.set)) return 'kept';
  if (sameTopic && current.focus === wanted.focus) return null;
  return { ...wanted, set: sameTopic ? current.set : wanted.set };
}

/**
 * A meeting of that month with its focus and deep dive from the minutes (`next`, null when the
 * same); `kept` when its topic was set by hand and the minutes say another (the focus still follows).
 */
export function withMinutesDeepDive(meeting: Meeting, month: DeepDiveMonth): { next: Meeting | null; kept: boolean } {
  const sameTopic = meeting.deepDive === month.topic;
  const kept = !sameTopic && meeting.deepDive !== undefined && isSetByHand(meeting.deepDiveSet);
  const next: Meeting = { ...meeting };
  if (month.focus !== undefined) next.focus = month.focus;
  if (!sameTopic && !kept) {
    if (month.topic === undefined) {
      delete next.deepDive;
      delete next.deepDiveSet;
    } else {
      next.deepDive = month.topic;
      next.deepDiveSet = month.set;
    }
  }
  const same = next.focus === meeting.focus && next.deepDive === meeting.deepDive;
  return { next: same ? null : next, kept };
}
