// The embedded store's owner SIGKILLed while owners reply through the bot: every reply the bot
// answered "Saved" is found afterwards on the same DATA_DIR. (a) The bot server owns the store and
// is started again; (b) a process of its own owns it, the server is its client and takes over.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import { openTables, type Tables } from '../../storage/tables.ts';
import {
  ADAPTIVE,
  directoryUsers,
  fixture,
  sleep,
  TENANT,
  textOf,
  versionOf,
  type Initials,
  EVERYONE,
  REPLIERS,
} from '../helpers/bot-board.ts';
import {
  freePort,
  killAllChildren,
  linesOf,
  pollHttp,
  startEmbeddedOwner,
  startServer,
  stopServer,
  type ServerChild,
} from '../helpers/processes.ts';
import { startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';
import {
  adaptiveCardInvoke,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
  teamsTeam,
  type TeamsContext,
} from '../helpers/teams-activities.ts';

/** Replies go on this long before the kill (and until at least MIN_SAVED were answered "Saved"). */
const LOAD_MS = 3_000;
const MIN_SAVED = 20;
const PREFIX = 'pam';

const users = directoryUsers();
const dirs: string[] = [];
const channels: TeamsChannel[] = [];
const opened: Tables[] = [];

afterAll(async () => {
  await killAllChildren();
  for (const tables of opened) await tables.close().catch(() => undefined);
  for (const channel of channels) await channel.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  actionId: string;
  note: string;
  saved: boolean;
  afterKill: boolean;
}

interface Rig {
  dataDir: string;
  env: Record<string, string>;
  healthz: string;
  botUrl: string;
  dm: TeamsContext;
  stores: Stores;
  t: BoardContext;
}

async function rig(): Promise<Omit<Rig, 'stores' | 't' | 'dm'>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pam-durable-'));
  dirs.push(dataDir);
  const httpPort = await freePort();
  const env = {
    DATA_DIR: dataDir,
    EMBEDDED_TABLES_PORT: String(await freePort()),
    PORT: String(httpPort),
    LOG_LEVEL: 'info',
  };
  return {
    dataDir,
    env,
    healthz: `http://127.0.0.1:${httpPort}/healthz`,
    botUrl: `http://127.0.0.1:${httpPort}/api/messages`,
  };
}

/** The test's own client of the store (never its owner), the directory and a meeting, the app installed and the actions imported through the bot. */
async function seed(base: Omit<Rig, 'stores' | 't' | 'dm'>): Promise<Rig> {
  const tables = await openTables(
    { dataDir: base.dataDir, embeddedPort: Number(base.env.EMBEDDED_TABLES_PORT), prefix: PREFIX, longLived: false },
    () => undefined,
  );
  opened.push(tables);
  const stores = createStores(tables);
  const t = createBoardContext(stores, { tenant: 'local', board: 'PAM' });
  expect((await importPeople(t, fixture('people-example.csv'))).counts.added).toBe(8);
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  const channel = await startTeamsChannel();
  channels.push(channel);
  const dm = { serviceUrl: channel.serviceUrl, tenantId: TENANT };
  const team = teamsTeam('PAM board');
  channel.setRoster(
    team.id,
    EVERYONE.map((i) => rosterEntry(users[i], TENANT)),
  );
  expect((await postActivity(base.botUrl, installationUpdate(users.PN, 'team', 'add', { ...dm, team }))).status).toBe(
    200,
  );
  expect(
    (
      await postActivity(
        base.botUrl,
        personalMessage(users.PN, `import\n${fixture('actions-arising-example.txt')}`, dm),
        { timeoutMs: 60_000 },
      )
    ).status,
  ).toBe(200);
  for (const [, id] of REPLIERS) expect(await stores.actions.get(t.scope, id), id).not.toBeNull();
  return { ...base, dm, stores, t };
}

/** Owners reply in a loop, each waiting for the bot's answer before the next; stop() ends the loops. */
function load(r: Rig): { replies: Reply[]; killed(): void; stop(): Promise<Reply[]> } {
  const replies: Reply[] = [];
  let stopping = false;
  let afterKill = false;
  let seq = 0;
  const replier = async (who: Initials, actionId: string): Promise<void> => {
    let version = (await r.stores.actions.get(r.t.scope, actionId))?.action.version ?? 1;
    while (!stopping) {
      const note = `Durable ${who} ${actionId} #${++seq}`;
      const sentAfterKill = afterKill;
      const activity = adaptiveCardInvoke(
        users[who],
        { verb: 'action.reply', data: { board: 'PAM', actionId, version }, inputs: { note } },
        r.dm,
      );
      let saved = false;
      try {
        const res = await postActivity(r.botUrl, activity, { timeoutMs: 30_000 });
        const body = res.body as { statusCode?: unknown; type?: unknown; value?: unknown } | undefined;
        if (res.status === 200 && body?.statusCode === 200 && body.type === ADAPTIVE) {
          const text = textOf(body.value);
          saved = text.includes('Saved: ') && text.includes(note);
          version = versionOf(body.value) ?? version;
        }
      } catch {
        await sleep(100); // the bot is down (its process was killed): not acknowledged
      }
      replies.push({ actionId, note, saved, afterKill: sentAfterKill });
    }
  };
  const running = Promise.all(REPLIERS.map(([who, id]) => replier(who, id)));
  return {
    replies,
    killed: () => {
      afterKill = true;
    },
    stop: async () => {
      stopping = true;
      await running;
      return replies;
    },
  };
}

async function until(what: string, done: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The replies answered "Saved" whose note is not in their action's history. */
async function lostOf(r: Rig, replies: Reply[]): Promise<string[]> {
  const stored = new Set<string>();
  for (const id of new Set(REPLIERS.map(([, a]) => a))) {
    for (const h of await r.stores.actions.history(r.t.scope, id)) if (h.note !== undefined) stored.add(h.note);
  }
  return replies.filter((x) => x.saved && !stored.has(x.note)).map((x) => x.note);
}

function logged(server: ServerChild, event: string): Array<Record<string, unknown>> {
  return linesOf(server.stdout())
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((e) => e.event === event);
}

/** Replies in a loop, for at least LOAD_MS and until MIN_SAVED were answered "Saved": then the kill. */
async function loadUntilSaved(
  r: Parameters<typeof load>[0],
): Promise<{ run: ReturnType<typeof load>; started: number }> {
  const started = performance.now();
  const run = load(r);
  await until(
    `${MIN_SAVED} replies saved`,
    () => performance.now() - started >= LOAD_MS && run.replies.filter((x) => x.saved).length >= MIN_SAVED,
    60_000,
  );
  return { run, started };
}

describe("SIGKILL of the embedded store's owner under load loses no acknowledged reply", () => {
  it('(a) the owner is the bot server, started again on the same DATA_DIR', async () => {
    const base = await rig();
    let server = startServer(base.env);
    await pollHttp(base.healthz, { server, until: 'ok', timeoutMs: 60_000 });
    expect(logged(server, 'storage.embedded')[0]).toMatchObject({ owner: true });
    const r = await seed(base);

    const { run, started } = await loadUntilSaved(r);
    server.child.kill('SIGKILL');
    run.killed();
    await server.exited;
    const loadS = (performance.now() - started) / 1000;
    const replies = await run.stop();

    server = startServer(base.env);
    await pollHttp(base.healthz, { server, until: 'ok', timeoutMs: 60_000 });
    expect(logged(server, 'storage.embedded')[0]).toMatchObject({ owner: true });
    const acknowledged = replies.filter((x) => x.saved).length;
    const lost = await lostOf(r, replies);
    console.log(
      `[reliability] embedded store owned by the bot server, SIGKILLed after ${loadS.toFixed(1)} s of replies: acknowledged ${acknowledged} (${(acknowledged / loadS).toFixed(0)}/s), lost ${lost.length}`,
    );
    expect(acknowledged).toBeGreaterThanOrEqual(MIN_SAVED);
    expect(lost).toEqual([]);
    expect((await stopServer(server)).code).toBe(0);
  }, 180_000);

  it('(b) the owner is a process of its own; the bot server is its client and takes over', async () => {
    const base = await rig();
    const owner = await startEmbeddedOwner(base.dataDir, Number(base.env.EMBEDDED_TABLES_PORT), PREFIX);
    const server = startServer(base.env);
    await pollHttp(base.healthz, { server, until: 'ok', timeoutMs: 60_000 });
    expect(logged(server, 'storage.embedded')[0]).toMatchObject({ owner: false, ownerPid: owner.pid });
    const r = await seed(base);

    const { run, started } = await loadUntilSaved(r);
    owner.child.kill('SIGKILL');
    run.killed();
    const loadS = (performance.now() - started) / 1000;
    // The server takes the store over from the file the dead owner left, and saves replies again.
    await until('a reply saved after the takeover', () => run.replies.some((x) => x.afterKill && x.saved), 60_000);
    const replies = await run.stop();

    expect(logged(server, 'storage.embedded.takeover')).toEqual([
      expect.objectContaining({ previousOwnerPid: owner.pid }),
    ]);
    const acknowledged = replies.filter((x) => x.saved && !x.afterKill).length;
    const lost = await lostOf(r, replies);
    console.log(
      `[reliability] embedded store owned by a process of its own, SIGKILLed after ${loadS.toFixed(1)} s of replies through the bot: acknowledged ${acknowledged} (${(acknowledged / loadS).toFixed(0)}/s) before the kill, ${replies.filter((x) => x.saved && x.afterKill).length} after the takeover, lost ${lost.length}`,
    );
    expect(acknowledged).toBeGreaterThanOrEqual(MIN_SAVED);
    expect(lost).toEqual([]);
    expect((await stopServer(server)).code).toBe(0);
  }, 180_000);
});
