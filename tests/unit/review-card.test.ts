import { describe, expect, it } from 'vitest';
import { cardBytes, MAX_CARD_BYTES, reviewCard, type ReviewItemView } from '../../cards/index.ts';
import { executeActions, validateCard, visibleTexts } from '../helpers/validate-card.ts';

const item = (n: number): ReviewItemView => ({
  actionId: `2023-03-14.n${String(n).padStart(3, '0')}`,
  ref: `${n}.14/03/2023`,
  text: `Action ${n} ${'x'.repeat(300)}`,
  owners: ['Jane Doe (JD)'],
  statusLabel: 'Completed',
});

describe('the review card', () => {
  it('validates, names each action its decision is for, and offers the four choices', () => {
    const card = reviewCard({
      board: 'PAM',
      meeting: '2023-04-11',
      meetingDate: '11/04/2023',
      items: [item(1), item(2)],
      notice: { tone: 'good', text: '2 decisions recorded' },
    });
    expect(validateCard(card)).toEqual([]);
    const [apply] = executeActions(card);
    expect(apply).toMatchObject({
      verb: 'review.apply',
      data: { board: 'PAM', meeting: '2023-04-11', items: '2023-03-14.n001 2023-03-14.n002' },
    });
    const choices = JSON.stringify(card).match(/"value":"(none|discharged|carried_forward|standing)"/g) ?? [];
    expect(choices.length).toBeGreaterThanOrEqual(8);
  });

  it('says so when nothing is open, without a button', () => {
    const card = reviewCard({ board: 'PAM', meeting: '2023-04-11', meetingDate: '11/04/2023', items: [] });
    expect(validateCard(card)).toEqual([]);
    expect(executeActions(card)).toEqual([]);
    expect(visibleTexts(card).join(' ')).toMatch(/Nothing was open/);
  });

  it('stays under 40 KB with 200 actions and says how many more there are', () => {
    const card = reviewCard({
      board: 'PAM',
      meeting: '2023-04-11',
      meetingDate: '11/04/2023',
      items: Array.from({ length: 200 }, (_, n) => item(n + 1)),
    });
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    expect(validateCard(card)).toEqual([]);
    expect(visibleTexts(card).join(' ')).toMatch(/and \d+ more/);
  });
});
