// Owners' cards queued in an outbox of their own, for the Teams fault suites: the example directory
// on tables of their own, each owner's 1:1 chat on a Teams stand-in of its own, and the bot's own
// outbox sender with the real delivery and botbuilder adapter.
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/log.ts';
import { linkByEmail } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { queueActionCards } from '../../bot/outbox/queue.ts';
import { OutboxSender, type SenderOptions } from '../../bot/outbox/sender.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext, type Stores } from '../../bot/services/board-context.ts';
import { createAdapter } from '../../bot/teams/adapter.ts';
import { createDelivery } from '../../bot/teams/delivery.ts';
import type { OutboxItem } from '../../storage/outbox.ts';
import { directoryUsers, fixture, sleep, TENANT, type Initials } from './bot-board.ts';
import { testTables } from './tables.ts';
import { DEFAULT_BOT, type TeamsUser } from './teams-activities.ts';
import { personalReference, startTeamsChannel, type TeamsChannel, type TeamsChannelOptions } from './teams-channel.ts';

/**
 * `perOwner` cards for each owner queued on tables of their own. Each owner's 1:1 chat is known on a
 * stand-in of its own, or with `chatsKnown: false` only where to open it (as the roster leaves it).
 * `users` are the directory's people as Teams users (their ids are new each time).
 */
export async function queueCards(
  initials: readonly Initials[],
  perOwner: number,
  opts: { chatsKnown?: boolean; channel?: TeamsChannelOptions } = {},
): Promise<{ stores: Stores; channel: TeamsChannel; ids: string[]; users: Record<Initials, TeamsUser> }> {
  const users = directoryUsers();
  const stores = createStores(await testTables());
  const channel = await startTeamsChannel(opts.channel);
  const t = createBoardContext(stores, { tenant: 'local', board: 'PAM' });
  await importPeople(t, fixture('people-example.csv'));
  for (const i of initials) {
    const user = users[i];
    if (!(await linkByEmail(t, user.email as string, user.aadObjectId)))
      throw new Error(`${i} is not in the directory`);
    const known = personalReference(channel.serviceUrl, user, { tenantId: TENANT, bot: DEFAULT_BOT });
    const reference =
      opts.chatsKnown === false
        ? {
            serviceUrl: known.serviceUrl,
            channelId: known.channelId,
            bot: known.bot,
            user: known.user,
            tenantId: TENANT,
          }
        : known;
    await stores.conversations.save('local', {
      kind: 'personal',
      id: user.aadObjectId,
      updatedAt: new Date().toISOString(),
      reference: JSON.stringify(reference),
    });
  }
  const lines = Array.from(
    { length: initials.length * perOwner },
    (_, n) => `${String(n + 1).padStart(2, '0')}.14/03/2023\t${initials[n % initials.length]} - Task ${n + 1}`,
  );
  const report = await importActions(t, `Actions Arising\n${lines.join('\n')}\n`, {
    actor: { id: 'test', name: 'Test', channel: 'cli' },
  });
  if (report.counts.error > 0) throw new Error('the actions did not import');
  await queueActionCards(t, await stores.actions.listAll(t.scope));
  const ids = (await stores.outbox.list('queued')).map((i) => i.id);
  if (ids.length !== initials.length * perOwner) throw new Error(`${ids.length} queued`);
  return { stores, channel, ids, users };
}

/** The bot's sender with the real delivery; `events` are its log lines (what an operator sees), parsed. */
export function senderFor(
  stores: Stores,
  opts: { sendTimeoutMs?: number } & Pick<SenderOptions, 'maxAttempts' | 'tenantRate'> = {},
): { sender: OutboxSender; events: Array<Record<string, unknown>> } {
  const events: Array<Record<string, unknown>> = [];
  const log = createLogger('info', (line) => events.push(JSON.parse(line) as Record<string, unknown>));
  const now = (): Date => new Date();
  const delivery = createDelivery({
    adapter: createAdapter(loadConfig({}).teams, log),
    appId: '',
    stores,
    log,
    now,
    ...(opts.sendTimeoutMs ? { sendTimeoutMs: opts.sendTimeoutMs } : {}),
  });
  const sender = new OutboxSender({
    outbox: stores.outbox,
    deliver: delivery.deliver,
    describeFailure: delivery.describeFailure,
    log,
    now,
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
    ...(opts.tenantRate ? { tenantRate: opts.tenantRate } : {}),
  });
  return { sender, events };
}

/** Drains until the item is sent or failed (a retry waits for its notBefore). */
export async function settle(
  sender: OutboxSender,
  stores: Stores,
  id: string,
  timeoutMs = 40_000,
): Promise<OutboxItem> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sender.drain();
    const item = await stores.outbox.get(id);
    if (item && (item.state === 'sent' || item.state === 'failed')) return item;
    if (Date.now() > until) throw new Error(`not settled: ${JSON.stringify(item)}`);
    await sleep(100);
  }
}

/** Drains until nothing is queued or in flight. */
export async function drainAll(sender: OutboxSender, stores: Stores, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sender.drain();
    const left = [...(await stores.outbox.list('queued')), ...(await stores.outbox.list('inflight'))];
    if (left.length === 0) return;
    if (Date.now() > until)
      throw new Error(`not drained: ${left.map((i) => `${i.id} ${i.lastError ?? ''}`).join('; ')}`);
    await sleep(100);
  }
}
