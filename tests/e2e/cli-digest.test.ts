// `tracker digest` end to end: the CLI in a child process against the run's shared Azurite, with
// tables of this file's own. The board: the example directory, the meeting of 14/03/2023 (whose
// next is 11/04/2023) and its Actions Arising; the digest is the one for 11/04/2023's papers.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Digest } from '../../bot/rules/digest-model.ts';
import { parseCsv } from '../../bot/rules/csv.ts';
import { uniquePrefix } from '../helpers/tables.ts';
import { killAllChildren, linesOf, parseJson, runCli, type CliResult } from '../helpers/processes.ts';
import { unzip } from '../helpers/unzip.ts';

const env = {
  TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
  TABLES_PREFIX: uniquePrefix(),
  TRACKER_BOARD: 'PAM',
};

const tracker = (args: string[]): Promise<CliResult> => runCli(args, { env });

async function ok(args: string[]): Promise<CliResult> {
  const r = await tracker(args);
  expect(r.code, `tracker ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

function expectOneLineError(r: CliResult): string {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(1);
  const lines = linesOf(r.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(r.stdout).toBe('');
  return lines[0] ?? '';
}

const REFS = ['01.14/03/2023', '04 14/03/2023.i', '04 14/03/2023.ii', '06 14/03/2023', '07 14/03/2023', 'N/A'];
const dir = mkdtempSync(join(tmpdir(), 'pam-digest-'));

afterAll(async () => {
  await killAllChildren();
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  await ok(['people', 'import', 'tests/fixtures/people-example.csv']);
  await ok(['meeting', 'add', '--date', '14/03/2023', '--time', '10:00', '--next', '11/04/2023']);
  await ok(['meeting', 'add', '--date', '11/04/2023', '--time', '09:30', '--location', 'Police HQ']);
  await ok(['actions', 'import', 'tests/fixtures/actions-arising-example.txt']);
}, 60_000);

describe('tracker digest', () => {
  it('prints the Markdown action log with every open action', async () => {
    const r = await ok(['digest', '--meeting', '11/04/2023', '--format', 'md']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('**OFFICIAL-SENSITIVE**');
    expect(lines[2]).toBe('# PAM action log, meeting of 11/04/2023: full version, not for publication');
    expect(r.stdout).toContain('11/04/2023 at 09:30 · Police HQ');
    expect(r.stdout).toContain('| **Actions from 14/03/2023** |   |   |');
    for (const ref of REFS)
      expect(
        lines.some((l) => l.startsWith(`| ${ref} |`)),
        ref,
      ).toBe(true);
    expect(r.stdout).toContain('Jane Doe (JD)');
    // Markdown is the default.
    const plain = await ok(['digest', '--meeting', '11/04/2023']);
    expect(plain.stdout).toBe(r.stdout);
  });

  it('writes the Word action log with --out', async () => {
    const file = join(dir, 'action-log.docx');
    const r = await ok(['digest', '--meeting', '11/04/2023', '--format', 'docx', '--out', file]);
    expect(r.stdout.trim()).toBe(`Wrote the action log for 11/04/2023 to ${file} (6 items).`);
    expect(existsSync(file)).toBe(true);
    const buf = readFileSync(file);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = unzip(buf).get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('<w:tbl>');
    for (const ref of REFS) expect(xml, ref).toContain(`>${ref}</w:t>`);
  });

  it('prints CSV, and gives the model with --json', async () => {
    const csv = await ok(['digest', '--meeting', '11/04/2023', '--format', 'csv']);
    expect(csv.stdout.startsWith('\uFEFFSection,Group,Number,Item,')).toBe(true);
    expect(csv.stdout.endsWith('\r\n')).toBe(true);
    expect(csv.stdout.replace(/\r\n/g, '')).not.toContain('\n');
    expect(
      parseCsv(csv.stdout)
        .slice(1)
        .map((r) => r[2])
        .sort(),
    ).toEqual([...REFS].sort());
    const digest = parseJson<Digest>(await ok(['digest', '--meeting', '11/04/2023', '--json']));
    expect(digest.meeting).toMatchObject({ date: '2023-04-11', time: '09:30', location: 'Police HQ' });
    expect(digest.previousMeeting).toBe('2023-03-14');
    expect(digest.counts.actions.open).toBe(6);
  });

  it('refuses a Word file without --out, a meeting not in the calendar, and no --meeting', async () => {
    const [noOut, noMeeting, none, pdf] = await Promise.all([
      tracker(['digest', '--meeting', '11/04/2023', '--format', 'docx']),
      tracker(['digest', '--meeting', '12/04/2023']),
      tracker(['digest']),
      tracker(['digest', '--meeting', '11/04/2023', '--format', 'pdf']),
    ]);
    expect(expectOneLineError(noOut)).toBe(
      'error: --format docx needs --out FILE (a Word document cannot go to the terminal)',
    );
    expect(expectOneLineError(noMeeting)).toBe('error: no meeting on 12/04/2023: add it with meeting add');
    expect(expectOneLineError(none)).toBe('error: digest needs --meeting dd/MM/yyyy');
    expect(expectOneLineError(pdf)).toBe('error: --format must be md, csv or docx');
  });

  it('refuses the open minutes without --out, and for a meeting whose minutes are not in the tracker', async () => {
    const [noOut, noMinutes, noMeeting] = await Promise.all([
      tracker(['minutes', 'open', '--meeting', '14/03/2023']),
      tracker(['minutes', 'open', '--meeting', '14/03/2023', '--out', join(dir, 'minutes.docx')]),
      tracker(['minutes', 'open', '--meeting', '15/03/2023', '--out', join(dir, 'minutes.docx')]),
    ]);
    expect(expectOneLineError(noOut)).toBe('error: minutes open needs --meeting dd/MM/yyyy and --out FILE.docx');
    expect(expectOneLineError(noMinutes)).toBe(
      'error: the minutes of 14/03/2023 are not in the tracker: import them with minutes import FILE',
    );
    expect(expectOneLineError(noMeeting)).toBe('error: no meeting on 15/03/2023: add it with meeting add');
    expect(existsSync(join(dir, 'minutes.docx'))).toBe(false);
  });
});
