// The real bot, in this process: the server's HTTP app with the botbuilder adapter, on a free
// port, storing in the run's Azurite (or the one given), talking to a loopback Teams channel.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { loadConfig } from '../../bot/config.ts';
import { createApp } from '../../bot/http/app.ts';
import { digestFileRoute, minutesFileRoute } from '../../bot/http/files.ts';
import { createTabRoutes } from '../../bot/http/tab.ts';
import { createLinks, type Links } from '../../bot/services/links.ts';
import { createLogger, type Level } from '../../bot/log.ts';
import { createStores, createBoardContext, type Stores, type BoardContext } from '../../bot/services/board-context.ts';
import { createTeams, type Teams } from '../../bot/teams/index.ts';
import type { Scope } from '../../bot/rules/types.ts';
import type { Tables } from '../../storage/tables.ts';
import { startTeamsChannel, type TeamsChannel, type TeamsChannelOptions } from './teams-channel.ts';
import { testTables } from './tables.ts';

export interface BotUnderTest {
  url: string;
  /** The server's own address ('http://127.0.0.1:PORT'): the tab is at `${base}/tab`. */
  base: string;
  channel: TeamsChannel;
  /** The bot's tables (the benchmarks read its rows to copy their shape). */
  tables: Tables;
  stores: Stores;
  teams: Teams;
  context(scope?: Partial<Scope>): BoardContext;
  logs: string[];
  close(): Promise<void>;
}

export interface StartBotOptions {
  env?: Record<string, string>;
  channel?: TeamsChannelOptions;
  now?: () => Date;
  tab?: boolean;
  /** The Azurite to store in; default the test run's (outside vitest, e.g. in the benchmarks, pass one). */
  tablesConnectionString?: string;
  /** Default 'debug' (tests read the logs); the benchmarks log as the server does by default. */
  logLevel?: Level;
}

export async function startBot(opts: StartBotOptions = {}): Promise<BotUnderTest> {
  const logs: string[] = [];
  const log = createLogger(opts.logLevel ?? 'debug', (line) => logs.push(line));
  const config = loadConfig({ TRACKER_TENANT: 'local', ...opts.env });
  const tables = await testTables(undefined, opts.tablesConnectionString);
  const stores = createStores(tables);
  const channel = await startTeamsChannel(opts.channel);
  // The app's own address is known once it listens; links are made after that.
  let base = 'http://127.0.0.1:0';
  const links = createLinks({
    baseUrl: 'http://unused',
    secret: Buffer.from('a test secret that is long enough to sign'),
    now: opts.now ?? (() => new Date()),
  });
  const addressed: Links = {
    digest: (...args) => links.digest(...args).replace('http://unused', base),
    verify: links.verify,
    minutes: (...args) => links.minutes(...args).replace('http://unused', base),
    verifyMinutes: links.verifyMinutes,
  };
  const teams = createTeams({ config, stores, log, links: addressed, ...(opts.now ? { now: opts.now } : {}) });
  const files = digestFileRoute(addressed, (scope) => createBoardContext(stores, scope, opts.now));
  const minutes = minutesFileRoute(addressed, (scope) => createBoardContext(stores, scope, opts.now));
  // The dashboard tab (opt in): without an app id, in its dev sign-in mode.
  const tab = opts.tab
    ? createTabRoutes({
        config: config.tab,
        stores,
        log,
        board: config.board,
        links: addressed,
        ...(config.teams.appId ? {} : { localTenant: config.tenant }),
        ...(opts.now ? { now: opts.now } : {}),
        onActionChanged: teams.redrawSummary,
      })
    : undefined;
  const app = createApp({ log, storage: tables, messages: teams.messages, files, minutes, ...(tab ? { tab } : {}) });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}/api/messages`,
    base,
    channel,
    tables,
    stores,
    teams,
    logs,
    context: (scope = {}) =>
      createBoardContext(stores, { tenant: config.tenant, board: config.board, ...scope }, opts.now),
    async close() {
      await teams.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await channel.close();
    },
  };
}
