// The outbox end to end: owners' cards queued in storage and sent to the loopback Teams channel by
// the real sender and botbuilder client, through a sender that dies between two sends, a storm of
// 429s with Retry-After, 502s, and 403/404 answers that no retry can mend. What must hold each time:
// every card reaches its owner exactly once (nothing lost, nothing duplicated), and what cannot be
// delivered is marked failed, visibly, without a retry loop.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/log.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { linkByEmail } from '../../bot/services/identity.ts';
import { queueActionCards } from '../../bot/outbox/queue.ts';
import { OutboxSender } from '../../bot/outbox/sender.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import { createAdapter } from '../../bot/teams/adapter.ts';
import { createDelivery } from '../../bot/teams/delivery.ts';
import type { Action } from '../../bot/rules/types.ts';
import type { OutboxItem } from '../../storage/outbox.ts';
import {
  actionIdOf,
  directoryUsers,
  dmOf,
  expectEveryCardValid,
  fixture,
  sleep,
  TENANT,
  validCards,
  type Initials,
} from '../helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { freePort, killAllChildren, linesOf, pollHttp, startServer } from '../helpers/processes.ts';
import { testTables, uniquePrefix } from '../helpers/tables.ts';
import { executeActions } from '../helpers/validate-card.ts';
import { DEFAULT_BOT, installationUpdate, postActivity, type TeamsUser } from '../helpers/teams-activities.ts';
import { startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';

const OWNERS: readonly Initials[] = ['JD', 'SCL', 'KP', 'CO', 'AW'];
const users = directoryUsers();
const secretariat = { id: 'test', name: 'Test secretariat', channel: 'cli' as const };

/** The example board's six owner cards, on a board of its own (outbox ids carry the board). */
async function queueExampleCards(
  stores: Stores,
  board: string,
  table = fixture('actions-arising-example.txt'),
): Promise<{ t: BoardContext; actions: Action[]; ids: string[] }> {
  const t = createBoardContext(stores, { tenant: 'local', board });
  await importPeople(t, fixture('people-example.csv'));
  for (const i of OWNERS) expect(await linkByEmail(t, users[i].email as string, users[i].aadObjectId)).not.toBeNull();
  const report = await importActions(t, table, { actor: secretariat });
  expect(report.counts.error).toBe(0);
  const actions = await stores.actions.listAll(t.scope);
  const notified = await queueActionCards(t, actions);
  const ids = (await stores.outbox.list('queued')).map((i) => i.id).filter((id) => id.includes(`|${board}|`));
  expect(ids.length).toBe(notified.queued);
  return { t, actions, ids };
}

/** The owner cards the channel has received for a board, as `actionId|initials`, one entry per send. */
function cardsReceived(channel: TeamsChannel, board: string): string[] {
  return OWNERS.flatMap((i) =>
    validCards(channel.sent(dmOf(users[i])))
      .filter((card) => executeActions(card).some((a) => a.data.board === board))
      .map((card) => `${actionIdOf(card)}|${i}`),
  );
}

/** Every `actionId|initials` an owner should get for these actions. */
function cardsExpected(actions: readonly Action[]): string[] {
  const byPerson = new Map(OWNERS.map((i) => [users[i].name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), i]));
  return actions.flatMap((a) =>
    a.owners.flatMap((o) => (o.personId && byPerson.has(o.personId) ? [`${a.id}|${byPerson.get(o.personId)}`] : [])),
  );
}

const sorted = (xs: string[]): string[] => [...xs].sort();

/** Drains until nothing is queued or in flight for this board (retries wait for their time). */
async function drainAll(sender: OutboxSender, stores: Stores, board: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sender.drain();
    const left = [...(await stores.outbox.list('queued')), ...(await stores.outbox.list('inflight'))].filter((i) =>
      i.id.includes(`|${board}|`),
    );
    if (left.length === 0) return;
    if (Date.now() > until)
      throw new Error(`outbox not drained: ${left.map((i) => `${i.id} ${i.state} ${i.lastError ?? ''}`).join('; ')}`);
    await sleep(100);
  }
}

