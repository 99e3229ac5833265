// The tab's browser bundle: bot/tab/client/main.ts (with @microsoft/teams-js) bundled and minified
// by esbuild. The server builds it on first request and keeps it in memory; `npm run build:tab`
// writes it to bot/tab/dist/tab.js, which the server serves when esbuild is not installed (a
// production install without devDependencies).
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface TabBundle {
  js: string;
  bytes: number;
  gzipBytes: number;
}

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));
export const BUILT = fileURLToPath(new URL('./dist/tab.js', import.meta.url));

const measure = (js: string): TabBundle => ({ js, bytes: Buffer.byteLength(js), gzipBytes: gzipSync(js).length });

export async function buildTabBundle(): Promise<TabBundle> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for the tab');
  return measure(file.text);
}

/** The bundle: built now when esbuild is there, else the one `npm run build:tab` wrote. */
export async function loadTabBundle(): Promise<TabBundle> {
  try {
    return await buildTabBundle();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return measure(await readFile(BUILT, 'utf8'));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bundle = await buildTabBundle();
  await mkdir(new URL('./dist/', import.meta.url), { recursive: true });
  await writeFile(BUILT, bundle.js);
  console.log(
    `bot/tab/dist/tab.js: ${bundle.bytes.toLocaleString('en-GB')} bytes (${bundle.gzipBytes.toLocaleString('en-GB')} gzipped)`,
  );
}
