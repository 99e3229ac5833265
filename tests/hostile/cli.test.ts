// Hostile input to the operator CLI: unknown commands and flags, malformed dates, references and
// board names, bad files (missing, a directory, invalid UTF-8), and every bad import line of the
// Teams suite through `actions import -`. Run in-process through cliMain (the CLI's own run, with
// its own error handling), and a few as real child processes to see what an operator's terminal
// shows. Each: exit code non-zero, one plain 'error:' line or a per-line report, nothing stored.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cliMain } from '../../bot/cli/main.ts';
import { linkByEmail } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createStores, createBoardContext, type BoardContext } from '../../bot/services/board-context.ts';
import { formatLondon } from '../../bot/rules/dates.ts';
import { fixture } from '../helpers/bot-board.ts';
import { killAllChildren, runCli } from '../helpers/processes.ts';
import { testTables, uniquePrefix } from '../helpers/tables.ts';
import { baseline, boardState, chars, expectNoLeak, itLeftTheBoardUnchanged, nestedJson } from './hostile.ts';
import { CSV_TABLES, JSON_DOCS, TEXT_LINES } from './import-cases.ts';

const prefix = uniquePrefix();
const env = {
  TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
  TABLES_PREFIX: prefix,
  TRACKER_BOARD: 'PAM',
  LOG_LEVEL: 'warn',
};
const dir = mkdtempSync(join(tmpdir(), 'hostile-cli-'));
const file = (name: string, data: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await cliMain({
    argv,
    env,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: async () => stdin,
  });
  return { code, stdout, stderr };
}

let t: BoardContext;
const state = () => boardState(t.stores, t.scope);
const unchanged = baseline(state);

/** Runs one hostile command: non-zero exit, `reason` said, no internals or secrets, nothing stored. */
async function expectRefused(argv: string[], reason: RegExp, stdin?: string): Promise<Run> {
  const r = await cli(argv, stdin);
  expect(r.code, `${r.stdout}\n${r.stderr}`).not.toBe(0);
  expect(`${r.stdout}\n${r.stderr}`).toMatch(reason);
  expectNoLeak(r.stdout);
  expectNoLeak(r.stderr);
  return r;
}

/** A refusal before any work: exactly one line on stderr, starting 'error:', nothing on stdout. */
function expectOneErrorLine(r: Run): void {
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^error: /);
}

beforeAll(async () => {
  t = createBoardContext(createStores(await testTables(prefix)), { tenant: 'local', board: 'PAM' });
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  await importActions(t, fixture('actions-arising-example.txt'), {
    actor: { id: 'test', name: 'test', channel: 'cli' },
  });
  await unchanged.ready();
});
afterAll(killAllChildren);

