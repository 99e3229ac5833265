// The operator's command line: `npm run tracker -- <command>`. Human output by default, --json
// for scripts; on bad input, a one-line reason on stderr and a non-zero exit code (main.ts).
import { readDotEnv } from '../config.ts';
import { cliMain } from './main.ts';

async function readStdinBytes(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

const readStdin = async (): Promise<string> => Buffer.from(await readStdinBytes()).toString('utf8');

readDotEnv();
cliMain({
  argv: process.argv.slice(2),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin,
  readStdinBytes,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
