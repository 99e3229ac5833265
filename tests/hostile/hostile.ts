// Shared by the hostile-input suites (tests/hostile/*.test.ts): what the board holds, to prove a
// refused input changed nothing, and the checks every answer and log line must pass: no stack
// trace, no internals, no secret.
import { expect, inject, it } from 'vitest';
import type { Stores } from '../../bot/services/board-context.ts';
import type { Scope } from '../../bot/rules/types.ts';

/** Everything a request could write on a board, with versions and ETags so any write shows. */
export async function boardState(s: Stores, scope: Scope): Promise<unknown> {
  const [actions, questions, people, meetings, queued, inflight, sent, failed, jobs] = await Promise.all([
    s.actions.listAll(scope),
    s.questions.listAll(scope),
    s.people.list(scope),
    s.meetings.list(scope),
    s.outbox.list('queued'),
    s.outbox.list('inflight'),
    s.outbox.list('sent'),
    s.outbox.list('failed'),
    s.jobs.list(scope),
  ]);
  return { actions, questions, people, meetings, outbox: { queued, inflight, sent, failed }, jobs };
}

/**
 * The board as it was before a group of refusals. Every refusal must leave it exactly so: the
 * group ends by comparing the board with this snapshot (reading it around every case would cost
 * more than the cases themselves).
 */
export interface Baseline {
  /** Reads the board the first time, and remembers it. */
  ready(): Promise<void>;
  expectUnchanged(): Promise<void>;
  /** After a deliberate change: the next case reads the board again. */
  reset(): void;
}

export function baseline(read: () => Promise<unknown>): Baseline {
  let before: Promise<unknown> | undefined;
  return {
    async ready() {
      before ??= read();
      await before;
    },
    async expectUnchanged() {
      expect(await read()).toEqual(await before);
    },
    reset() {
      before = undefined;
    },
  };
}

/** The last test of a group: everything refused above left the board exactly as it was. */
export function itLeftTheBoardUnchanged(unchanged: () => Baseline): void {
  it('left the board exactly as it was: nothing stored, nothing changed, nothing queued', async () =>
    unchanged().expectUnchanged());
}

/** Secrets the run knows: the harness's link key, the storage account key; tests add their tokens. */
export function knownSecrets(): string[] {
  const accountKey = /AccountKey=([^;]+)/.exec(inject('tablesConnectionString'))?.[1];
  return ['a test secret that is long enough to sign', ...(accountKey ? [accountKey] : [])];
}

// A V8 stack frame, a source path, or an error class leaking into what a person reads.
const STACK_FRAME = /\n\s+at \S.*(?:\(|:\d+:\d+)/;
const SOURCE_PATH = /(?:\/work\/|node_modules|[\w-]+\.(?:ts|js):\d+)/;
const ERROR_CLASS = /\b(?:\w*Error|Exception):\s/;

/** What a person reads: says something, and nothing of the internals or any secret. */
export function expectNoLeak(text: string, secrets: readonly string[] = knownSecrets()): void {
  expect(text, 'a stack trace').not.toMatch(STACK_FRAME);
  expect(text, 'a source path').not.toMatch(SOURCE_PATH);
  expect(text, 'an error class').not.toMatch(ERROR_CLASS);
  for (const secret of secrets) expect(text.includes(secret), 'a secret').toBe(false);
}

/** Log lines since `from`: structured, no stack trace, no secret. */
export function expectCleanLogs(
  logs: readonly string[],
  from: number,
  secrets: readonly string[] = knownSecrets(),
): void {
  for (const line of logs.slice(from)) {
    expect(line, 'a stack trace in a log line').not.toMatch(/\\n\s+at \S|\n\s+at \S/);
    for (const secret of secrets)
      expect(line.includes(secret), `a secret in a log line: ${line.slice(0, 200)}`).toBe(false);
  }
}

/** Log lines since `from` at error level (a hostile input is the caller's mistake, not the server's). */
export function errorLogs(logs: readonly string[], from: number): string[] {
  return logs.slice(from).filter((l) => (JSON.parse(l) as { level?: string }).level === 'error');
}

/** `n` characters of `unit` (repeated and cut). */
export const chars = (n: number, unit = 'x'): string => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** JSON nested `depth` arrays deep around `inner`, as text (JSON.stringify would overflow building it). */
export const nestedJson = (depth: number, inner = '1'): string => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

/** POSTs a JSON body given as text (for bodies JSON.stringify could not build, such as deep nesting). */
export async function postJsonText(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  return { status: res.status, text: await res.text() };
}

/** The activity as JSON text with the string value `"${marker}"` replaced by raw JSON. */
export function withRawJson(activity: object, marker: string, raw: string): string {
  return JSON.stringify(activity).replace(JSON.stringify(marker), raw);
}
