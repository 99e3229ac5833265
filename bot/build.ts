// `npm run build`: the server and the operator's CLI as plain JavaScript in dist/, for
// `node dist/server.js` with no TypeScript tooling at run time. Packages are bundled in: Node then
// reads a few files instead of some 2,100 modules, which was most of the start-up time. Azurite stays
// out (the embedded store is for local use and a devDependency). The tab's browser bundle is
// written beside the server, which serves it from there (bot/tab/build.ts, PREBUILT_TAB). What
// server.ts imports dynamically stays in chunks of its own (dist/*-HASH.js), loaded when imported:
// telemetry must start before the server's packages load, and not load at all when it is off.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { buildTabBundle } from './tab/build.ts';

const root = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));
const OUT = root('dist');

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const result = await esbuild.build({
  entryPoints: { server: root('bot/server.ts'), cli: root('bot/cli/index.ts') },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  // Beside server.js, as the tab's bundle is: code finds it at ./tab.js from whichever chunk it is in.
  chunkNames: '[name]-[hash]',
  target: 'node22',
  external: ['azurite'],
  // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { PREBUILT_TAB: JSON.stringify('./tab.js') },
});
const tab = await buildTabBundle();
await writeFile(`${OUT}/tab.js`, tab.js);
// dist/ is all a production install needs: this makes Node read its .js files as ES modules.
await writeFile(`${OUT}/package.json`, `${JSON.stringify({ type: 'module', private: true })}\n`);

const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith('.js'))
  .map(([file, out]) => `${file}: ${Math.round(out.bytes / 1024).toLocaleString('en-GB')} KB`);
console.log([...sizes, `dist/tab.js: ${Math.round(tab.bytes / 1024).toLocaleString('en-GB')} KB`].join('\n'));
