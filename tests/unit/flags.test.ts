// One meaning of overdue, no reply and ready to discharge (bot/rules/flags.ts), for actions and
// questions, as at a stated date; and the counts every surface shows.
import { describe, expect, it } from 'vitest';
import { actionFlags, countFlags, outstandingCount, questionFlags, shownCounts } from '../../bot/rules/flags.ts';
import type { Action, Meeting, Question } from '../../bot/rules/types.ts';

const meetings: Meeting[] = [{ date: '2021-02-23', next: '2021-03-23' }, { date: '2021-03-23' }];

function action(extra: Partial<Action> = {}): Pick<Action, 'status' | 'due' | 'repliedAt' | 'meeting'> {
  return { status: 'open', meeting: '2021-02-23', due: '2021-03-23', ...extra };
}

function question(extra: Partial<Question> = {}): Pick<Question, 'closedOn' | 'state' | 'due'> {
  return { state: 'awaiting', due: '2021-03-16', ...extra };
}

describe('actionFlags', () => {
  it('is overdue the day after its due date, not on it', () => {
    expect(actionFlags(action(), meetings, '2021-03-23').overdue).toBe(false);
    expect(actionFlags(action(), meetings, '2021-03-24').overdue).toBe(true);
  });

  it('never flags a discharged action, however late and silent', () => {
    expect(actionFlags(action({ status: 'discharged' }), meetings, '2026-01-01')).toEqual({
      open: false,
      overdue: false,
      noReply: false,
      readyToDischarge: false,
    });
  });

  it('does not call completed or standing items overdue; completed is ready to discharge', () => {
    expect(actionFlags(action({ status: 'completed' }), meetings, '2026-01-01')).toMatchObject({
      overdue: false,
      readyToDischarge: true,
    });
    expect(actionFlags(action({ status: 'standing' }), meetings, '2026-01-01')).toMatchObject({
      overdue: false,
      noReply: false,
    });
  });

  it('reads no reply since the latest meeting held by the day asked', () => {
    const replied = action({ status: 'in_progress', repliedAt: '2021-03-01T10:00:00Z' });
    expect(actionFlags(replied, meetings, '2021-03-22').noReply).toBe(false);
    expect(actionFlags(replied, meetings, '2021-03-23').noReply).toBe(true); // the March meeting was held
  });
});

describe('questionFlags', () => {
  it('is overdue past its due date while no response has come, and waiting for one until then', () => {
    expect(questionFlags(question(), '2021-03-16')).toMatchObject({ overdue: false, noReply: true });
    expect(questionFlags(question(), '2021-03-17')).toMatchObject({ overdue: true, noReply: true });
    expect(questionFlags(question({ state: 'partly_answered' }), '2021-03-17')).toMatchObject({
      overdue: false,
      noReply: false,
    });
    expect(questionFlags(question({ state: 'answered' }), '2021-03-17').readyToDischarge).toBe(true);
  });

  it('never flags a question marked answered (closed)', () => {
    expect(questionFlags(question({ closedOn: '2021-03-23' }), '2026-01-01')).toEqual({
      open: false,
      overdue: false,
      noReply: false,
      readyToDischarge: false,
    });
  });
});

describe('countFlags', () => {
  it('counts actions and questions apart, each item once, and says as at when', () => {
    const late = { ...actionFlags(action(), meetings, '2021-04-01'), kind: 'action' as const, id: 'a1' };
    const done = {
      ...actionFlags(action({ status: 'completed' }), meetings, '2021-04-01'),
      kind: 'action' as const,
      id: 'a2',
    };
    const closed = {
      ...actionFlags(action({ status: 'discharged' }), meetings, '2021-04-01'),
      kind: 'action' as const,
      id: 'a3',
    };
    const asked = { ...questionFlags(question(), '2021-04-01'), kind: 'question' as const, id: 'q1' };
    // An action with two owners is listed under each: counted once.
    expect(countFlags([late, late, done, closed, asked], '2021-04-01')).toEqual({
      asAt: '2021-04-01',
      actions: { open: 2, overdue: 1, noReply: 2, readyToDischarge: 1 },
      questions: { open: 1, overdue: 1, noReply: 1, readyToDischarge: 0 },
    });
    // As the papers and the cards show them: the completed one is not outstanding.
    const { actions } = countFlags([late, done, closed], '2021-04-01');
    expect(outstandingCount(actions)).toBe(1);
    expect(shownCounts(actions)).toEqual({ outstanding: 1, readyToDischarge: 1, overdue: 1, noReply: 2 });
  });
});
