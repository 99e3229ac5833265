// Every call the bot makes to Teams is one it decided to make, and counts toward its pacing: Teams
// counts every call, a refused one as much as one that goes, and may block a bot that keeps going over
// its limits. botbuilder's client would try a 429 (or a 503 with Retry-After, a 5xx, a reset) up to
// three more times on its own, unseen by the outbox; here each try of an outbox item is one HTTP call
// to the stand-in, every call waits for its slot in the tenant's rate, and a reply in a turn is not
// tried again behind the turn's back either.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dmOf, TENANT, validCards, type Initials } from '../helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { drainAll, queueCards, senderFor, settle } from '../helpers/outbox-board.ts';
import { personalMessage, postActivity, teamsUser } from '../helpers/teams-activities.ts';
import type { FailOptions, RecordedRequest, TeamsChannel } from '../helpers/teams-channel.ts';

// Checked in vitest.config's globalSetup: every case needs the run's Azurite.
inject('tablesConnectionString');

const sendCalls = (channel: TeamsChannel): RecordedRequest[] =>
  channel.requests.filter((r) => r.route === 'send' || r.route === 'reply');

interface ThrottleCase {
  name: string;
  /** The calls refused, in order. */
  refuse: FailOptions & { times: number };
  /** The owner's 1:1 chat is not known yet: the first call of each try opens it. */
  opensChat?: boolean;
}

const THROTTLED: ThrottleCase[] = [
  { name: 'a 429 with Retry-After, twice', refuse: { times: 2, status: 429, retryAfterSeconds: 0.1, route: 'send' } },
  { name: 'a 429 without Retry-After, twice', refuse: { times: 2, status: 429, route: 'send' } },
  { name: 'a 503 with Retry-After', refuse: { times: 1, status: 503, retryAfterSeconds: 0.1, route: 'send' } },
  {
    name: 'a 429 on opening the 1:1 chat',
    refuse: { times: 1, status: 429, retryAfterSeconds: 0.1, route: 'create' },
    opensChat: true,
  },
];

describe('a throttled send through the outbox', () => {
  it.concurrent.each(THROTTLED)(
    '$name: one HTTP call for each try the outbox makes, none hidden',
    async ({ refuse, opensChat }) => {
      const {
        stores,
        channel,
        ids: [id = ''],
        users,
      } = await queueCards(['JD'], 1, { chatsKnown: !opensChat });
      try {
        const { sender, events } = senderFor(stores);
        const { times, ...fault } = refuse;
        channel.failNext(times, fault);
        const final = await settle(sender, stores, id);
        await sender.stop();

        // Each refusal cost the item one try, and each try one call on the refused route.
        expect(final).toMatchObject({ state: 'sent', attempts: times + 1 });
        const refusedRoute = channel.requests.filter((r) =>
          fault.route === 'create' ? r.route === 'create' : r.route === 'send' || r.route === 'reply',
        );
        expect(refusedRoute.map((r) => r.status)).toEqual([
          ...Array.from({ length: times }, () => fault.status),
          expect.any(Number),
        ]);
        expect(refusedRoute.at(-1)?.status).toBeLessThan(300);
        // The message itself went once, and the card arrived once.
        expect(sendCalls(channel).filter((r) => r.status !== undefined && r.status < 300)).toHaveLength(1);
        if (opensChat) expect(sendCalls(channel)).toHaveLength(1);
        expect(validCards(channel.sent(dmOf(users.JD)))).toHaveLength(1);
        // The outbox knew of every refusal: a retry line with its status for each.
        const retries = events.filter((e) => e.event === 'outbox.retry' && e.id === id);
        expect(retries.map((e) => e.statusCode)).toEqual(Array.from({ length: times }, () => fault.status));
      } finally {
        await channel.close();
      }
    },
    60_000,
  );
});

describe('pacing', () => {
  it('counts every call, the refused ones too: at a tenant rate of 2 a second, no burst of retries', async () => {
    const owners: Initials[] = ['JD', 'SCL', 'KP', 'CO', 'AW'];
    const { stores, channel, ids } = await queueCards(owners, 1);
    try {
      const rate = 2;
      const { sender } = senderFor(stores, { tenantRate: rate });
      // Every card's first send is refused; a client retrying on its own would send again 50 ms later.
      channel.failNext(owners.length, { status: 429, retryAfterSeconds: 0.05, route: 'send' });
      await drainAll(sender, stores);
      await sender.stop();

      const sent = await stores.outbox.list('sent');
      expect(sent.map((i) => i.id).sort()).toEqual([...ids].sort());
      const tries = sent.reduce((sum, i) => sum + i.attempts, 0);
      expect(tries).toBe(2 * owners.length);
      const calls = sendCalls(channel);
      expect(calls).toHaveLength(tries);
      expect(calls.filter((r) => r.status === 429)).toHaveLength(owners.length);
      // Each call took a slot of the tenant's rate: no more than `rate` of them, refused or not, in
      // any half second (half the rate's window, so that the machine's own delays cannot flag it).
      const at = calls.map((r) => r.at).sort((a, b) => a - b);
      for (let i = rate; i < at.length; i++)
        expect((at[i] ?? 0) - (at[i - rate] ?? 0), `calls ${i - rate} and ${i}`).toBeGreaterThanOrEqual(500);
    } finally {
      await channel.close();
    }
  }, 90_000);
});

describe('a reply in a turn', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('a reply in a turn that Teams throttles is sent once more after its Retry-After, in plain sight: the person gets the answer', async () => {
    const user = teamsUser('Throttled Reader');
    bot.channel.failNext(1, { status: 429, retryAfterSeconds: 0.05, route: 'send' });
    const res = await postActivity(
      bot.url,
      personalMessage(user, 'help', { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT }),
    );
    expect(res.status).toBe(200);
    const replies = sendCalls(bot.channel);
    expect(replies.map((r) => r.status)).toEqual([429, 200]);
    const [refused, sent] = replies;
    expect(JSON.stringify(sent?.body)).toBe(JSON.stringify(refused?.body)); // the same help card, not an apology
  });

  it('throttled twice, the turn fails with an apology that does not claim nothing was saved: three calls, none hidden', async () => {
    bot.channel.clear();
    const user = teamsUser('Twice Throttled');
    bot.channel.failNext(2, { status: 429, retryAfterSeconds: 0.05, route: 'send' });
    const from = bot.logs.length;
    const res = await postActivity(
      bot.url,
      personalMessage(user, 'help', { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT }),
    );
    expect(res.status).toBe(200);
    const replies = sendCalls(bot.channel);
    expect(replies.map((r) => r.status)).toEqual([429, 429, 200]);
    const apology = (replies[2]?.body as { text?: unknown }).text;
    expect(apology).toMatch(/^Sorry, something went wrong on my side/);
    expect(apology).not.toMatch(/nothing was saved/);
    expect(bot.logs.slice(from).map((l) => (JSON.parse(l) as { event?: unknown }).event)).toContain(
      'teams.turn_failed',
    );
  });
});