describe('hostile CLI commands', () => {
  const refusedAtOnce: Array<[string, string[], RegExp]> = [
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"; see --help/],
    ['an unknown sub-command', ['actions', 'delete', 'all'], /unknown command "actions delete all"/],
    ['an OData string as command', ["' or 1 eq 1"], /unknown command/],
    ['an unknown flag', ['actions', 'list', '--where', '1 eq 1'], /Unknown option '--where'/],
    ['a flag without its value', ['actions', 'list', '--meeting'], /--meeting/],
    [
      '31/02/2021 as meeting',
      ['actions', 'list', '--meeting', '31/02/2021'],
      /--meeting must be a date as dd\/MM\/yyyy, not "31\/02\/2021"/,
    ],
    ['an ISO meeting date', ['actions', 'list', '--meeting', '2023-03-14'], /--meeting must be a date as dd\/MM\/yyyy/],
    ['an OData meeting date', ['questions', 'list', '--meeting', "14/03/2023' or 1 eq 1"], /--meeting must be a date/],
    ['a meeting on 29/02/2023', ['meeting', 'add', '--date', '29/02/2023'], /--date must be a date as dd\/MM\/yyyy/],
    [
      'a next meeting on day 0',
      ['meeting', 'add', '--date', '14/03/2023', '--next', '00/04/2023'],
      /--next must be a date/,
    ],
    ['a meeting with no date', ['meeting', 'add', '--time', '10:00'], /meeting add needs --date/],
    ['a digest for 99/99/9999', ['digest', '--meeting', '99/99/9999'], /--meeting must be a date/],
    [
      'a digest format that is not one',
      ['digest', '--meeting', '14/03/2023', '--format', 'exe'],
      /--format must be md, csv or docx/,
    ],
    [
      'a Word digest to the terminal',
      ['digest', '--meeting', '14/03/2023', '--format', 'docx'],
      /--format docx needs --out FILE/,
    ],
    [
      'an import format that is not one',
      ['actions', 'import', '-', '--format', 'xml'],
      /--format must be text, csv or json/,
    ],
    ['an import with no file', ['actions', 'import'], /actions import needs a FILE/],
    [
      'a file that does not exist',
      ['actions', 'import', join(dir, 'missing.txt')],
      /cannot read .*missing\.txt \(ENOENT\)/,
    ],
    ['a directory as the file', ['actions', 'import', dir], /cannot read .* \(EISDIR\)/],
    [
      'a digest written onto a directory',
      ['digest', '--meeting', '14/03/2023', '--out', dir],
      /cannot write .* \(EISDIR\)/,
    ],
    ['a board that is a path', ['actions', 'list', '--board', '../../OTHER'], /TRACKER_BOARD must be letters, digits/],
    [
      'a board with the key separator',
      ['actions', 'list', '--board', 'PAM|x'],
      /TRACKER_BOARD must be letters, digits/,
    ],
    ['a board with a NUL', ['actions', 'list', '--board', 'PAM\u0000'], /TRACKER_BOARD must be letters, digits/],
    [
      'a board of 100 characters',
      ['actions', 'list', '--board', chars(100, 'B')],
      /TRACKER_BOARD must be .* up to 63 characters/,
    ],
    ['a reference with 31 February', ['actions', 'show', '01.31/02/2021'], /reference|not found|no action/i],
    ['a reference that does not exist', ['actions', 'show', '09.14/03/2023'], /no action|not found/i],
    ['an OData string as reference', ['actions', 'show', "' or 1 eq 1"], /reference|not found|no action/i],
    ['key-forbidden characters as reference', ['actions', 'show', 'a/b\\c#d?e'], /reference|not found|no action/i],
    [
      'an unpaired surrogate as reference',
      ['actions', 'show', '01.14/03/2023\ud800'],
      /reference|not found|no action/i,
    ],
    [
      'exempt without an exemption',
      ['actions', 'exempt', '01.14/03/2023'],
      /actions exempt needs a REF and --exemption NAME/,
    ],
    [
      'exempt an action that does not exist',
      ['actions', 'exempt', '09.14/03/2023', '--exemption', 'FOIA s.31'],
      /no action|not found/i,
    ],
    [
      'exempt a question that does not exist',
      ['questions', 'exempt', 'Q99', '--meeting', '14/03/2023', '--exemption', 'FOIA'],
      /this question no longer exists|no scrutiny question/,
    ],
    [
      'exempt a question with a path as number',
      ['questions', 'exempt', '../Q1', '--meeting', '14/03/2023', '--exemption', 'FOIA'],
      /this question no longer exists|no scrutiny question/,
    ],
    ['questions without their meeting', ['questions', 'import', '-'], /questions import needs --meeting/],
    [
      'an exemption name with a lone surrogate',
      ['actions', 'exempt', '01.14/03/2023', '--exemption', 'FOIA s.31 \ud800'],
      /the exemption's name contains a broken character \(U\+D800\)/,
    ],
    [
      'an exemption name with a control character',
      ['actions', 'exempt', '01.14/03/2023', '--exemption', 'FOIA\u0007 s.31'],
      /the exemption's name contains a control character \(U\+0007\)/,
    ],
    [
      'a question exemption name with a C1 control',
      ['questions', 'exempt', 'Q1', '--meeting', '14/03/2023', '--exemption', 'FOIA\u009b2J'],
      /the exemption's name contains a control character \(U\+009B\)/,
    ],
    [
      'a meeting place with an escape',
      ['meeting', 'add', '--date', '14/03/2023', '--location', 'Gold\u001b[31mRoom'],
      /the location contains a control character \(U\+001B\)/,
    ],
    [
      'a deep-dive topic with a lone surrogate',
      ['meeting', 'add', '--date', '14/03/2023', '--deep-dive', 'Repeat \udc00Victims'],
      /the deep-dive topic contains a broken character \(U\+DC00\)/,
    ],
    [
      'a focus with a NUL',
      ['meeting', 'add', '--date', '14/03/2023', '--focus', 'P&P\u0000'],
      /the focus contains a control character \(U\+0000\)/,
    ],
    [
      'a meeting place of 201 characters',
      ['meeting', 'add', '--date', '14/03/2023', '--location', chars(201)],
      /the location is 201 characters; the limit is 200/,
    ],
    ['unlinking nobody', ['people', 'unlink', 'nobody@example.org'], /nobody in the directory is "nobody@example.org"/],
    ['unlinking without saying whom', ['people', 'unlink'], /people unlink needs an EMAIL/],
  ];
  it.each(refusedAtOnce)('%s', async (_name, argv, reason) => {
    expectOneErrorLine(await expectRefused(argv, reason));
  });

  const owners: Array<[string, string]> = [
    ['an OData string', "' or 1 eq 1"],
    ['a formula', '=HYPERLINK("x")'],
    ['a NUL', 'JD\u0000'],
  ];
  it.each(owners)('actions list for an owner that is %s lists nobody’s actions', async (_name, owner) => {
    const r = await cli(['actions', 'list', '--owner', owner]);
    expect(`${r.stdout}${r.stderr}`).toMatch(/No actions\.|no one|not in the directory|nobody/i);
    expect(r.stdout).not.toContain('Jane Doe');
    expectNoLeak(r.stderr);
  });
  itLeftTheBoardUnchanged(() => unchanged);
});