/** A sender of our own, as a restarted process would build it (the real delivery, a clock of its own). */
function newSender(stores: Stores, now: () => Date = () => new Date()): OutboxSender {
  const log = createLogger('error', () => undefined);
  const adapter = createAdapter(loadConfig({ TRACKER_TENANT: 'local' }).teams, log);
  const delivery = createDelivery({ adapter, appId: '', stores, log, now });
  return new OutboxSender({
    outbox: stores.outbox,
    deliver: delivery.deliver,
    describeFailure: delivery.describeFailure,
    log,
    now,
  });
}

describe('the outbox, through the bot’s own sender', () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBot();
    // Every owner has the app installed: their 1:1 chats are known.
    const ctx = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT };
    for (const i of OWNERS)
      expect((await postActivity(bot.url, installationUpdate(users[i], 'personal', 'add', ctx))).status).toBe(200);
  });
  afterAll(async () => {
    try {
      if (bot) expectEveryCardValid(bot);
    } finally {
      await bot?.close();
    }
  });

  it('sends every card exactly once when a sender claimed one and died before sending it', async () => {
    const { stores, channel } = bot;
    const { actions, ids } = await queueExampleCards(stores, 'KILL');
    expect(ids.length).toBe(6);

    // The sender that dies: it claims one item (the sender's usual 60 s lease) and is never heard of again.
    const [victim] = await stores.outbox.due(new Date(), 1);
    expect(victim).toBeDefined();
    const claimed = await stores.outbox.claim(victim as OutboxItem, new Date(), 60_000);
    expect(claimed).toMatchObject({ state: 'inflight', attempts: 1 });

    // The survivor sends the rest at once, and leaves the claimed one alone while its lease runs.
    expect(await bot.teams.sender.drain()).toBe(5);
    expect(await bot.teams.sender.drain()).toBe(0);
    expect((await stores.outbox.get(victim?.id as string))?.state).toBe('inflight');
    expect(cardsReceived(channel, 'KILL').length).toBe(5);

    // Once the lease has run out (a sender whose clock is a minute on), the item in doubt is sent: once.
    const later = newSender(stores, () => new Date(Date.now() + 61_000));
    await drainAll(later, stores, 'KILL');
    expect(sorted(cardsReceived(channel, 'KILL'))).toEqual(sorted(cardsExpected(actions)));
    expect(channel.stats().duplicates).toBe(0);
    expect(await stores.outbox.get(victim?.id as string)).toMatchObject({ state: 'sent', attempts: 2 });
    expect((await stores.outbox.list('sent')).filter((i) => ids.includes(i.id)).length).toBe(6);
  });

  it('two senders draining the same outbox at once send each card once', async () => {
    const { stores, channel } = bot;
    const { actions } = await queueExampleCards(stores, 'TWO');
    const other = newSender(stores);
    const [a, b] = await Promise.all([bot.teams.sender.drain(), other.drain()]);
    expect(a + b).toBe(6);
    expect(sorted(cardsReceived(channel, 'TWO'))).toEqual(sorted(cardsExpected(actions)));
    expect(channel.stats().duplicates).toBe(0);
  });

  it('rides out a storm of 429s with Retry-After and a 502: nothing lost, nothing duplicated', async () => {
    const { stores, channel } = bot;
    // 25 actions, five for each owner.
    const lines = Array.from(
      { length: 25 },
      (_, n) => `${String(n + 1).padStart(2, '0')}.14/03/2023\t${OWNERS[n % 5]} - Storm task ${n + 1}`,
    );
    const { actions, ids } = await queueExampleCards(stores, 'STORM', `Actions Arising\n${lines.join('\n')}\n`);
    expect(ids.length).toBe(25);
    const before = channel.stats();
    channel.failNext(2, { status: 502, route: 'send' });
    channel.failRandomly({ status: 429, retryAfterSeconds: 0.05, rate: 0.4, route: 'send', seed: 42 });
    try {
      await drainAll(bot.teams.sender, stores, 'STORM', 20_000);
    } finally {
      channel.failRandomly(null);
    }
    const after = channel.stats();
    expect(after.throttled429 - before.throttled429).toBeGreaterThan(5);
    expect(after.failed - before.failed).toBe(2);
    expect(sorted(cardsReceived(channel, 'STORM'))).toEqual(sorted(cardsExpected(actions)));
    expect(after.duplicates).toBe(0);
    const items = (await stores.outbox.list('sent')).filter((i) => ids.includes(i.id));
    expect(items.length).toBe(25);
    expect((await stores.outbox.list('failed')).filter((i) => ids.includes(i.id))).toEqual([]);
  });

  it('when Teams answers 429, the outbox (not the client, behind its back) waits Retry-After and sends it later, once', async () => {
    const { stores, channel } = bot;
    const { actions, ids } = await queueExampleCards(
      stores,
      'THROTTLE',
      'Actions Arising\n01.14/03/2023\tJD - Throttled task\n',
    );
    expect(ids.length).toBe(1);
    const sendsBefore = channel.requests.filter((r) => r.route === 'send' || r.route === 'reply').length;
    // Retry-After asks for 1.5 s, more than the sender's own first backoff (at most 1 s).
    channel.failNext(1, { status: 429, retryAfterSeconds: 1.5, route: 'send' });
    expect(await bot.teams.sender.drain()).toBe(0);
    const waiting = await stores.outbox.get(ids[0] as string);
    expect(waiting).toMatchObject({ state: 'queued', attempts: 1 });
    expect(waiting?.lastError).toMatch(/Injected failure \(429\)/);
    expect(Date.parse(waiting?.notBefore ?? '') - Date.parse(waiting?.updatedAt ?? '')).toBeGreaterThanOrEqual(1_400);
    await drainAll(bot.teams.sender, stores, 'THROTTLE');
    expect(await stores.outbox.get(ids[0] as string)).toMatchObject({ state: 'sent', attempts: 2 });
    // Two tries, two calls: the refused one and the one that went.
    expect(channel.requests.filter((r) => r.route === 'send' || r.route === 'reply').length - sendsBefore).toBe(2);
    expect(cardsReceived(channel, 'THROTTLE')).toEqual(cardsExpected(actions));
    expect(channel.stats().duplicates).toBe(0);
  });

  it('marks an item failed on a 403 or 404 from Teams, at once and without retrying', async () => {
    const { stores, channel } = bot;
    const { ids } = await queueExampleCards(stores, 'GONE');
    const sendsBefore = channel.requests.filter((r) => r.route === 'send' || r.route === 'reply').length;
    channel.failNext(1, { status: 403, route: 'send' });
    channel.failNext(1, { status: 404, route: 'send' });
    expect(await bot.teams.sender.drain()).toBe(4);
    const failed = (await stores.outbox.list('failed')).filter((i) => ids.includes(i.id));
    expect(failed.length).toBe(2);
    for (const item of failed) {
      expect(item.attempts).toBe(1);
      expect(item.lastError).toMatch(/Injected failure \((403|404)\)/);
    }
    expect(failed.map((i) => i.lastError?.match(/\((\d+)\)/)?.[1]).sort()).toEqual(['403', '404']);
    // One request per item: nobody retried the two refusals.
    const sends = () => channel.requests.filter((r) => r.route === 'send' || r.route === 'reply').length - sendsBefore;
    expect(sends()).toBe(6);
    // And they stay failed: later drains leave them alone.
    await sleep(200);
    expect(await bot.teams.sender.drain()).toBe(0);
    expect(sends()).toBe(6);
    expect(cardsReceived(channel, 'GONE').length).toBe(4);
    expect(channel.stats().duplicates).toBe(0);
  });
});

