import { describe, expect, it } from 'vitest';
import { outstanding } from '../../bot/rules/outstanding.ts';
import type { Action, Status } from '../../bot/rules/types.ts';
import { member } from '../helpers/people.ts';

const person = member;
const people = new Map([person('jd', 'Jane Doe'), person('kp', 'Kim Patel')].map((p) => [p.id, p]));
const meetings = [{ date: '2023-03-14', next: '2023-04-11' }, { date: '2023-04-11' }];
let n = 0;
function action(owners: Action['owners'], status: Status, extra: Partial<Action> = {}): Action {
  n++;
  return {
    id: `2023-03-14.n00${n}`,
    ref: { shape: 'numbered', meeting: '2023-03-14', number: n },
    meeting: '2023-03-14',
    owners,
    ownerText: '',
    ownerForm: 'prefix',
    text: `Task ${n}`,
    status,
    due: '2023-04-11',
    createdAt: '2023-03-14T12:00:00Z',
    updatedAt: '2023-03-14T12:00:00Z',
    version: 1,
    ...extra,
  };
}

describe('outstanding', () => {
  const replied = action([{ label: 'JD', personId: 'jd' }], 'in_progress', { repliedAt: '2023-03-20T10:00:00Z' });
  const silent = action([{ label: 'KP', personId: 'kp' }], 'open');
  const done = action(
    [
      { label: 'JD', personId: 'jd' },
      { label: 'KP', personId: 'kp' },
    ],
    'completed',
    { repliedAt: '2023-03-21T10:00:00Z' },
  );
  const force = action([{ label: 'the Force' }], 'standing');
  const closed = action([{ label: 'JD', personId: 'jd' }], 'discharged');
  const all = [replied, silent, done, force, closed];

  it('groups open actions by owner, listing a shared action under each owner', () => {
    const view = outstanding(all, people, meetings, '2023-04-05');
    expect(view.groups.map((g) => [g.owner, g.items.map((i) => i.action.id)])).toEqual([
      ['Jane Doe', [replied.id, done.id]],
      ['Kim Patel', [silent.id, done.id]],
      ['the Force', [force.id]],
    ]);
    expect(view.counts).toEqual({
      asAt: '2023-04-05',
      actions: { open: 4, overdue: 0, noReply: 1, readyToDischarge: 1 },
      questions: { open: 0, overdue: 0, noReply: 0, readyToDischarge: 0 },
    });
  });

  it('flags overdue after the due date, and no reply since the latest meeting held', () => {
    const view = outstanding(all, people, meetings, '2023-04-12');
    const flags = Object.fromEntries(
      view.groups.flatMap((g) => g.items).map((i) => [i.action.id, [i.overdue, i.noReply, i.readyToDischarge]]),
    );
    expect(flags[replied.id]).toEqual([true, true, false]); // replied in March, not since the April meeting
    expect(flags[silent.id]).toEqual([true, true, false]);
    expect(flags[done.id]).toEqual([false, true, true]); // completed is never overdue
    expect(flags[force.id]).toEqual([false, false, false]); // standing items wait for nobody
  });
});
