// A bot registered with an app id authenticates every request to /api/messages (botbuilder's
// CloudAdapter checks the Bot Connector's JWT): whatever comes without a valid token is answered
// without reaching the bot, and nothing is stored or sent. No network is needed for the first two
// cases; the third shows what happens here, offline, with a token that looks like a real one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPeople } from '../../bot/services/people.ts';
import type { Scope } from '../../bot/tracker/types.ts';
import { directoryUsers, fixture, TENANT } from '../helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { installationUpdate, personalMessage, postActivity, type TeamsActivity } from '../helpers/teams-activities.ts';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('a bot with an app id', () => {
  let bot: BotUnderTest;
  // With an app id the bot works on the tenant the activity names (no local tenant).
  const scope: Scope = { tenant: TENANT, board: 'PAM' };
  const users = directoryUsers();
  let activities: TeamsActivity[];

  beforeAll(async () => {
    bot = await startBot({ env: { MicrosoftAppId: randomUUID(), MicrosoftAppPassword: 'x' } });
    await importPeople(bot.tracker(scope), fixture('people-example.csv'));
    const ctx = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT };
    activities = [
      installationUpdate(users.PN, 'personal', 'add', ctx),
      personalMessage(users.PN, `import\n${fixture('actions-arising-example.txt')}`, ctx),
    ];
  });
  afterAll(async () => bot?.close());

  /** Nothing the requests asked for happened: no chat kept, nobody linked, no action, nothing queued or sent. */
  async function expectNothingStored(): Promise<void> {
    expect(await bot.stores.conversations.get(TENANT, 'personal', users.PN.aadObjectId)).toBeNull();
    expect(await bot.stores.people.byTeamsId(scope, users.PN.aadObjectId)).toBeNull();
    expect(await bot.stores.actions.listAll(scope)).toEqual([]);
    expect(await bot.stores.actions.listAll(bot.tracker().scope)).toEqual([]);
    expect(await bot.stores.outbox.list('queued')).toEqual([]);
    expect(bot.channel.requests).toEqual([]);
  }

  it('answers a request without a token with 401 and stores nothing', async () => {
    for (const activity of activities) {
      const res = await postActivity(bot.url, activity, { timeoutMs: 5_000 });
      expect(res.status).toBe(401);
      expect(res.body).toBe('Unauthorized Access. Request is not authorized');
    }
    await expectNothingStored();
  });

  it('answers a request with a garbage Bearer token with 401, without going to the network', async () => {
    for (const token of ['garbage', 'a.b.c', `${b64({ alg: 'none' })}.${b64({})}.`]) {
      const started = performance.now();
      const res = await postActivity(bot.url, activities[1] as TeamsActivity, { token, timeoutMs: 5_000 });
      expect(res.status, token).toBe(401);
      expect(res.body).toBe('Unauthorized. No valid identity.');
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    await expectNothingStored();
  });

  it('rejects a well-formed but forged JWT: it never reaches the bot (offline, botbuilder answers 500 as it cannot fetch the signing keys)', async () => {
    // A token shaped like the Bot Connector's: botbuilder goes to fetch the OpenID metadata of
    // its issuer (login.botframework.com) to find the signing key. Offline that fetch fails and
    // the request is answered 500 with the fetch error; online the unknown key gives 401.
    const token = `${b64({ alg: 'RS256', kid: 'forged', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: randomUUID(), serviceurl: bot.channel.serviceUrl, exp: Math.floor(Date.now() / 1000) + 600 })}.c2lnbmF0dXJl`;
    const started = performance.now();
    const res = await postActivity(bot.url, activities[1] as TeamsActivity, { token, timeoutMs: 15_000 });
    const ms = performance.now() - started;
    console.log(`forged JWT: HTTP ${res.status} after ${Math.round(ms)} ms: ${String(res.body).slice(0, 160)}`);
    expect([401, 500]).toContain(res.status);
    expect(res.status === 401 || /openidconfiguration|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch/i.test(String(res.body))).toBe(true);
    await expectNothingStored();
  });
});
