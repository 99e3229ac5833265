// `npm run bench -- profile reply` runs the benchmarks named under `node --cpu-prof` and prints where the
// bench process's CPU went, over the phases bench/marks.ts marked (the replies, not start-up and seeding);
// `npm run bench -- profile <file.cpuprofile>` reads a profile already taken (and marks.tsv beside it).
// Self time is by function and place (file:line, packages by name); inclusive time is for the project's
// own modules only, each function counted once per sample even when it recurses.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const TOP = 25;
/** The marks bench/marks.ts writes, beside the profile. */
const MARKS = 'marks.tsv';

/**
 * Where a frame's code lives: a package by name, the project's files by path, Node's own by name. (tsx
 * compiles each file onto a line or two, so the profile's line numbers say nothing.)
 */
function placeOf(url: string): string {
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (pkg) return pkg[1] ?? file;
  if (file.startsWith(root)) return path.relative(root, file);
  return file;
}

const ours = (url: string): boolean => url.includes(root) && !url.includes('node_modules');

/** A stretch of the profile: its name and its bounds, in microseconds on the profiler's clock. */
interface Phase {
  name: string;
  from: number;
  to: number;
}

/** The phases bench/marks.ts wrote (each runs to the next mark; 'end' closes the last), or none. */
function phasesIn(file: string): Phase[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const marks = text
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'))
    .map(([name, at]) => ({ name: name ?? '', at: Number(at) }));
  return marks.slice(0, -1).map((m, i) => ({ name: m.name, from: m.at, to: marks[i + 1]?.at ?? Infinity }));
}

/** Self and inclusive time by function over the samples taken within [from, to). */
function tally(profile: CpuProfile, from: number, to: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'}  ${placeOf(n.callFrame.url)}`;
  // A sample's time is the delta that follows it (V8 writes the delta before each sample).
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < from || at >= to) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  let total = 0;
  let idle = 0;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node) continue;
    total += ms;
    if (node.callFrame.functionName === '(idle)') idle += ms;
    self.set(key(node), (self.get(key(node)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
      const n = byId.get(up);
      if (!n || !ours(n.callFrame.url) || seen.has(key(n))) continue;
      seen.add(key(n));
      inclusive.set(key(n), (inclusive.get(key(n)) ?? 0) + ms);
    }
  }
  return { total, busy: total - idle, self, inclusive };
}

function table(title: string, rows: Map<string, number>, busy: number, top: number): string[] {
  return [
    title,
    ...[...rows]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${k}`),
    '',
  ];
}

/** Where the CPU went: over all the phases together (the whole profile without marks), then each phase's top. */
export function summarise(profile: CpuProfile, phases: Phase[] = []): string[] {
  const from = phases[0]?.from ?? -Infinity;
  const to = phases.at(-1)?.to ?? Infinity;
  const all = tally(profile, from, to);
  const busy = (t: { total: number; busy: number }): string =>
    `${(t.total / 1000).toFixed(1)} s, ${(t.busy / 1000).toFixed(1)} s of it busy (${((100 * t.busy) / t.total).toFixed(0)}%)`;
  const lines = [
    `${phases.length ? `From "${phases[0]?.name}" to the end of "${phases.at(-1)?.name}"` : 'The whole run'}: ${busy(all)}; shares are of the busy time.`,
    '',
    ...table('Self time, by function:', all.self, all.busy, TOP),
    ...table("Inclusive time, the project's own functions:", all.inclusive, all.busy, TOP),
  ];
  for (const p of phases) {
    const t = tally(profile, p.from, p.to);
    lines.push(`Phase "${p.name}": ${busy(t)}.`, '', ...table('Self time:', t.self, t.busy, 10));
  }
  return lines;
}

/** The newest .cpuprofile in a directory. */
function newest(dir: string): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const [last] = files.map((f) => path.join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!last) throw new Error(`no .cpuprofile was written in ${dir}`);
  return last;
}

export function profileMain(args: string[]): void {
  let file = args.find((a) => a.endsWith('.cpuprofile'));
  if (!file) {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-profile-'));
    const run = spawnSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', path.join(here, 'run.ts'), ...args],
      { cwd: root, stdio: 'inherit', env: { ...process.env, BENCH_MARKS: path.join(dir, MARKS) } },
    );
    if (run.status !== 0) throw new Error(`the benchmark exited with ${String(run.status)}`);
    file = newest(dir);
  }
  console.log(`\nProfile: ${file}\n`);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  for (const line of summarise(profile, phasesIn(path.join(path.dirname(file), MARKS)))) console.log(line);
}
