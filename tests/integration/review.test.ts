import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { applyReview, reviewAgenda } from '../../bot/services/review.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import type { Actor } from '../../bot/rules/types.ts';
import { testTables } from '../helpers/tables.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const secretariat: Actor = {
  id: 'priya-nair',
  name: 'Priya Nair',
  personId: 'priya-nair',
  role: 'secretariat',
  channel: 'teams',
};
const member: Actor = { id: 'jane-doe', name: 'Jane Doe', personId: 'jane-doe', role: 'member', channel: 'teams' };
let stores: Stores;
let n = 0;

async function boardAfterApril(now = '2023-04-12T09:00:00Z'): Promise<BoardContext> {
  const t = createBoardContext(stores, { tenant: 't-review', board: `R${++n}` }, () => new Date(now));
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  await saveMeeting(t, { date: '2023-05-09' });
  await importActions(t, fixture('actions-arising-example.txt'), {
    actor: { id: 'cli', name: 'cli', channel: 'import' },
  });
  return t;
}

beforeAll(async () => {
  stores = createStores(await testTables());
});

describe('recording a meeting’s decisions', () => {
  it('lists what the meeting reviewed and applies every decision, saying at which meeting', async () => {
    const t = await boardAfterApril();
    const agenda = await reviewAgenda(t, '2023-04-11');
    expect(agenda).toHaveLength(6);
    const results = await applyReview(
      t,
      secretariat,
      '2023-04-11',
      [
        { actionId: '2023-03-14.n001', to: 'discharged' },
        { actionId: '2023-03-14.i004.i', to: 'carried_forward' },
        { actionId: '2023-03-14.i007', to: 'standing' },
      ],
      'activity-9',
    );
    expect(results.map((r) => r.result.kind)).toEqual(['saved', 'saved', 'saved']);
    expect((await reviewAgenda(t, '2023-05-09')).map((a) => a.id)).not.toContain('2023-03-14.n001');
    const history = await stores.actions.history(t.scope, '2023-03-14.n001');
    expect(history.at(-1)).toMatchObject({
      by: 'priya-nair',
      note: 'At the meeting of 11/04/2023',
      changes: [{ field: 'status', from: 'open', to: 'discharged' }],
    });
    expect((await stores.actions.get(t.scope, '2023-03-14.i004.i'))?.action).toMatchObject({
      status: 'carried_forward',
      due: '2023-05-09',
    });

    // The same review sent again changes nothing.
    const again = await applyReview(
      t,
      secretariat,
      '2023-04-11',
      [{ actionId: '2023-03-14.n001', to: 'discharged' }],
      'activity-9',
    );
    expect(again[0]?.result).toMatchObject({ kind: 'saved', duplicate: true });
    expect(await stores.actions.history(t.scope, '2023-03-14.n001')).toHaveLength(2);
  });

  it('is for the chair and the secretariat, after the meeting', async () => {
    const t = await boardAfterApril('2023-04-10T09:00:00Z');
    await expect(applyReview(t, member, '2023-03-14', [])).rejects.toThrow(/chair or the secretariat/);
    await expect(applyReview(t, secretariat, '2023-04-11', [])).rejects.toThrow(/not been held yet/);
    await expect(applyReview(t, secretariat, '2023-04-12', [])).rejects.toThrow(/no meeting on 12\/04\/2023/);
  });
});
