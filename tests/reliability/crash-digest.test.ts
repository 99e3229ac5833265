// The server process SIGKILLed while the scheduler's pre-meeting digest is being sent, then started
// again on the same storage: the chair, the secretariat and the board's channel each get the digest
// exactly once.
//
// The server's own scheduler runs the digest job (its time has come: DIGEST_LEAD_DAYS puts it in the
// past, the meeting in the future). The Teams stand-in accepts the first of the three sends and holds
// the other two unprocessed, so the kill lands with two digests in flight and none in the window
// between Teams accepting a send and the outbox recording it (crash-broadcast.test.ts makes a kill land there on purpose).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkByEmail } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import { londonToday } from '../../bot/rules/dates.ts';
import { formatUkDate } from '../../bot/rules/refs.ts';
import { cardsOf, directoryUsers, dmOf, fixture, sleep, TENANT, textOf, validCards } from '../helpers/bot-board.ts';
import {
  freePort,
  killAllChildren,
  pollHttp,
  startServer,
  stopServer,
  type ServerChild,
} from '../helpers/processes.ts';
import { testTables, uniquePrefix } from '../helpers/tables.ts';
import { DEFAULT_BOT, teamsTeam } from '../helpers/teams-activities.ts';
import { personalReference, startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';

const users = directoryUsers();
const team = teamsTeam('PAM board');
const day = (offset: number): string => londonToday(new Date(Date.now() + offset * 86_400_000));
const HELD = day(-14);
const NEXT = day(14);

let channel: TeamsChannel;
let stores: Stores;
let t: BoardContext;
let prefix: string;

beforeAll(async () => {
  channel = await startTeamsChannel();
  prefix = uniquePrefix();
  stores = createStores(await testTables(prefix));
  t = createBoardContext(stores, { tenant: 'local', board: 'PAM' });
  await importPeople(t, fixture('people-example.csv'));
  // The chair and the secretariat are reachable in their 1:1 chats; the owners are not (no chasers).
  for (const who of [users.MH, users.PN]) {
    expect(await linkByEmail(t, who.email as string, who.aadObjectId)).not.toBeNull();
    await stores.conversations.save('local', {
      kind: 'personal',
      id: who.aadObjectId,
      updatedAt: new Date().toISOString(),
      reference: JSON.stringify(personalReference(channel.serviceUrl, who, { tenantId: TENANT, bot: DEFAULT_BOT })),
    });
  }
  // The board's channel, as an install in the team leaves it.
  await stores.conversations.save('local', {
    kind: 'channel',
    id: team.id,
    board: 'PAM',
    updatedAt: new Date().toISOString(),
    reference: JSON.stringify({
      serviceUrl: channel.serviceUrl,
      channelId: 'msteams',
      bot: DEFAULT_BOT,
      conversation: { id: team.id, conversationType: 'channel', tenantId: TENANT, isGroup: true, name: '' },
    }),
  });
  await stores.conversations.bind('local', 'PAM', {
    conversationId: team.id,
    boundBy: { personId: 'secretariat', name: 'The Secretariat' },
    boundAt: new Date().toISOString(),
  });
  await saveMeeting(t, { date: HELD, time: '10:00', next: NEXT });
  await saveMeeting(t, { date: NEXT, time: '10:00' });
  const table = fixture('actions-arising-example.txt')
    .replaceAll('14/03/2023', formatUkDate(HELD))
    .replaceAll('28/03/2023', formatUkDate(NEXT));
  expect((await importActions(t, table, { actor: { id: 'test', name: 'Test', channel: 'cli' } })).counts.error).toBe(0);
}, 60_000);

afterAll(async () => {
  await killAllChildren();
  await channel?.close();
});

/** The digest cards (for the next meeting) each conversation received. */
function digestsIn(conversationId: string): Record<string, unknown>[] {
  return validCards(channel.sent(conversationId)).filter((card) => textOf(card).includes(formatUkDate(NEXT)));
}

const digestItems = async () => {
  const all = await Promise.all((['queued', 'inflight', 'sent', 'failed'] as const).map((s) => stores.outbox.list(s)));
  return all.flat().filter((i) => i.id.startsWith(`digest|local|PAM|${NEXT}|`));
};

async function until(
  what: string,
  probe: () => Promise<boolean>,
  server: ServerChild,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (server.child.exitCode !== null || server.child.signalCode !== null)
      throw new Error(`${what}: the server exited\nstderr: ${server.stderr()}`);
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not within ${timeoutMs} ms (${JSON.stringify((await digestItems()).map((i) => [i.id, i.state]))})\nstderr: ${server.stderr()}`,
      );
    await sleep(50);
  }
}

function serverEnv(port: number): Record<string, string> {
  return {
    TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
    TABLES_PREFIX: prefix,
    PORT: String(port),
    TRACKER_TENANT: 'local',
    TRACKER_BOARD: 'PAM',
    LOG_LEVEL: 'info',
    MicrosoftAppId: '',
    DIGEST_LEAD_DAYS: '20',
    CHASE_LEAD_DAYS: '1',
    DIGEST_TIME: '09:00',
  };
}

describe('the pre-meeting digest across a SIGKILL of the server', () => {
  it('reaches the chair, the secretariat and the channel exactly once', async () => {
    channel.whenSent(1, () => channel.hangNext(100, { when: 'before', route: 'send' }));
    const port = await freePort();
    const first = startServer(serverEnv(port));
    await pollHttp(`http://127.0.0.1:${port}/healthz`, { server: first, until: 'ok', timeoutMs: 45_000 });

    // One digest out and recorded, the other two in flight (held by Teams), the job done: kill.
    await until(
      'one digest sent, two in flight',
      async () => {
        const job = await stores.jobs.get(t.scope, 'digest', NEXT);
        const sent = (await digestItems()).filter((i) => i.state === 'sent');
        return job?.state === 'done' && sent.length === 1 && channel.stats().hangs === 2;
      },
      first,
      60_000,
    );
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(channel.stats().sent).toBe(1);
    const atKill = await digestItems();
    expect(atKill.map((i) => i.state).sort()).toEqual(['inflight', 'inflight', 'sent']);

    // The restarted process (clock past the dead one's leases) finds the job done and sends the two in flight.
    channel.clearFaults();
    const second = startServer(serverEnv(port), { clockAheadMs: 61_000 });
    await until(
      'every digest sent',
      async () => (await digestItems()).every((i) => i.state === 'sent'),
      second,
      60_000,
    );
    await stopServer(second);

    for (const to of [dmOf(users.MH), dmOf(users.PN), team.id]) expect(digestsIn(to), to).toHaveLength(1);
    expect(channel.sent().flatMap((s) => cardsOf(s.activity))).toHaveLength(3);
    expect(channel.stats().duplicates).toBe(0);

    const items = await digestItems();
    expect(items.map((i) => [i.state, i.attempts]).sort()).toEqual([
      ['sent', 1],
      ['sent', 2],
      ['sent', 2],
    ]);
    expect(await stores.jobs.get(t.scope, 'digest', NEXT)).toMatchObject({ state: 'done', attempts: 1 });
  }, 180_000);
});
