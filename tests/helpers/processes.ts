// Child processes for the end-to-end tests: the operator CLI (bot/cli/index.ts) and the HTTP
// server (bot/server.ts), each run as `node --import tsx ...` from the repository root, exactly as
// an operator would (minus npm), or built (`npm run build`: `node dist/server.js`). Every child is tracked so that a test file can kill whatever is
// still running in afterEach/afterAll, even after a failed or timed-out test.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CLI = 'bot/cli/index.ts';
const SERVER = 'bot/server.ts';
const EMBEDDED_OWNER = 'tests/helpers/embedded-child.ts';

/** Configuration a child must not inherit from the test runner's environment. */
const TRACKER_VARS = [
  'TABLES_CONNECTION_STRING',
  'TABLES_ACCOUNT_URL',
  'TABLES_PREFIX',
  'DATA_DIR',
  'EMBEDDED_TABLES_PORT',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'TRACKER_BOARD',
  'TRACKER_TENANT',
  'MicrosoftAppTenantId',
  'NODE_ENV',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'OTEL_SERVICE_NAME',
];

export type ChildEnv = Record<string, string | undefined>;

function childEnv(env: ChildEnv): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of TRACKER_VARS) delete base[name];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete base[name];
    else base[name] = value;
  }
  return base;
}

const running = new Set<ChildProcess>();

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
}

/** SIGKILLs every child still running and waits for each to be gone. */
export async function killAllChildren(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      if (isRunning(child)) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGKILL');
        await gone;
      }
      running.delete(child);
    }),
  );
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface CliOptions {
  env: ChildEnv;
  /** Written to the child's stdin, which is then closed (stdin is closed at once without it). */
  input?: string;
  timeoutMs?: number;
  /** Run cli.js from this build (`npm run build`'s dist/, or a copy of it) with plain node. */
  built?: string;
}

/** Runs one CLI command to completion. */
export function runCli(args: string[], opts: CliOptions): Promise<CliResult> {
  const started = performance.now();
  const program = opts.built ? [join(opts.built, 'cli.js')] : ['--import', 'tsx', CLI];
  const child = spawn(process.execPath, [...program, ...args], {
    cwd: repoRoot,
    env: childEnv(opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  track(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdin.on('error', () => undefined); // EPIPE if the child exits before reading it all
  child.stdin.end(opts.input ?? '');
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return new Promise<CliResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`tracker ${args.join(' ')}: no exit after ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`),
      );
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'close', not 'exit': by then stdout and stderr have been read to the end.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Math.round(performance.now() - started) });
    });
  });
}

/** Parses a --json command's stdout, with the command's output in the message if it is not JSON. */
export function parseJson<T>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch (err) {
    throw new Error(`stdout is not JSON (${(err as Error).message}):\n${result.stdout}\nstderr:\n${result.stderr}`, {
      cause: err,
    });
  }
}

/** The non-blank lines of a child's output. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

export interface ServerChild {
  child: ChildProcess;
  /** Everything the server has written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null if killed by a signal) once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * A module, preloaded with --import, that runs the child's wall clock `ms` ahead (`Date` only;
 * timers and performance.now are untouched): a process restarted after a crash then sees the dead
 * process's leases as run out, without the test waiting for them.
 */
function clockAhead(ms: number): string {
  const source = `const R = Date, ahead = ${Math.trunc(ms)};
function D(...a) { if (!new.target) return new R(R.now() + ahead).toString(); return a.length ? new R(...a) : new R(R.now() + ahead); }
D.prototype = R.prototype; Object.setPrototypeOf(D, R); D.now = () => R.now() + ahead; globalThis.Date = D;`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

export interface ServerOptions {
  /** Run the server's clock this far ahead of the test's. */
  clockAheadMs?: number;
  /** Run server.js from this build (`npm run build`'s dist/, or a copy of it) with plain node. */
  built?: string;
}

export function startServer(env: ChildEnv, opts: ServerOptions = {}): ServerChild {
  const preload = opts.clockAheadMs ? ['--import', clockAhead(opts.clockAheadMs)] : [];
  const program = opts.built ? [join(opts.built, 'server.js')] : ['--import', 'tsx', SERVER];
  const child = spawn(process.execPath, [...preload, ...program], {
    cwd: repoRoot,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/**
 * A process of its own that owns the embedded store on DATA_DIR (tests/helpers/embedded-child.ts
 * serve), as a CLI command or an earlier server would; resolves once it serves, with its pid.
 */
export function startEmbeddedOwner(
  dataDir: string,
  port: number,
  prefix: string,
): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', EMBEDDED_OWNER, 'serve', dataDir, String(port), prefix], {
    cwd: repoRoot,
    env: childEnv({}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      if (!out.includes('\n')) return;
      const report = JSON.parse(out.slice(0, out.indexOf('\n'))) as {
        pid: number;
        ready?: boolean;
        events: Array<{ event: string; fields?: { owner?: boolean } }>;
      };
      const owns = report.events.some((e) => e.event === 'storage.embedded' && e.fields?.owner === true);
      if (report.ready && owns) resolve({ child, pid: report.pid });
      else reject(new Error(`the embedded store's process did not become its owner: ${out}`));
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the embedded store's process exited (${String(code ?? signal)}) before it served: ${err}`)),
    );
  });
}

/** Sends SIGTERM; resolves with how the process ended, or rejects (after a SIGKILL) if it takes over `ms`. */
export async function stopServer(
  server: ServerChild,
  ms = 5_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  server.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      server.child.kill('SIGKILL');
      reject(
        new Error(
          `the server did not exit within ${ms} ms of SIGTERM\nstdout: ${server.stdout()}\nstderr: ${server.stderr()}`,
        ),
      );
    }, ms);
  });
  try {
    const end = await Promise.race([server.exited, late]);
    return { ...end, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** A TCP port nothing listens on right now (listen on 0, note the port, close). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  return port;
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** From the child's start (or the call, if no start time is given) to this answer. */
  ms: number;
}

/**
 * Polls `url` until it gives any HTTP answer (`until: 'any'`) or a 200 (`until: 'ok'`); fails
 * early, with the server's output, if the server exits first.
 */
export async function pollHttp(
  url: string,
  opts: { server: ServerChild; until: 'any' | 'ok'; timeoutMs: number; since?: number },
): Promise<HttpAnswer> {
  const since = opts.since ?? performance.now();
  const deadline = performance.now() + opts.timeoutMs;
  let last: string;
  for (;;) {
    if (!isRunning(opts.server.child)) {
      throw new Error(
        `the server exited (${String(opts.server.child.exitCode)}) before ${url} answered\nstdout: ${opts.server.stdout()}\nstderr: ${opts.server.stderr()}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await res.text();
      last = `${res.status} ${body}`;
      if (opts.until === 'any' || res.status === 200)
        return { status: res.status, body, ms: Math.round(performance.now() - since) };
    } catch (err) {
      last = String(err);
    }
    if (performance.now() > deadline) {
      throw new Error(
        `${url} gave no ${opts.until === 'ok' ? '200' : 'answer'} within ${opts.timeoutMs} ms (last: ${last})\nstdout: ${opts.server.stdout()}\nstderr: ${opts.server.stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
