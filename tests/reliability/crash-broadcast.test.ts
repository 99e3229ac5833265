// The server process SIGKILLed in the middle of a 200-card broadcast (20 owners, 10 actions each),
// then started again on the same storage: every card reaches its owner exactly once.
//
// Where the kill lands is made deterministic by the Teams stand-in: it accepts the first 60 sends,
// then holds every later send unprocessed (Teams never got it). The kill comes once the outbox has
// recorded all 60 as sent, so no card is in the one window the outbox cannot close (Teams accepted
// it, the outbox had not yet recorded it): that window is pinned down in crash-in-doubt.test.ts.
// What this proves: sends cut off in flight, claims left by a dead process and the queued rest
// are all sent by the restarted process, once each, and nothing sent before the kill goes again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkByEmail } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { queueActionCards } from '../../bot/services/notify.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createTracker, type Stores } from '../../bot/services/tracker.ts';
import type { OutboxItem } from '../../storage/outbox.ts';
import { actionIdOf, cardsOf, dmOf, sleep, TENANT, validCards } from '../helpers/bot-board.ts';
import { freePort, killAllChildren, pollHttp, startServer, stopServer, type ServerChild } from '../helpers/processes.ts';
import { testTables, uniquePrefix } from '../helpers/tables.ts';
import { DEFAULT_BOT, teamsUser, type TeamsUser } from '../helpers/teams-activities.ts';
import { personalReference, startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';

const OWNERS = 20;
const PER_OWNER = 10;
const CARDS = OWNERS * PER_OWNER;
const KILL_AFTER = 60;

const letters = 'ABCDEFGHIJKLMNOPQRST';
const owners = Array.from(letters.slice(0, OWNERS), (l) => ({
  initials: `O${l}`,
  user: teamsUser(`Owner ${l} Example`, { email: `owner.${l.toLowerCase()}@example.police.uk` }),
}));

let channel: TeamsChannel;
let stores: Stores;
let prefix: string;
/** Each queued card as `actionId|personId`. */
let expected: string[];
/** A person id for each 1:1 conversation the stand-in holds. */
const personOf = new Map<string, string>();

beforeAll(async () => {
  channel = await startTeamsChannel();
  prefix = uniquePrefix();
  stores = createStores(await testTables(prefix));
  const t = createTracker(stores, { tenant: 'local', board: 'PAM' });
  const csv = ['name,capacity,initials,aliases,email,role', ...owners.map((o) => `${o.user.name},Inspector,${o.initials},,${o.user.email},member`)].join('\n');
  expect((await importPeople(t, csv)).counts.added).toBe(OWNERS);
  for (const { user } of owners) await knownChat(user);
  const lines = Array.from({ length: CARDS }, (_, n) => `${String(n + 1).padStart(3, '0')}.14/03/2023\t${owners[n % OWNERS]?.initials} - Broadcast task ${n + 1}`);
  const report = await importActions(t, `Actions Arising\n${lines.join('\n')}\n`, { actor: { id: 'test', name: 'Test', channel: 'cli' } });
  expect(report.counts.error).toBe(0);
  expect((await queueActionCards(t, await stores.actions.listAll(t.scope))).queued).toBe(CARDS);
  expected = (await stores.outbox.list('queued')).map(cardOf);
  expect(expected.length).toBe(CARDS);
}, 60_000);

afterAll(async () => {
  await killAllChildren();
  await channel?.close();
});

/** The owner is linked to Teams and the bot knows their 1:1 chat (as after a personal install). */
async function knownChat(user: TeamsUser): Promise<void> {
  const t = createTracker(stores, { tenant: 'local', board: 'PAM' });
  const person = await linkByEmail(t, user.email as string, user.aadObjectId);
  expect(person).not.toBeNull();
  personOf.set(dmOf(user), person?.id as string);
  await stores.conversations.save('local', {
    kind: 'personal', id: user.aadObjectId, updatedAt: new Date().toISOString(),
    reference: JSON.stringify(personalReference(channel.serviceUrl, user, { tenantId: TENANT, bot: DEFAULT_BOT })),
  });
}

/** `card|tenant|board|actionId|personId` as `actionId|personId`. */
const cardOf = (item: OutboxItem): string => item.id.split('|').slice(3).join('|');

/** What the stand-in accepted, as `actionId|personId`, one entry per copy. */
function received(): string[] {
  return channel.sent().flatMap((s) => cardsOf(s.activity).map((card) => `${actionIdOf(card)}|${personOf.get(s.conversationId)}`));
}

async function outboxCounts(): Promise<Record<'queued' | 'inflight' | 'sent' | 'failed', number>> {
  const [queued, inflight, sent, failed] = await Promise.all((['queued', 'inflight', 'sent', 'failed'] as const).map((s) => stores.outbox.list(s)));
  return { queued: queued?.length ?? 0, inflight: inflight?.length ?? 0, sent: sent?.length ?? 0, failed: failed?.length ?? 0 };
}

async function until(what: string, probe: () => Promise<boolean>, server: ServerChild, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`${what}: the server exited\nstderr: ${server.stderr()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (outbox ${JSON.stringify(await outboxCounts())})\nstderr: ${server.stderr()}`);
    await sleep(50);
  }
}

