// The rule that finds the action a review row without a reference is: owners agree, the task is
// the same (by content words), only among the reviewed meeting's open actions (or those this
// meeting closed), and never a pick between two.
import { describe, expect, it } from 'vitest';
import { matchReviewRow, ownersAgree, SAME_TASK, taskSimilarity, taskWords } from '../../bot/rules/review-match.ts';
import type { Action, Owner, Status } from '../../bot/rules/types.ts';

function action(id: string, text: string, owners: Owner[], status: Status = 'open', closedOn?: string): Action {
  return {
    id,
    ref: { shape: 'numbered', meeting: '2023-02-14', number: Number(id.slice(-1)) },
    meeting: '2023-02-14',
    owners,
    ownerText: owners.map((o) => o.label).join(' / '),
    ownerForm: 'prefix',
    text,
    status,
    ...(closedOn ? { closedOn } : {}),
    createdAt: '2023-02-15T10:00:00.000Z',
    updatedAt: '2023-02-15T10:00:00.000Z',
    version: 1,
  };
}

const KP: Owner = { label: 'KP', personId: 'kim-patel' };
const JD: Owner = { label: 'JD', personId: 'jane-doe' };
const ROW = {
  personIds: ['kim-patel'],
  labels: ['KP'],
  text: 'provide the OPCC with a district breakdown of rural crime reports',
};

describe('the task words and their similarity', () => {
  it('drops the little words and a plural s, and ignores case and punctuation', () => {
    expect([...taskWords('Provide the OPCC with a district breakdown of rural crime reports.')]).toEqual([
      'provide',
      'opcc',
      'district',
      'breakdown',
      'rural',
      'crime',
      'report',
    ]);
    expect([...taskWords('Assess the process')]).toEqual(['assess', 'process']);
  });

  it('is 1 for the same task reworded, low for another task, 0 for nothing in common', () => {
    expect(
      taskSimilarity(ROW.text, 'KP to provide a district breakdown of rural crime reports to the OPCC'),
    ).toBeCloseTo((2 * 7) / (7 + 8));
    expect(taskSimilarity(ROW.text, 'Provide a district breakdown of rural crime reports to the OPCC')).toBe(1);
    expect(taskSimilarity(ROW.text, 'Confirm the number of staff in the Harm Hub')).toBeLessThan(SAME_TASK);
    expect(taskSimilarity('', '')).toBe(0);
  });
});

describe('matching a review row', () => {
  const same = action('a3', 'Provide a district breakdown of rural crime reports to the OPCC', [KP]);

  it('finds the one open action with the same owner and task', () => {
    expect(matchReviewRow(ROW, [same, action('a4', 'Circulate the terms of reference', [KP])], '2023-03-14')).toEqual({
      kind: 'match',
      action: same,
    });
  });

  it('does not match another owner, or an action closed before this meeting', () => {
    expect(matchReviewRow(ROW, [{ ...same, owners: [JD] }], '2023-03-14')).toEqual({ kind: 'none' });
    expect(matchReviewRow(ROW, [{ ...same, status: 'discharged', closedOn: '2023-02-14' }], '2023-03-14')).toEqual({
      kind: 'none',
    });
  });

  it('still finds an action this very meeting discharged (the same minutes imported again)', () => {
    const closed = { ...same, status: 'discharged' as const, closedOn: '2023-03-14' };
    expect(matchReviewRow(ROW, [closed], '2023-03-14')).toEqual({ kind: 'match', action: closed });
  });

  it('matches none of two that both fit, and says which they were', () => {
    const other = action('a5', 'Provide the OPCC with a breakdown of rural crime reports by district', [KP]);
    expect(matchReviewRow(ROW, [same, other], '2023-03-14')).toEqual({ kind: 'ambiguous', actions: [same, other] });
  });

  it('compares labels when the owners are nobody in the directory, and leaves an owner-less row to the text', () => {
    const force = action('a6', 'Provide a written response', [{ label: 'the Force' }]);
    expect(ownersAgree({ personIds: [], labels: ['The Force'] }, force)).toBe(true);
    expect(ownersAgree({ personIds: [], labels: ['RG'] }, force)).toBe(false);
    expect(ownersAgree({ personIds: [], labels: [] }, force)).toBe(true);
    expect(ownersAgree({ personIds: ['kim-patel'], labels: ['KP'] }, force)).toBe(false);
  });
});
