// The tab's browser bundle: bot/tab/client/main.ts (with @microsoft/teams-js) bundled and minified
// by esbuild. Run from source, the server builds it on first request and keeps it in memory; the
// built server (`npm run build`, bot/build.ts) serves the one written beside it in dist/.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface TabBundle {
  js: string;
  bytes: number;
  gzipBytes: number;
}

const ENTRY = fileURLToPath(new URL('./client/main.ts', import.meta.url));
// Defined by bot/build.ts in the built server only: the bundle's path beside dist/server.js.
declare const PREBUILT_TAB: string | undefined;

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

/** The bundle: the one written beside the built server, or built now from source. */
export async function loadTabBundle(): Promise<TabBundle> {
  if (typeof PREBUILT_TAB === 'string') return measure(await readFile(new URL(PREBUILT_TAB, import.meta.url), 'utf8'));
  return buildTabBundle();
}
