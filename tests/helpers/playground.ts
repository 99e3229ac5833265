// The Microsoft 365 Agents Playground as `npm run playground [-- NAME]` starts it (playground/start.ts),
// for the browser walk-through. The launcher runs in a process group of its own, so that stopping
// it stops the Playground it started too, and nothing else.
import { spawn } from 'node:child_process';
import { repoRoot } from './processes.ts';

export interface PlaygroundChild {
  /** The page to open. */
  url: string;
  /** What the launcher and the Playground have written so far. */
  output(): string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** A first name, full name or email from .m365agentsplayground.yml; none: its current user. */
  who?: string;
  botPort: number;
  port: number;
  logFile: string;
}

export function startPlayground(opts: PlaygroundOptions): Promise<PlaygroundChild> {
  const args = ['--import', 'tsx', 'playground/start.ts', ...(opts.who ? [opts.who] : [])];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(opts.botPort),
      HOST: '127.0.0.1',
      PLAYGROUND_PORT: String(opts.port),
      // Never open a browser of its own: the test drives one.
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: opts.logFile,
    },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const group = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The group is gone already.
    }
  };
  const stop = async (): Promise<void> => {
    group('SIGTERM');
    const late = setTimeout(() => group('SIGKILL'), 5_000);
    await exited;
    clearTimeout(late);
    // The launcher may exit before the Playground it forwarded the signal to.
    group('SIGKILL');
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the Agents Playground did not start within 30 s:\n${output}`));
    }, 30_000);
    child.stdout.on('data', () => {
      // The Playground takes another port when the one asked for is taken: read which.
      const listening = /Listening on (\d+)/.exec(output);
      if (!listening) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${listening[1]}`, output: () => output, stop });
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the Agents Playground exited before it listened:\n${output}`));
    });
  });
}
