// Storage goes away under load and comes back: the bot (a server process, as deployed) keeps
// answering every reply, says plainly which ones it could not save, keeps every one it said it
// saved, reports itself unhealthy meanwhile, and recovers on its own once storage is back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPeople } from '../../bot/services/people.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import type { Tables } from '../../storage/tables.ts';
import { startAzuriteProcess, killAzuriteProcesses, type AzuriteProcess } from '../helpers/azurite-process.ts';
import {
  ADAPTIVE,
  directoryUsers,
  expectValidCard,
  fixture,
  IDS,
  sleep,
  TENANT,
  textOf,
  versionOf,
  type Initials,
  EVERYONE,
  REPLIERS,
} from '../helpers/bot-board.ts';
import { freePort, killAllChildren, pollHttp, startServer, type ServerChild } from '../helpers/processes.ts';
import { testTables, uniquePrefix } from '../helpers/tables.ts';
import { startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';
import {
  adaptiveCardInvoke,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
  teamsTeam,
  type TeamsContext,
  type TeamsUser,
} from '../helpers/teams-activities.ts';

const SAVED_BEFORE_OUTAGE = 10;
/** Replies answered as not saved while storage is down before it comes back. */
const REFUSED_DURING_OUTAGE = 5;
/** Storage stays down at least this long (and until that many replies were refused). */
const OUTAGE_AT_LEAST_MS = 3_000;
/** Generous: while storage is down each storage call is retried for several seconds before failing. */
const INVOKE_TIMEOUT_MS = 90_000;

type Phase = 'before' | 'down' | 'after';
/** How the bot answered one reply. */
type Kind = 'saved' | 'not-saved' | 'unconfirmed' | 'stale' | 'other-card' | 'error' | 'no-answer';

interface Reply {
  who: Initials;
  actionId: string;
  note: string;
  sentIn: Phase;
  http?: number;
  body?: unknown;
  kind: Kind;
  text: string;
  /** How long the answer took (logged, not asserted: Teams gives up on an invoke after about 15 s). */
  ms: number;
}

function kindOf(text: string): Kind {
  if (text.includes('Saved: ')) return 'saved';
  if (text.includes('This action changed since this card was drawn')) return 'stale';
  // The failure card (failedCard in bot/chat/dispatch.ts): storage may have taken it, or certainly did not.
  if (/could not confirm|not confirmed/i.test(text)) return 'unconfirmed';
  if (/nothing was saved|\bnot saved\b/i.test(text)) return 'not-saved';
  return 'other-card';
}

/** Waits until `done()` holds, checking every 100 ms; throws with `what` after `ms`. */
async function until(what: string, done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('replies while storage goes down and comes back', () => {
  let dir: string;
  let azurite: AzuriteProcess;
  let channel: TeamsChannel;
  let server: ServerChild;
  let tables: Tables;
  let stores: Stores;
  let t: BoardContext;
  let botUrl: string;
  let healthz: string;
  const users = directoryUsers();
  let dm: TeamsContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pam-storage-faults-'));
    azurite = await startAzuriteProcess({ location: dir, port: await freePort() });
    const prefix = uniquePrefix();
    // The test reads and seeds the same tables the server uses, through its own client.
    tables = await testTables(prefix, azurite.connectionString);
    stores = createStores(tables);
    t = createBoardContext(stores, { tenant: 'local', board: 'PAM' });
    expect((await importPeople(t, fixture('people-example.csv'))).counts.added).toBe(8);
    await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });

    channel = await startTeamsChannel();
    const httpPort = await freePort();
    botUrl = `http://127.0.0.1:${httpPort}/api/messages`;
    healthz = `http://127.0.0.1:${httpPort}/healthz`;
    server = startServer({
      TABLES_CONNECTION_STRING: azurite.connectionString,
      TABLES_PREFIX: prefix,
      PORT: String(httpPort),
      LOG_LEVEL: 'info',
    });
    await pollHttp(healthz, { server, until: 'ok', timeoutMs: 60_000 });

    // Installed in the board's team: the roster links everyone's Teams identity to the directory.
    dm = { serviceUrl: channel.serviceUrl, tenantId: TENANT };
    const team = teamsTeam('PAM board');
    channel.setRoster(
      team.id,
      EVERYONE.map((i) => rosterEntry(users[i], TENANT)),
    );
    expect((await postActivity(botUrl, installationUpdate(users.PN, 'team', 'add', { ...dm, team }))).status).toBe(200);
    expect(
      (
        await postActivity(botUrl, personalMessage(users.PN, `import\n${fixture('actions-arising-example.txt')}`, dm), {
          timeoutMs: 60_000,
        })
      ).status,
    ).toBe(200);
    for (const [, id] of REPLIERS) expect(await stores.actions.get(t.scope, id), id).not.toBeNull();
  }, 180_000);

  afterAll(async () => {
    await killAllChildren();
    await killAzuriteProcesses();
    await tables?.close();
    await channel?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every reply, keeps every one it said it saved, says which it did not, and recovers without a restart', async () => {
    const pid = server.child.pid;
    let phase: Phase = 'before';
    let stopping = false;
    const replies: Reply[] = [];
    let seq = 0;

    // Each replier sends a reply with a unique note, waits for the answer, and sends the next.
    const replier = async (who: Initials, actionId: string): Promise<void> => {
      const user: TeamsUser = users[who];
      let version = (await stores.actions.get(t.scope, actionId))?.action.version ?? 1;
      while (!stopping) {
        const note = `Load ${who} ${actionId} #${++seq}`;
        const sentIn = phase;
        const activity = adaptiveCardInvoke(
          user,
          { verb: 'action.reply', data: { board: 'PAM', actionId, version }, inputs: { note } },
          dm,
        );
        const started = performance.now();
        const ms = (): number => Math.round(performance.now() - started);
        try {
          const res = await postActivity(botUrl, activity, { timeoutMs: INVOKE_TIMEOUT_MS });
          const body = res.body as { statusCode?: unknown; type?: unknown; value?: unknown } | undefined;
          const card =
            res.status === 200 && body?.statusCode === 200 && body.type === ADAPTIVE ? body.value : undefined;
          if (card !== undefined) expectValidCard(card);
          const text = card === undefined ? '' : textOf(card);
          const kind = card === undefined ? 'error' : kindOf(text);
          replies.push({ who, actionId, note, sentIn, http: res.status, body: res.body, kind, text, ms: ms() });
          version = (card === undefined ? undefined : versionOf(card)) ?? version;
        } catch (err) {
          replies.push({ who, actionId, note, sentIn, kind: 'no-answer', text: String(err), ms: ms() });
        }
        await sleep(50);
      }
    };
    const load = Promise.all(REPLIERS.map(([who, id]) => replier(who, id)));
    const count = (where: Phase | 'any', ...kinds: Kind[]): number =>
      replies.filter((r) => (where === 'any' || r.sentIn === where) && kinds.includes(r.kind)).length;

    let healthDown: { status: number; body: string } | undefined;
    let healthUp: { status: number; body: string } | undefined;
    try {
      await until(
        `${SAVED_BEFORE_OUTAGE} replies saved`,
        () => count('before', 'saved') >= SAVED_BEFORE_OUTAGE,
        120_000,
      );

      // A clean stop (SIGINT) so Azurite's LokiJS writes everything acknowledged so far to disk: a
      // hard kill loses up to its last 5 s autosave, which is Azurite's durability, not the bot's.
      await azurite.stop();
      phase = 'down';
      const downSince = performance.now();
      healthDown = await pollHttp(healthz, { server, until: 'any', timeoutMs: 30_000 });
      for (let tries = 0; healthDown.status === 200 && tries < 100; tries++) {
        await sleep(100);
        healthDown = await pollHttp(healthz, { server, until: 'any', timeoutMs: 30_000 });
      }
      // Keep sending while it is down, for a few seconds and until several replies have been
      // answered as not saved (each storage call is retried for seconds before the bot gives up).
      await until(
        `${REFUSED_DURING_OUTAGE} replies answered as not saved while storage is down`,
        () =>
          performance.now() - downSince > OUTAGE_AT_LEAST_MS &&
          count('down', 'not-saved', 'unconfirmed', 'stale', 'other-card', 'error', 'no-answer') >=
            REFUSED_DURING_OUTAGE,
        180_000,
      );

      // Back on the same port and data folder; the bot is not restarted.
      await azurite.start();
      phase = 'after';
      healthUp = await pollHttp(healthz, { server, until: 'ok', timeoutMs: 60_000 });
      await until(
        'a reply saved by every replier after storage came back',
        () =>
          REPLIERS.every(([who, id]) =>
            replies.some((r) => r.sentIn === 'after' && r.who === who && r.actionId === id && r.kind === 'saved'),
          ),
        120_000,
      );
    } finally {
      stopping = true;
      await load;
    }

    const byKind = (where: Phase): Record<string, number> =>
      Object.fromEntries(
        (['saved', 'not-saved', 'unconfirmed', 'stale', 'other-card', 'error', 'no-answer'] as const).map((k) => [
          k,
          count(where, k),
        ]),
      );
    console.log(
      `[reliability] replies sent before the outage ${JSON.stringify(byKind('before'))}, during ${JSON.stringify(byKind('down'))}, after ${JSON.stringify(byKind('after'))}`,
    );
    const during = replies.filter((r) => r.sentIn === 'down');
    const example = during.find((r) => r.kind !== 'saved');
    const refusedMs = replies.filter((r) => r.kind === 'not-saved').map((r) => r.ms);
    console.log(`[reliability] answers 'not saved' took ${Math.min(...refusedMs)}-${Math.max(...refusedMs)} ms`);
    if (example)
      console.log(
        `[reliability] a reply sent while storage was down got HTTP ${String(example.http)}: ${JSON.stringify(example.body).slice(0, 800)}`,
      );

    // The same server process throughout: it recovered without a restart.
    expect(server.child.exitCode).toBeNull();
    expect(server.child.pid).toBe(pid);
    // Health: 503 with the reason while storage was down, 200 once it was back.
    expect(healthDown?.status).toBe(503);
    expect(JSON.parse(healthDown?.body ?? '{}')).toMatchObject({ status: 'unavailable', storage: 'error' });
    expect(healthUp?.status).toBe(200);

    // What storage holds once it is back: every note of the replies to these actions.
    const stored = new Map<string, number>();
    for (const id of new Set(REPLIERS.map(([, a]) => a))) {
      for (const h of await stores.actions.history(t.scope, id)) {
        if (h.note !== undefined) stored.set(h.note, (stored.get(h.note) ?? 0) + 1);
      }
    }
    const storedTimes = (r: Reply): number => stored.get(r.note) ?? 0;

    // Every reply the bot said it saved is stored, once; every one it said it did not save is not.
    expect(
      replies
        .filter((r) => r.kind === 'saved' && storedTimes(r) !== 1)
        .map((r) => `${r.note}: stored ${storedTimes(r)} times`),
    ).toEqual([]);
    expect(replies.filter((r) => r.kind === 'not-saved' && storedTimes(r) !== 0).map((r) => r.note)).toEqual([]);
    // A reply the bot could not confirm may or may not be there, but never twice.
    expect(replies.filter((r) => storedTimes(r) > 1).map((r) => r.note)).toEqual([]);
    // Nothing is stored that the sender was not told about.
    const sentNotes = new Set(replies.map((r) => r.note));
    expect([...stored.keys()].filter((n) => n.startsWith('Load ') && !sentNotes.has(n))).toEqual([]);

    // The outage was felt: some replies could not be stored, and each such sender was told so in
    // plain words on a card, not with an error status or a generic failure.
    expect(during.filter((r) => r.kind !== 'saved').length).toBeGreaterThan(0);
    expect(
      replies
        .filter((r) => !['saved', 'not-saved', 'unconfirmed'].includes(r.kind))
        .map((r) => `${r.sentIn} ${r.kind} HTTP ${String(r.http)}: ${r.text || JSON.stringify(r.body)}`.slice(0, 300)),
    ).toEqual([]);
    expect(count('down', 'not-saved')).toBeGreaterThan(0);
    // What they wrote comes back on that card, so nothing typed is lost.
    expect(
      replies
        .filter((r) => (r.kind === 'not-saved' || r.kind === 'unconfirmed') && !r.text.includes(r.note))
        .map((r) => r.text),
    ).toEqual([]);
    // And recovered: replies sent after storage came back are saved again.
    expect(count('after', 'saved')).toBeGreaterThanOrEqual(REPLIERS.length);
  }, 600_000);

  it('answers within seconds when storage hangs rather than refusing, and saves again once it answers', async () => {
    const user = users.JD;
    const version = (await stores.actions.get(t.scope, IDS.JD))?.action.version ?? 1;
    const send = (note: string) =>
      postActivity(
        botUrl,
        adaptiveCardInvoke(
          user,
          { verb: 'action.reply', data: { board: 'PAM', actionId: IDS.JD, version }, inputs: { note } },
          dm,
        ),
        { timeoutMs: 30_000 },
      );
    const cardText = (res: { status: number; body: unknown }): string => {
      const body = res.body as { statusCode?: unknown; type?: unknown; value?: unknown } | undefined;
      expect(res.status).toBe(200);
      expect(body?.type).toBe(ADAPTIVE);
      expectValidCard(body?.value);
      return textOf(body?.value);
    };
    azurite.freeze();
    let hung: string;
    try {
      // Storage accepts the connection and never answers: the bot gives up on it and says so on a
      // card, in time for Teams to show it (a call without a limit would leave the invoke hanging).
      hung = cardText(await send('Sent while storage hangs'));
      const health = await pollHttp(healthz, { server, until: 'any', timeoutMs: 30_000 });
      expect(health.status).toBe(503);
    } finally {
      azurite.thaw();
    }
    expect(kindOf(hung)).toMatch(/^(unconfirmed|not-saved)$/);
    expect(hung).toContain('Sent while storage hangs');
    await pollHttp(healthz, { server, until: 'ok', timeoutMs: 60_000 });
    const after = cardText(await send('Sent once storage answers again'));
    expect(kindOf(after)).toBe('saved');
    const notes = (await stores.actions.history(t.scope, IDS.JD)).map((h) => h.note);
    expect(notes.filter((n) => n === 'Sent once storage answers again')).toHaveLength(1);
    // The reply sent during the hang was never confirmed: it may have landed, but never twice.
    expect(notes.filter((n) => n === 'Sent while storage hangs').length).toBeLessThanOrEqual(1);
  }, 120_000);
});
