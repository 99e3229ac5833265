// The operator's command line: `npm run tracker -- <command>`. Human output by default, --json
// for scripts; on bad input, a one-line reason on stderr and a non-zero exit code.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { openTracker } from '../boot.ts';
import { ConfigError, loadConfig, readDotEnv } from '../config.ts';
import { createLogger } from '../log.ts';
import { RefusedError } from '../tracker/refused.ts';
import { OPTIONS, run, USAGE } from './commands.ts';

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 2;
  }
  if (parsed.values.help || parsed.positionals.length === 0) {
    process.stdout.write(USAGE + '\n');
    return parsed.values.help ? 0 : 2;
  }
  let config;
  try {
    readDotEnv();
    config = loadConfig({ ...process.env, ...(parsed.values.board ? { TRACKER_BOARD: parsed.values.board } : {}) });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    return 2;
  }
  // Logs go to stderr so that --json output on stdout stays parseable.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, (line) => process.stderr.write(line + '\n'));
  const opened = await openTracker(config, log, { longLived: false });
  try {
    return await run(opened.tracker, parsed.positionals, parsed.values, {
      out: (text) => process.stdout.write(text + '\n'),
      readInput: (file) => (file === '-' ? readStdin() : readFile(file, 'utf8')),
    });
  } catch (err) {
    if (err instanceof RefusedError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      process.stderr.write(`error: cannot read ${(err as NodeJS.ErrnoException).path ?? 'the file'} (${code})\n`);
      return 1;
    }
    throw err;
  } finally {
    await opened.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
