// `npm run playground [-- NAME]`: the Microsoft 365 Agents Playground, a Teams-like chat, talking to
// the bot at HOST:PORT (the server's own settings, from the environment or .env). With no name you
// chat as the config's current user (Priya Nair, the secretariat); `-- jane` or `-- morgan` starts
// it as that person. The Playground keeps its log, and the config made for a NAME, in devTools/.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadConfig, readDotEnv } from '../bot/config.ts';
import { checkedConfig, configAs, type PlaygroundConfig } from './as-user.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHIPPED = path.join(ROOT, '.m365agentsplayground.yml');
const DEV_TOOLS = path.join(ROOT, 'devTools');
const DEFAULT_PORT = 56150;

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}

/** The config to start with, and where it is written: the shipped file as is, or made for `who`. */
function configFor(who: string | undefined): { config: PlaygroundConfig; file: string } {
  const config = checkedConfig(parse(readFileSync(SHIPPED, 'utf8')));
  if (who === undefined) return { config, file: SHIPPED };
  const as = configAs(config, who);
  mkdirSync(DEV_TOOLS, { recursive: true });
  const file = path.join(DEV_TOOLS, `m365agentsplayground-${as.currentUser.id}.yml`);
  writeFileSync(file, `# Made by npm run playground -- ${who} from ../.m365agentsplayground.yml\n${stringify(as)}`);
  return { config: as, file };
}

function playgroundPort(env: NodeJS.ProcessEnv): number {
  const raw = env.PLAYGROUND_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PLAYGROUND_PORT must be a port number, not "${raw}"`);
  return port;
}

/** The lines of the Playground's log that say why it stopped (its console does not). */
function errorsIn(logFile: string): string {
  if (!existsSync(logFile)) return '';
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('error '))
    .slice(-5)
    .join('\n');
}

function main(): void {
  readDotEnv();
  const [who, ...extra] = process.argv.slice(2);
  if (extra.length > 0) fail('name one person, e.g. npm run playground -- jane');
  let started: { config: PlaygroundConfig; file: string };
  let bot: { host: string; port: number };
  try {
    started = configFor(who);
    bot = loadConfig();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const host = bot.host === '0.0.0.0' ? '127.0.0.1' : bot.host;
  const endpoint = `http://${host}:${bot.port}/api/messages`;
  const port = playgroundPort(process.env);
  const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? path.join(DEV_TOOLS, 'm365agentsplayground.log');
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const { currentUser } = started.config;
  process.stdout.write(
    `Agents Playground on http://127.0.0.1:${port} as ${currentUser.name} (${currentUser.email}), for the bot at ${endpoint}\n`,
  );
  const child = spawn(process.execPath, [cli, '-e', endpoint, '-c', 'msteams', '--dt', '-p', String(port)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, M365_AGENTS_PLAYGROUND_CONFIG_PATH: started.file, M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) {
      const why = errorsIn(logFile);
      process.stderr.write(`error: the Agents Playground stopped (exit ${String(code)})${why ? `:\n${why}` : ''}\n`);
      process.stderr.write(`its log: ${logFile}\n`);
    }
    process.exitCode = code ?? 0;
  });
}

main();