describe('hostile imports through the CLI', () => {
  // Every bad text line in one pasted table: one run, and each line's own report checked below.
  let table: Run;
  beforeAll(async () => {
    table = await expectRefused(
      ['actions', 'import', '-'],
      /not understood/,
      TEXT_LINES.map(([, line]) => line).join('\n'),
    );
  });
  it('a table of nothing but bad lines imports none of them, and exits 1', () => {
    expect(table.code).toBe(1);
    expect(table.stdout).toContain(`0 imported, 0 updated, 0 unchanged, ${TEXT_LINES.length} not understood`);
  });
  it.each(TEXT_LINES.map(([name, , reason], i) => [name, i + 1, reason] as const))(
    'a text line with %s, on stdin',
    (_name, n, reason) => {
      const said = table.stdout.split('\n').find((l) => l.startsWith(`line ${n}: error`));
      expect(said, table.stdout).toMatch(reason);
    },
  );
  it.each(CSV_TABLES)('a CSV row with %s, on stdin', async (_name, table, reason) => {
    await expectRefused(['actions', 'import', '-'], reason, table);
  });
  it.each(JSON_DOCS)('JSON with %s, as --format json', async (_name, doc, reason) => {
    await expectRefused(['actions', 'import', '-', '--format', 'json'], reason, doc);
  });
  // The directory's rows are held to the same text rule: each bad row named, none stored.
  const badPeople: Array<[string, string, RegExp]> = [
    [
      'an email with a control character',
      'Ann Bell,Analyst,AB,,ann\u0007bell@example.org,member',
      /the email contains a control character \(U\+0007\)/,
    ],
    [
      'an email with a lone surrogate',
      'Ann Bell,Analyst,AB,,ann.bell\ud800@example.org,member',
      /the email contains a broken character \(U\+D800\)/,
    ],
    [
      'a name with a lone surrogate',
      'Ann \udc00Bell,Analyst,AB,,ann.bell@example.org,member',
      /the name contains a broken character \(U\+DC00\)/,
    ],
    [
      'a capacity with an escape',
      'Ann Bell,\u001b[2JAnalyst,AB,,ann.bell@example.org,member',
      /the capacity contains a control character \(U\+001B\)/,
    ],
    [
      'an alias with a C1 control',
      'Ann Bell,Analyst,AB,Annie;A\u0085B,ann.bell@example.org,member',
      /the list of aliases contains a control character \(U\+0085\)/,
    ],
    [
      'initials with a NUL',
      'Ann Bell,Analyst,A\u0000B,,ann.bell@example.org,member',
      /the initials column contains a control character \(U\+0000\)/,
    ],
  ];
  it('directory rows with control characters and broken characters, each refused on its line', async () => {
    const csv = ['name,capacity,initials,aliases,email,role', ...badPeople.map(([, row]) => row)].join('\n');
    const r = await expectRefused(['people', 'import', '-'], /not understood/, csv);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`0 added, 0 updated, 0 unchanged, ${badPeople.length} not understood`);
    badPeople.forEach(([name, , reason], i) =>
      expect(
        r.stdout.split('\n').find((l) => l.startsWith(`line ${i + 2}: error`)),
        name,
      ).toMatch(reason),
    );
  });
  it('questions with control characters and no respondent', async () => {
    await expectRefused(
      ['questions', 'import', '-', '--meeting', '14/03/2023'],
      /control character \(U\+0007\)|has no respondent/,
      'Q1. Why \u0007 this? - KP\nQ2. Nobody answers this',
    );
  });

  // Bytes that are not UTF-8 are read as U+FFFD: the lines are reported, not stored as mojibake.
  const invalidUtf8: Array<[string, Buffer, RegExp]> = [
    [
      'a lone continuation byte in the reference',
      Buffer.concat([Buffer.from('0'), Buffer.from([0x80]), Buffer.from('1.14/03/2023  JD - Circulate\n')]),
      /reference not understood/,
    ],
    [
      'an overlong slash in the reference',
      Buffer.concat([Buffer.from('01.14'), Buffer.from([0xc0, 0xaf]), Buffer.from('03/2023  JD - Circulate\n')]),
      /reference not understood/,
    ],
    [
      'a truncated sequence in a CSV reference',
      Buffer.concat([
        Buffer.from('ref,owner,action\n02.14/03/2023'),
        Buffer.from([0xe2, 0x82]),
        Buffer.from(',JD,Circulate\n'),
      ]),
      /reference not understood/,
    ],
  ];
  it.each(invalidUtf8)('a file with %s', async (name, bytes, reason) => {
    await expectRefused(['actions', 'import', file(`${name.replace(/\W+/g, '-')}.txt`, bytes)], reason);
  });
  itLeftTheBoardUnchanged(() => unchanged);
});