describe('the outbox across a real kill of the server process', () => {
  let channel: TeamsChannel;
  let stores: Stores;
  let prefix: string;
  afterAll(async () => {
    await killAllChildren();
    if (channel) validCards(channel.sent());
    await channel?.close();
  });

  beforeAll(async () => {
    channel = await startTeamsChannel();
    prefix = uniquePrefix();
    stores = createStores(await testTables(prefix));
    // Each owner's 1:1 chat is known (as after a personal install).
    for (const i of OWNERS) {
      const user: TeamsUser = users[i];
      await stores.conversations.save('local', {
        kind: 'personal',
        id: user.aadObjectId,
        reference: JSON.stringify({
          serviceUrl: channel.serviceUrl,
          channelId: 'msteams',
          locale: 'en-GB',
          conversation: { id: dmOf(user), conversationType: 'personal', tenantId: TENANT },
          bot: { id: DEFAULT_BOT.id, name: DEFAULT_BOT.name },
          user: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
        }),
        updatedAt: new Date().toISOString(),
      });
    }
  });

  it('SIGKILLed between two sends: the restarted sender sends what was in flight, each card once', async () => {
    const { actions, ids } = await queueExampleCards(stores, 'PAM');
    expect(ids.length).toBe(6);

    // The server, sending one message a second for the tenant: the second send waits ~1 s after the first.
    const port = await freePort();
    const server = startServer({
      TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
      TABLES_PREFIX: prefix,
      PORT: String(port),
      TRACKER_TENANT: 'local',
      TRACKER_BOARD: 'PAM',
      TEAMS_TENANT_RATE: '1',
      LOG_LEVEL: 'info',
      MicrosoftAppId: '',
    });
    await pollHttp(`http://127.0.0.1:${port}/healthz`, { server, until: 'ok', timeoutMs: 20_000 });

    // The first card goes; as soon as the outbox has recorded it, the process is killed.
    const [first] = await channel.waitForSent(1, undefined, 15_000);
    for (const until = Date.now() + 900; Date.now() < until; await sleep(10)) {
      if ((await stores.outbox.list('sent')).length >= 1) break;
    }
    server.child.kill('SIGKILL');
    console.log(
      `[outbox] server SIGKILLed ${Date.now() - (first?.at ?? 0)} ms after its first send (the next is due ~1,000 ms after it)`,
    );
    const end = await server.exited;
    expect(end.signal).toBe('SIGKILL');
    // Killed between two sends: one card out and recorded, nothing else sent.
    expect(channel.sent().length).toBe(1);
    expect((await stores.outbox.list('sent')).map((i) => i.id)).toEqual([expect.any(String)]);
    const inDoubt = await stores.outbox.list('inflight');
    expect(inDoubt.length).toBeGreaterThanOrEqual(1); // claimed by the dead process, lease still running
    expect(inDoubt.length + (await stores.outbox.list('queued')).length).toBe(5);
    // The log line follows the outbox row: the kill can land between the two, so at most one.
    expect(linesOf(server.stdout()).filter((l) => l.includes('"outbox.sent"')).length).toBeLessThanOrEqual(1);

    // A new sender takes over once the dead one's leases (60 s) have run out: its clock is a minute on.
    const restarted = newSender(stores, () => new Date(Date.now() + 61_000));
    await drainAll(restarted, stores, 'PAM');
    expect(sorted(cardsReceived(channel, 'PAM'))).toEqual(sorted(cardsExpected(actions)));
    expect(channel.stats().duplicates).toBe(0);
    const sent = await stores.outbox.list('sent');
    expect(sent.length).toBe(6);
    // The one sent before the kill went once; those in flight at the kill were claimed again, and sent once.
    expect(sent.filter((i) => i.attempts === 1).length).toBe(6 - inDoubt.length);
    for (const item of inDoubt) expect(sent.find((i) => i.id === item.id)?.attempts).toBe(2);
  });
});
