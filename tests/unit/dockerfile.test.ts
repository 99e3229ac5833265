// The Dockerfile checked here, where no Docker engine runs: its npm commands against package.json's
// scripts, the runtime stage's user, port, variables and health check against the server (its config
// loader and HTTP app, run), and the files it ships against what azd uploads to App Service (.webappignore).
// Whether the image builds and starts is for a machine with Docker (README.md, "Azure").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';
import { dockerStages, execForm, type DockerStage } from '../helpers/dockerfile-text.ts';
import { namesRead } from '../helpers/env-reads.ts';
import { appService, path } from '../helpers/infra-templates.ts';
import { repoRoot } from '../helpers/processes.ts';
import { served } from '../helpers/server-routes.ts';

const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const stages = dockerStages(read('Dockerfile'));
const build = stages[0] as DockerStage;
const runtime = stages.at(-1) as DockerStage;

const args = (stage: DockerStage, keyword: string): string[] =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const only = (stage: DockerStage, keyword: string): string => {
  const found = args(stage, keyword);
  if (found.length !== 1) throw new Error(`expected one ${keyword} in the ${stage.name ?? stage.image} stage`);
  return found[0] as string;
};
/** ENV's NAME=value pairs (the Dockerfile quotes none). */
const envOf = (stage: DockerStage): Record<string, string> =>
  Object.fromEntries(
    args(stage, 'ENV')
      .flatMap((a) => a.split(/\s+/))
      .map((pair) => pair.split('=', 2) as [string, string]),
  );
/** The sources of a COPY (without --from and the like), and its --from stage. */
const copied = (copy: string): { from?: string; sources: string[] } => {
  const words = copy.split(/\s+/);
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const sources = words.filter((w) => !w.startsWith('--')).slice(0, -1);
  return { ...(from ? { from } : {}), sources };
};

describe('the Dockerfile', () => {
  it('builds in one stage (all dependencies, npm run build) and runs in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const runs = args(build, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/\bnpm run build\b/);
    // npm ci installs what the lock file says, so the lock file is copied before it.
    expect(copied(args(build, 'COPY')[0] ?? '').sources).toEqual(['package.json', 'package-lock.json']);
  });

  it('runs only npm scripts package.json has', () => {
    const scripts = stages.flatMap((s) => args(s, 'RUN')).flatMap((r) => [...r.matchAll(/\bnpm run (\S+)/g)]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, script] of scripts) expect(pkg.scripts, script).toHaveProperty([script ?? '']);
  });

  it('runs the built server as npm run start:prod does, on the Node 24 slim image App Service also runs', () => {
    expect(execForm(only(runtime, 'CMD'))?.join(' ')).toBe(pkg.scripts['start:prod']);
    expect(runtime.image).toMatch(/^node:24[-.\w]*slim/);
    const { site } = appService();
    const appServiceNode = /NODE\|(\d+)/.exec(path(site.body, 'properties', 'siteConfig', 'linuxFxVersion'))?.[1];
    expect(runtime.image.startsWith(`node:${appServiceNode}`)).toBe(true);
  });

  it('copies only the build into the runtime stage, which installs nothing (the packages are bundled in)', () => {
    expect(args(runtime, 'RUN').join('\n')).not.toMatch(/\bnpm\b/);
    expect(args(runtime, 'COPY').map(copied)).toEqual([{ from: build.name, sources: ['/app/dist'] }]);
  });

  it('runs as a user that is not root', () => {
    const user = only(runtime, 'USER');
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.indexOf('USER')).toBeLessThan(keywords.indexOf('CMD'));
  });

  it('sets only variables the server reads, and with them it listens on all interfaces at the port it exposes', () => {
    const env = envOf(runtime);
    const readByServer = namesRead(loadConfig);
    expect(Object.keys(env).filter((name) => !readByServer.has(name))).toEqual([]);
    // What production also needs comes from whoever runs the container.
    const config = loadConfig({ ...env, MicrosoftAppId: 'app', TABLES_ACCOUNT_URL: 'https://x.table.example' });
    expect(config.production).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(only(runtime, 'EXPOSE')).toBe(String(config.port));
    expect(config.port).toBe(loadConfig({}).port); // the server's own default
  });

  it('checks health with node (the slim image has no curl) on the server’s health route, at its port', async () => {
    const check = only(runtime, 'HEALTHCHECK');
    const command = execForm(check.slice(check.indexOf('CMD') + 3)) ?? [];
    expect(command[0]).toBe('node');
    expect(check).not.toMatch(/\b(curl|wget)\b/);
    const script = command.join(' ');
    expect(script).toContain('process.env.PORT');
    const route = /'(\/[\w/-]*)'/.exec(script)?.[1] ?? '';
    expect(await served(route)).toEqual({ status: 200, bot: false });
  });

  it('ships the same files azd uploads to App Service (.webappignore)', () => {
    const shipped = args(runtime, 'COPY')
      .map(copied)
      .flatMap((c) => c.sources.map((s) => (c.from ? s.replace(/^\/app\//, '') : s)));
    const kept = read('.webappignore')
      .split('\n')
      .filter((line) => line.startsWith('!/'))
      .map((line) => line.replace(/^!\//, '').replace(/\/(\*\*)?$/, ''));
    expect(read('.webappignore').split('\n')).toContain('/*');
    expect([...new Set(kept)].sort()).toEqual([...shipped].sort());
  });

  it('leaves local secrets, data and dependencies out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const name of ['.env', '.data', 'node_modules', 'dist', '.git']) expect(ignored, name).toContain(name);
  });
});