// Teams links are stable: an email never moves a person to another account; `people unlink` does.
describe('Teams links, and people unlink', () => {
  const board = ['--board', 'IDENT'];
  let ident: BoardContext;
  const jane = { aadObjectId: randomUUID(), name: 'Jane Doe' };
  const other = { aadObjectId: randomUUID(), name: 'J Doe (home)' };
  const person = async (id: string) => (await ident.stores.people.get(ident.scope, id))?.person;
  beforeAll(async () => {
    ident = createBoardContext(t.stores, { tenant: 'local', board: 'IDENT' });
    await importPeople(ident, fixture('people-example.csv'));
    expect(await linkByEmail(ident, 'jane.doe@example.police.uk', jane)).toMatchObject({
      id: 'jane-doe',
      aadObjectId: jane.aadObjectId,
    });
  });

  it('another account with the email (any case) is refused and kept; people list says so; people import keeps the link', async () => {
    expect(await linkByEmail(ident, 'JANE.DOE@Example.Police.UK', other)).toBeNull();
    const list = await cli(['people', 'list', ...board]);
    expect(list.code).toBe(0);
    const [attempt] = (await person('jane-doe'))?.refusedLinks ?? [];
    expect(list.stdout).toContain(
      `Another Teams account (J Doe (home)) tried to sign in as Jane Doe (JD) on ${formatLondon(attempt?.at ?? '')}: not linked.`,
    );

    const moved = await cli(
      ['people', 'import', '-', ...board],
      'name,capacity,initials,aliases,email,role\nJane Doe,ACC Crime,JD,DJ,Jane.Doe@example.police.uk,member\n',
    );
    expect(moved.stdout).toContain('line 2: updated Jane Doe');
    expect(await person('jane-doe')).toMatchObject({
      capacity: 'ACC Crime',
      aadObjectId: jane.aadObjectId,
      refusedLinks: [{ aadObjectId: other.aadObjectId }],
    });
    expect((await ident.stores.people.byTeamsId(ident.scope, jane.aadObjectId))?.person.id).toBe('jane-doe');
    expect(await ident.stores.people.byTeamsId(ident.scope, other.aadObjectId)).toBeNull();
  });

  it('people unlink EMAIL (any case) forgets the account; the next one with the email is linked', async () => {
    const r = await cli(['people', 'unlink', 'JANE.DOE@EXAMPLE.POLICE.UK', ...board]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      'Jane Doe (JD) is no longer linked to a Teams account: the next account that comes with their email is linked.\n',
    );
    const unlinked = await person('jane-doe');
    expect(unlinked?.aadObjectId).toBeUndefined();
    expect(unlinked?.refusedLinks).toBeUndefined();
    expect(await ident.stores.people.byTeamsId(ident.scope, jane.aadObjectId)).toBeNull();
    expect((await cli(['people', 'list', ...board])).stdout).not.toContain('Another Teams account');

    expect(await linkByEmail(ident, 'jane.doe@example.police.uk', other)).toMatchObject({
      id: 'jane-doe',
      aadObjectId: other.aadObjectId,
    });
    expect(await linkByEmail(ident, 'jane.doe@example.police.uk', jane)).toBeNull();
    const notLinked = await cli(['people', 'unlink', 'alex.wong@example.org.uk', ...board]);
    expect(notLinked.stdout).toBe('Alex Wong (AW) was not linked to a Teams account.\n');
  });
});

