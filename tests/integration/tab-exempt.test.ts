// The dashboard tab and exempt items: the same rule as the bot's cards. A member sees no board
// view at all, and their own view holds only their own items; an entitled viewer sees the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markActionExempt } from '../../bot/services/exempt.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { fixture } from '../helpers/bot-board.ts';

const SECRET_TEXT = 'Circulate the revised terms of reference';
let bot: BotUnderTest;

async function tokenFor(personId: string): Promise<string> {
  const res = await fetch(`${bot.base}/api/tab/dev-login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ personId }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}
const get = async (path: string, personId: string) =>
  fetch(`${bot.base}${path}`, { headers: { Authorization: `Bearer ${await tokenFor(personId)}` } });

beforeAll(async () => {
  bot = await startBot({ tab: true });
  const t = bot.context();
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  await importActions(t, fixture('actions-arising-example.txt'), {
    actor: { id: 'cli', name: 'cli', channel: 'import' },
  });
  await markActionExempt(
    t,
    { id: 'priya-nair', name: 'Priya Nair', personId: 'priya-nair', role: 'secretariat', channel: 'cli' },
    '01.14/03/2023',
    'FOIA s.31',
  );
});
afterAll(async () => bot?.close());

describe('exempt items in the tab', () => {
  it('never reach a member who is not entitled, through any view', async () => {
    const board = await get('/api/tab/actions?view=all', 'kim-patel');
    expect(board.status).toBe(403);
    expect(await board.text()).not.toContain(SECRET_TEXT);
    const mine = await get('/api/tab/actions?view=mine', 'kim-patel');
    expect(mine.status).toBe(200);
    const body = await mine.text();
    expect(body).not.toContain(SECRET_TEXT);
    expect(JSON.parse(body).actions.length).toBeGreaterThan(0);
  });

  it('show their text to the owner and the chair', async () => {
    expect(await (await get('/api/tab/actions?view=mine', 'jane-doe')).text()).toContain(SECRET_TEXT);
    expect(await (await get('/api/tab/actions?view=all', 'morgan-hale')).text()).toContain(SECRET_TEXT);
  });
});
