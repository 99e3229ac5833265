// The CLI's one run, from arguments to exit code: parse the options, open the board, run the
// command, and turn every refusal into one line starting 'error:' on stderr. index.ts runs it
// with the process's own streams; tests run it in-process with their own.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openBoard } from '../boot.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { RefusedError } from '../rules/refused.ts';
import { OPTIONS, run, USAGE } from './commands.ts';

export interface CliProcess {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  /** Stdin as bytes (a Word file piped in); without it, the text of readStdin as UTF-8. */
  readStdinBytes?(): Promise<Uint8Array>;
}

export async function cliMain(p: CliProcess): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: p.argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    p.stderr(`error: ${(err as Error).message}\n`);
    return 2;
  }
  if (parsed.values.help || parsed.positionals.length === 0) {
    p.stdout(USAGE + '\n');
    return parsed.values.help ? 0 : 2;
  }
  let config;
  try {
    config = loadConfig({ ...p.env, ...(parsed.values.board ? { TRACKER_BOARD: parsed.values.board } : {}) });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    p.stderr(`error: ${err.message}\n`);
    return 2;
  }
  // Logs go to stderr so that --json output on stdout stays parseable.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, (line) => p.stderr(line + '\n'));
  const opened = await openBoard(config, log, { longLived: false });
  try {
    return await run(
      opened.board,
      parsed.positionals,
      parsed.values,
      {
        out: (text) => p.stdout(text + '\n'),
        readInput: (file) => (file === '-' ? p.readStdin() : readFile(file, 'utf8')),
        readBytes: async (file) =>
          file === '-'
            ? ((await p.readStdinBytes?.()) ?? new TextEncoder().encode(await p.readStdin()))
            : new Uint8Array(await readFile(file)),
      },
      config.papers,
    );
  } catch (err) {
    if (err instanceof RefusedError) {
      p.stderr(`error: ${err.message}\n`);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      p.stderr(`error: cannot read ${(err as NodeJS.ErrnoException).path ?? 'the file'} (${code})\n`);
      return 1;
    }
    throw err;
  } finally {
    await opened.close();
  }
}