// The real process, as an operator runs it: what reaches the terminal has no stack trace.
describe('the CLI as a child process', () => {
  const childEnv = { ...env, LOG_LEVEL: 'info' };
  const runs: Array<[string, () => string[], RegExp, number]> = [
    ['an unknown command', () => ['frobnicate'], /^error: unknown command "frobnicate"; see --help$/, 1],
    [
      'a JSON file nested 100,000 deep',
      () => ['actions', 'import', file('deep.json', nestedJson(100_000)), '--format', 'json'],
      /expected an object with "ref" and "text"/,
      1,
    ],
    [
      'a file that is not UTF-8',
      () => [
        'actions',
        'import',
        file(
          'latin1.txt',
          Buffer.from([
            0x30, 0x31, 0xae, 0x31, 0x34, 0x2f, 0x30, 0x33, 0x2f, 0x32, 0x30, 0x32, 0x33, 0x20, 0x20, 0x4a, 0x44, 0x20,
            0x2d, 0x20, 0x78, 0x0a,
          ]),
        ),
      ],
      /reference not understood/,
      1,
    ],
  ];
  it('refuses each in plain words, with the board unchanged', { timeout: 60_000 }, async () => {
    const results = await Promise.all(runs.map(([, args]) => runCli(args(), { env: childEnv, timeoutMs: 50_000 })));
    results.forEach((r, i) => {
      const [name, , reason, code] = runs[i] as (typeof runs)[number];
      expect(r.code, `${name}\n${r.stdout}\n${r.stderr}`).toBe(code);
      expect(
        `${r.stdout}\n${r.stderr}`
          .trim()
          .split('\n')
          .some((l) => reason.test(l)),
        name,
      ).toBe(true);
      expectNoLeak(r.stdout);
      expectNoLeak(r.stderr);
    });
    await unchanged.expectUnchanged();
  });
});
