// A large, realistic board built in memory (no storage), for the digest's tests and benchmark.
import { refKey } from '../../bot/rules/refs.ts';
import type { Action, ActionRef, Meeting, Person, Status } from '../../bot/rules/types.ts';

/** The owners the big board's actions name. */
export const BIG_BOARD_PEOPLE = new Map<string, Person>([
  ['jd', { id: 'jd', name: 'Jane Doe', initials: 'JD', aliases: [], role: 'member' }],
  ['scl', { id: 'scl', name: 'Sam Carter-Lee', initials: 'SCL', aliases: [], role: 'member' }],
]);

/**
 * A long-running board: `perMeeting` actions raised at each of `count` meetings four weeks apart,
 * in every status, with the meeting after them to compile the digest for. Shared by the digest
 * tests and the digest benchmark, so both measure the same board.
 */
export function bigBoard(
  count: number,
  perMeeting: number,
  textLength = 300,
): { actions: Action[]; meetings: Meeting[]; meeting: string } {
  const dates: string[] = [];
  for (let i = 0; i <= count; i++)
    dates.push(new Date(Date.UTC(2015, 0, 13) + i * 28 * 86_400_000).toISOString().slice(0, 10));
  const meetings: Meeting[] = dates.map((date, i) => ({
    date,
    time: '10:00',
    ...(dates[i + 1] ? { next: dates[i + 1] } : {}),
  }));
  const statuses: Status[] = [
    'open',
    'in_progress',
    'completed',
    'blocked',
    'carried_forward',
    'standing',
    'in_progress',
    'discharged',
  ];
  const previous = dates[count - 1] ?? '';
  const actions: Action[] = [];
  for (let m = 0; m < count; m++) {
    const meeting = dates[m] ?? '';
    for (let k = 1; k <= perMeeting; k++) {
      const status = statuses[(m * perMeeting + k) % statuses.length] ?? 'open';
      const ref: ActionRef = { shape: 'numbered', meeting, number: k };
      const text =
        `Action ${k} of ${meeting}: ${'review the performance framework and report back to the board; '.repeat(20)}`.slice(
          0,
          textLength,
        );
      const at = status === 'discharged' ? `${previous}T12:00:00Z` : `${meeting}T12:00:00Z`;
      actions.push({
        id: refKey(ref, meeting, text),
        ref,
        meeting,
        ownerText: 'JD',
        ownerForm: 'prefix',
        text,
        status,
        owners:
          k % 3 === 0
            ? [
                { label: 'JD', personId: 'jd' },
                { label: 'SCL', personId: 'scl' },
              ]
            : [{ label: 'the Force' }],
        ...(dates[m + 1] ? { due: dates[m + 1] } : {}),
        createdAt: `${meeting}T12:00:00Z`,
        updatedAt: at,
        version: 1,
        ...(k % 2 === 0
          ? {
              repliedAt: `${meeting}T15:00:00Z`,
              latestNote: 'Progress noted. '.repeat(10),
              latestNoteAt: `${meeting}T15:00:00Z`,
              latestNoteBy: 'Jane Doe',
            }
          : {}),
      });
    }
  }
  return { actions, meetings, meeting: dates[count] ?? '' };
}
