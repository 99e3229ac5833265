// Facts about a board's calendar that the rules need, from its list of meetings.
import type { IsoDate, Meeting } from './types.ts';

/** The latest meeting held on or before `today`. */
export function lastMeetingHeld(meetings: readonly Meeting[], today: IsoDate): IsoDate | undefined {
  // One pass, no sort: the flags ask this for every action.
  let latest: IsoDate | undefined;
  for (const m of meetings) if (m.date <= today && (latest === undefined || m.date > latest)) latest = m.date;
  return latest;
}

/** The first meeting after `date`, if one is known. */
export function meetingAfter(meetings: readonly Meeting[], date: IsoDate): Meeting | undefined {
  return [...meetings].sort((a, b) => a.date.localeCompare(b.date)).find((m) => m.date > date);
}

/** The date an action raised at `raised` is due: before the meeting that reviews it. */
export function dueFor(meetings: readonly Meeting[], raised: IsoDate): IsoDate | undefined {
  return meetings.find((m) => m.date === raised)?.next ?? meetingAfter(meetings, raised)?.date;
}

/** Whether a meeting held after `raised`, on or before `today`, has had the chance to review it. */
export function reviewedAtMeeting(meetings: readonly Meeting[], raised: IsoDate, today: IsoDate): boolean {
  return meetings.some((m) => m.date > raised && m.date <= today);
}
