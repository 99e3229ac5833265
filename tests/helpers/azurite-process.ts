// Azurite's Table service as a child process on disk (`azurite-table --location DIR --tablePort N`),
// so a test can take storage away from a running bot and bring it back on the same port and data.
//
// Stopping: Azurite's CLI closes cleanly (LokiJS writes its database file) on SIGINT only; SIGTERM
// and SIGKILL end it at once, losing whatever was written since the last 5 s autosave.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { devConnectionString } from '../../storage/azurite.ts';

const MAIN = createRequire(import.meta.url).resolve('azurite/dist/src/table/main.js');
const START_MS = 30_000;
const STOP_MS = 20_000;

const running = new Set<ChildProcess>();

export interface AzuriteProcess {
  readonly port: number;
  readonly location: string;
  readonly connectionString: string;
  /** Whether the Azurite child is up (between start and stop). */
  readonly up: boolean;
  /** Starts it again on the same port and data folder; resolves once it listens. */
  start(): Promise<void>;
  /** Clean stop (SIGINT): the data is on disk when this resolves. */
  stop(): Promise<void>;
  /** Freezes it (SIGSTOP): connections are accepted and never answered, as with storage that hangs. */
  freeze(): void;
  /** Lets a frozen Azurite go on (SIGCONT). */
  thaw(): void;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Runs Azurite's Table service on `port` with its database in `location`; resolves once it listens. */
export async function startAzuriteProcess(opts: { location: string; port: number }): Promise<AzuriteProcess> {
  let child: ChildProcess | undefined;

  const launch = async (): Promise<void> => {
    const c = spawn(
      process.execPath,
      [
        MAIN,
        '--location',
        opts.location,
        '--tableHost',
        '127.0.0.1',
        '--tablePort',
        String(opts.port),
        '--silent',
        '--disableTelemetry',
        '--skipApiVersionCheck',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = c;
    running.add(c);
    c.once('exit', () => running.delete(c));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`Azurite did not start on port ${opts.port} within ${START_MS} ms:\n${output}`)),
        START_MS,
      );
      const fail = (err: Error): void => {
        clearTimeout(timer);
        c.kill('SIGKILL');
        reject(err);
      };
      c.stdout?.setEncoding('utf8').on('data', (s: string) => {
        output += s;
        if (output.includes('successfully started')) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.stderr?.setEncoding('utf8').on('data', (s: string) => (output += s));
      c.once('exit', (code, signal) =>
        fail(
          new Error(`Azurite exited (${String(code ?? signal)}) before it listened on port ${opts.port}:\n${output}`),
        ),
      );
    });
  };

  await launch();
  return {
    port: opts.port,
    location: opts.location,
    connectionString: devConnectionString('127.0.0.1', opts.port),
    get up() {
      return child !== undefined && !exited(child);
    },
    async start() {
      if (child && !exited(child)) throw new Error('Azurite is already running');
      await launch();
    },
    freeze() {
      if (!child || exited(child)) throw new Error('Azurite is not running');
      child.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    async stop() {
      const c = child;
      if (!c || exited(c)) return;
      const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.kill('SIGINT');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          c.kill('SIGKILL');
          reject(new Error(`Azurite did not stop within ${STOP_MS} ms of SIGINT: its last writes may be lost`));
        }, STOP_MS);
      });
      try {
        await Promise.race([gone, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** SIGKILLs every Azurite child still running (for afterAll, after a failed or timed-out test). */
export async function killAzuriteProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(async (c) => {
      if (!exited(c)) {
        const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
        c.kill('SIGKILL');
        await gone;
      }
      running.delete(c);
    }),
  );
}
