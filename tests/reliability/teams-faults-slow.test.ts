// A send that Teams answers slowly (a gateway that waits before its 504, Retry-After upon
// Retry-After) can last longer than the claim a sender holds on the item. Another sender (a second
// instance) must still not take the item over while the first is alive and sending: the first
// keeps its claim for as long as the send lasts, so the card arrives once.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/log.ts';
import { linkByEmail } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { queueActionCards } from '../../bot/outbox/queue.ts';
import { OutboxSender } from '../../bot/outbox/sender.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext, type Stores } from '../../bot/services/board-context.ts';
import { createAdapter } from '../../bot/teams/adapter.ts';
import { createDelivery } from '../../bot/teams/delivery.ts';
import { directoryUsers, dmOf, fixture, sleep, TENANT, validCards } from '../helpers/bot-board.ts';
import { testTables } from '../helpers/tables.ts';
import { DEFAULT_BOT } from '../helpers/teams-activities.ts';
import { personalReference, startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';

inject('tablesConnectionString');

const jane = directoryUsers().JD;
const LEASE_MS = 3_000;

let channel: TeamsChannel;
let stores: Stores;

beforeAll(async () => {
  channel = await startTeamsChannel();
  stores = createStores(await testTables());
  const t = createBoardContext(stores, { tenant: 'local', board: 'PAM' });
  await importPeople(t, fixture('people-example.csv'));
  expect(await linkByEmail(t, jane.email as string, jane.aadObjectId)).not.toBeNull();
  await stores.conversations.save('local', {
    kind: 'personal',
    id: jane.aadObjectId,
    updatedAt: new Date().toISOString(),
    reference: JSON.stringify(personalReference(channel.serviceUrl, jane, { tenantId: TENANT, bot: DEFAULT_BOT })),
  });
  await importActions(t, 'Actions Arising\n01.14/03/2023\tJD - Circulate the terms of reference\n', {
    actor: { id: 'test', name: 'Test', channel: 'cli' },
  });
  await queueActionCards(t, await stores.actions.listAll(t.scope));
});

afterAll(async () => {
  await channel?.close();
});

/** A sender as another instance runs it: its own adapter, the same storage, a short claim. */
function instance(): OutboxSender {
  const log = createLogger('error', () => undefined);
  const now = (): Date => new Date();
  const delivery = createDelivery({ adapter: createAdapter(loadConfig({}).teams, log), appId: '', stores, log, now });
  return new OutboxSender({
    outbox: stores.outbox,
    deliver: delivery.deliver,
    describeFailure: delivery.describeFailure,
    log,
    now,
    leaseMs: LEASE_MS,
  });
}

describe('a send slower than the claim on its item', () => {
  it('is not taken over by a second instance while the first is still sending: one copy', async () => {
    const [item] = await stores.outbox.list('queued');
    expect(item).toBeDefined();
    // Teams takes two claims' worth of time to answer, then accepts the card.
    channel.delayNext(1, 2 * LEASE_MS, { route: 'send' });
    const first = instance();
    const second = instance();
    const sending = first.drain();
    while (channel.requests.length === 0) await sleep(20); // the stand-in now holds the send

    // The second instance polls all the while the first is waiting for Teams.
    while (channel.sent().length === 0) {
      await second.drain();
      await sleep(200);
    }
    expect(await sending).toBe(1);
    await second.drain();
    await sleep(500);
    await second.drain();

    expect(validCards(channel.sent(dmOf(jane))).length).toBe(1);
    expect(channel.stats().duplicates).toBe(0);
    expect(await stores.outbox.get(item?.id as string)).toMatchObject({ state: 'sent', attempts: 1 });
  }, 30_000);
});
