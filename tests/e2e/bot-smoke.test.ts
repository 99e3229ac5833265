import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPeople } from '../../bot/services/people.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import {
  adaptiveCardInvoke,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
  teamsTeam,
  teamsUser,
} from '../helpers/teams-activities.ts';
import { validateCard } from '../helpers/validate-card.ts';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const TENANT = '72f988bf-0000-4000-8000-000000000001';

let bot: BotUnderTest;
beforeAll(async () => {
  bot = await startBot();
  const t = bot.context();
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
});
afterAll(async () => bot?.close());

describe('the bot, end to end', () => {
  const priya = teamsUser('Priya Nair', { email: 'priya.nair@example.org.uk' });
  const jane = teamsUser('Jane Doe', { email: 'jane.doe@example.police.uk' });
  const team = teamsTeam('PAM');

  it('installs in a team, reads the roster and links people by email', async () => {
    const ctx = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT, team };
    bot.channel.setRoster(team.id, [rosterEntry(priya, TENANT), rosterEntry(jane, TENANT)]);
    const res = await postActivity(bot.url, installationUpdate(priya, 'team', 'add', ctx));
    expect(res.status).toBe(200);
    const jd = await bot.stores.people.get(bot.context().scope, 'jane-doe');
    expect(jd?.person.aadObjectId).toBe(jane.aadObjectId);
  });

  it('imports pasted actions from the secretariat and sends each owner a card', async () => {
    const ctx = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT };
    const res = await postActivity(
      bot.url,
      personalMessage(priya, `import\n${fixture('actions-arising-example.txt')}`, ctx),
    );
    expect(res.status).toBe(200);
    await bot.channel.waitForSent(2);
    await bot.teams.sender.drain();
    const sent = bot.channel.sent();
    const texts = JSON.stringify(sent.map((s) => s.activity));
    expect(texts).toContain('6 imported');
    for (const s of sent)
      for (const a of (s.activity.attachments ?? []) as Array<{ content: unknown }>)
        expect(validateCard(a.content)).toEqual([]);
  });

  it('takes an owner’s reply on the card and answers with the refreshed card', async () => {
    const ctx = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT };
    const res = await postActivity(
      bot.url,
      adaptiveCardInvoke(
        jane,
        {
          verb: 'action.reply',
          data: { actionId: '2023-03-14.n001', board: 'PAM', version: 1 },
          inputs: { status: 'completed', note: 'Sent on 15 March' },
        },
        ctx,
      ),
    );
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('Saved: Completed');
    const stored = await bot.stores.actions.get(bot.context().scope, '2023-03-14.n001');
    expect(stored?.action).toMatchObject({
      status: 'completed',
      latestNote: 'Sent on 15 March',
      latestNoteBy: 'Jane Doe',
    });
  });
});