function serverEnv(port: number): Record<string, string> {
  return {
    TABLES_CONNECTION_STRING: inject('tablesConnectionString'), TABLES_PREFIX: prefix, PORT: String(port),
    TRACKER_TENANT: 'local', TRACKER_BOARD: 'PAM', LOG_LEVEL: 'info', MicrosoftAppId: '',
  };
}

describe('a 200-card broadcast across a SIGKILL of the server', () => {
  it('sends every card exactly once: none lost, none twice, all recorded as sent', async () => {
    // After the 60th accepted send, every send is held unprocessed until its connection dies.
    channel.whenSent(KILL_AFTER, () => channel.hangNext(10 * CARDS, { when: 'before', route: 'send' }));
    const port = await freePort();
    const first = startServer(serverEnv(port));
    await pollHttp(`http://127.0.0.1:${port}/healthz`, { server: first, until: 'ok', timeoutMs: 20_000 });

    // Kill once the 60 are recorded as sent and further sends are in flight.
    await until('60 sent and more held', async () => channel.stats().hangs > 0 && (await outboxCounts()).sent === KILL_AFTER, first, 30_000);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const atKill = await outboxCounts();
    expect(channel.stats().sent).toBe(KILL_AFTER);
    expect(atKill).toMatchObject({ sent: KILL_AFTER, failed: 0 });
    expect(atKill.inflight).toBeGreaterThan(0); // claimed by the dead process, their sends cut off
    expect(atKill.queued + atKill.inflight).toBe(CARDS - KILL_AFTER);
    const inDoubt = (await stores.outbox.list('inflight')).map((i) => i.id);

    // The restarted process (its clock past the dead one's 60 s leases) sends the rest.
    channel.clearFaults();
    const second = startServer(serverEnv(port), { clockAheadMs: 61_000 });
    await until('the outbox drained', async () => {
      const c = await outboxCounts();
      return c.queued === 0 && c.inflight === 0;
    }, second, 60_000);
    await stopServer(second);

    expect(await outboxCounts()).toEqual({ queued: 0, inflight: 0, sent: CARDS, failed: 0 });
    expect(validCards(channel.sent()).length).toBe(CARDS);
    expect(received().sort()).toEqual([...expected].sort());
    expect(channel.stats().duplicates).toBe(0);

    // The outbox says what happened: one try each, two for the sends the kill cut off.
    const sent = await stores.outbox.list('sent');
    for (const item of sent) expect(item.attempts, item.id).toBe(inDoubt.includes(item.id) ? 2 : 1);
    expect(new Set(sent.map((i) => i.activityId))).toEqual(new Set(channel.sent().map((s) => s.id)));
  }, 120_000);
});
