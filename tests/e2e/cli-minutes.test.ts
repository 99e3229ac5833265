// `minutes import` end to end: the CLI as a child process on Azurite, given the Word file of the
// minutes of 14/03/2023 and the text copied out of it. A dry run writes nothing, --json parses,
// and importing the same minutes twice (in either form) changes nothing the second time.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Action, Meeting } from '../../bot/rules/types.ts';
import type { MinutesPreview } from '../../bot/services/minutes/import.ts';
import type { NotifyReport } from '../../bot/outbox/queue.ts';
import { killAllChildren, linesOf, parseJson, runCli, type CliResult } from '../helpers/processes.ts';
import { uniquePrefix } from '../helpers/tables.ts';

const env = {
  TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
  TABLES_PREFIX: uniquePrefix(),
  TRACKER_BOARD: 'PAM',
};
const tracker = (args: string[], input?: string): Promise<CliResult> =>
  runCli(args, { env, timeoutMs: 60_000, ...(input !== undefined ? { input } : {}) });
const DOCX = 'tests/fixtures/minutes-2023-03-14.docx';
const TEXT = readFileSync(new URL('../fixtures/minutes-2023-03-14.txt', import.meta.url), 'utf8');

async function ok(args: string[], input?: string): Promise<CliResult> {
  const r = await tracker(args, input);
  expect(r.code, `tracker ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

afterAll(killAllChildren);

describe('minutes import on the CLI', () => {
  // A dozen CLI runs, each a Node process of its own: seconds apiece on a loaded 2-core machine.
  it(
    'previews without writing, prints JSON that parses, applies, and changes nothing the second time',
    { timeout: 180_000 },
    async () => {
      await ok(['people', 'import', 'tests/fixtures/people-example.csv']);

      const dry = await ok(['minutes', 'import', DOCX, '--dry-run']);
      expect(dry.stdout).toMatch(/^Minutes of the meeting of 14\/03\/2023$/m);
      expect(dry.stdout).toMatch(/^Actions Arising \(6 in the minutes\)$/m);
      expect(dry.stdout).toContain(
        'Not in the directory (not added, not guessed): Helen Brooke, Owen Marsh, Nadia Fox',
      );
      expect(linesOf(dry.stdout).at(-1)).toBe('Dry run: nothing was written.');
      expect(parseJson<Meeting[]>(await ok(['meeting', 'list', '--json']))).toEqual([]);
      expect(parseJson<Action[]>(await ok(['actions', 'list', '--json']))).toEqual([]);

      const { preview } = parseJson<{ preview: MinutesPreview }>(
        await ok(['minutes', 'import', DOCX, '--dry-run', '--json']),
      );
      expect(preview.meeting).toBe('2023-03-14');
      expect(preview.counts).toMatchObject({ update: 0, unchanged: 0, kept: 0 });
      expect(preview.sections.find((s) => s.section === 'actions')?.records).toHaveLength(6);
      expect(parseJson<Meeting[]>(await ok(['meeting', 'list', '--json']))).toEqual([]);

      const applied = parseJson<{ preview: MinutesPreview; applied: MinutesPreview; notified: NotifyReport }>(
        await ok(['minutes', 'import', DOCX, '--json']),
      );
      expect(applied.applied.counts).toEqual(applied.preview.counts);
      expect(applied.notified.unreachable.length).toBeGreaterThan(0);
      const actions = parseJson<Array<Action & { reference: string }>>(
        await ok(['actions', 'list', '--meeting', '14/03/2023', '--json']),
      );
      expect(actions.map((a) => a.reference)).toEqual([
        '01.14/03/2023',
        '04 14/03/2023.i',
        '04 14/03/2023.ii',
        '06 14/03/2023',
        '07 14/03/2023',
        'N/A',
      ]);

      const again = await ok(['minutes', 'import', DOCX]);
      expect(again.stdout).toContain('Nothing to change: the tracker already holds these minutes.');
      expect(again.stdout).toMatch(/^0 to add, 0 to update, \d+ unchanged, 0 kept, 0 errors$/m);

      // The text copied out of Word is the same minutes: nothing to change either.
      const text = await ok(['minutes', 'import', '-', '--dry-run', '--json'], TEXT);
      const fromText = parseJson<{ preview: MinutesPreview }>(text).preview;
      expect(fromText.counts).toMatchObject({ add: 0, update: 0, error: 0 });
    },
  );

  it(
    'sends a Word file given to `actions import` or `questions import` to `minutes import`',
    { timeout: 60_000 },
    async () => {
      const [actions, questions] = await Promise.all([
        tracker(['actions', 'import', DOCX]),
        tracker(['questions', 'import', DOCX, '--meeting', '14/03/2023']),
      ]);
      for (const r of [actions, questions]) {
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(linesOf(r.stderr)).toEqual(['error: this is a Word file: use `minutes import FILE`']);
      }
    },
  );
});
