// The operator CLI end to end: `node --import tsx bot/cli/index.ts ...` in a child process against
// the run's shared Azurite (tests/setup/azurite.ts), with tables of this file's own. The tests run
// in order and build on each other: directory, meeting, actions, then edits and bad input.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Action, HistoryEntry, Person } from '../../bot/rules/types.ts';
import { createStores } from '../../bot/services/board-context.ts';
import { testTables, uniquePrefix } from '../helpers/tables.ts';
import { killAllChildren, linesOf, parseJson, runCli, type CliResult } from '../helpers/processes.ts';

type ListedAction = Action & { reference: string };
interface ShownAction {
  action: Action;
  history: HistoryEntry[];
  owners: Array<{ label: string; person?: Person }>;
  reference: string;
}

const env = {
  TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
  TABLES_PREFIX: uniquePrefix(),
  TRACKER_BOARD: 'PAM',
};

const tracker = (args: string[], input?: string): Promise<CliResult> =>
  runCli(args, { env, ...(input !== undefined ? { input } : {}) });

/** Runs a command that must succeed; the failure message carries its output. */
async function ok(args: string[], input?: string): Promise<CliResult> {
  const r = await tracker(args, input);
  expect(r.code, `tracker ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(0);
  return r;
}

/** A one-line reason on stderr starting 'error:', nothing on stdout. */
function expectOneLineError(r: CliResult, code: number): string {
  expect(r.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  const lines = linesOf(r.stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(r.stdout).toBe('');
  return lines[0] ?? '';
}

/** The lines of an import report: 'line N: result REF - reason', then the counts (the cards queued follow a blank line). */
const reportLines = (r: CliResult): string[] => linesOf(r.stdout.split('\n\n')[0] ?? '');
/** What an import says of the owners' cards: how many it queued, and who could not be sent one. */
const cardLines = (r: CliResult): string[] => linesOf(r.stdout.split('\n\n')[1] ?? '');

const FIXTURE_REFS = ['01.14/03/2023', '04 14/03/2023.i', '04 14/03/2023.ii', 'N/A', '06 14/03/2023', '07 14/03/2023'];

// afterEach would kill the children of the concurrent tests below; the sequential ones get it.
afterAll(killAllChildren);

describe('operator CLI', () => {
  afterEach(killAllChildren);

  let people: Person[] = [];
  const personId = (name: string): string => {
    const found = people.find((p) => p.name === name);
    if (!found) throw new Error(`${name} is not in the directory`);
    return found.id;
  };

  beforeAll(async () => {
    // Warm tsx's transform cache so the first test does not pay for it against its timeout.
    await tracker(['--help']);
  });

  it('imports the people directory, idempotently', async () => {
    const first = await ok(['people', 'import', 'tests/fixtures/people-example.csv']);
    expect(reportLines(first).at(-1)).toBe('8 added, 0 updated, 0 unchanged, 0 not understood');
    const second = await ok(['people', 'import', 'tests/fixtures/people-example.csv']);
    expect(reportLines(second).at(-1)).toBe('0 added, 0 updated, 8 unchanged, 0 not understood');
  });

  it('lists the people as JSON', async () => {
    people = parseJson<Person[]>(await ok(['people', 'list', '--json']));
    expect(people).toHaveLength(8);
    const jane = people.find((p) => p.name === 'Jane Doe');
    expect(jane).toMatchObject({ initials: 'JD', aliases: ['DJ'] });
  });

  it('adds the meeting', async () => {
    const r = await ok(['meeting', 'add', '--date', '14/03/2023', '--time', '10:00', '--next', '11/04/2023']);
    expect(r.stdout.trim()).toBe('Added the meeting of 14/03/2023.');
  });

  it('imports the Actions Arising table, then again without changing anything', async () => {
    const first = await tracker(['actions', 'import', 'tests/fixtures/actions-arising-example.txt']);
    expect(first.code, first.stderr).toBe(0);
    const lines = reportLines(first);
    expect(lines.at(-1)).toBe('6 imported, 0 updated, 0 unchanged, 0 not understood');
    for (const ref of FIXTURE_REFS)
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^line \\d+: imported ${escape(ref)}( |$)`)));
    // The body is imported with a warning that nobody is notified.
    expect(lines.find((l) => l.includes('07 14/03/2023'))).toMatch(/"The Force" is a body/);
    // Nobody is in Teams yet: every card waits for its owner, each named; the body gets none.
    expect(cardLines(first)).toEqual([
      'Waiting for Jane Doe (JD, 1 card), Sam Carter-Lee (SCL, 2 cards), Kim Patel (KP, 1 card), Chidi Okafor (CO, 1 card) and Alex Wong (AW, 1 card): 6 cards, each sent as soon as its person is reachable in Teams (add them to the board’s team, or ask them to install the app).',
      'not sent to The Force: a body, not a person (add it as an alias of a person to route it)',
    ]);

    const again = await tracker(['actions', 'import', 'tests/fixtures/actions-arising-example.txt']);
    expect(again.code, again.stderr).toBe(0);
    expect(reportLines(again).at(-1)).toBe('0 imported, 0 updated, 6 unchanged, 0 not understood');
  });

  it('lists the actions as JSON with owners resolved and due dates from the meeting', async () => {
    const actions = parseJson<ListedAction[]>(await ok(['actions', 'list', '--json']));
    expect(actions.map((a) => a.reference).sort()).toEqual([...FIXTURE_REFS].sort());
    const byRef = new Map(actions.map((a) => [a.reference, a]));

    const joint = byRef.get('06 14/03/2023');
    expect(joint?.owners.map((o) => o.personId)).toEqual([personId('Chidi Okafor'), personId('Alex Wong')]);
    expect(joint?.due).toBe('2023-04-11'); // the meeting's next
    expect(byRef.get('01.14/03/2023')?.owners).toEqual([{ label: 'JD', personId: personId('Jane Doe') }]);
    expect(byRef.get('01.14/03/2023')?.due).toBe('2023-04-11');
    expect(byRef.get('N/A')?.owners.map((o) => o.personId)).toEqual([personId('Kim Patel')]);
    // A body is kept as written, with nobody behind it; a date in the text is its due date.
    expect(byRef.get('07 14/03/2023')?.owners).toEqual([{ label: 'The Force' }]);
    expect(byRef.get('07 14/03/2023')?.due).toBe('2023-03-28');
    for (const a of actions) expect(a.status).toBe('open');
  });

  it("lists one person's open actions by an alias", async () => {
    const r = await ok(['actions', 'list', '--open', '--owner', 'DJ']);
    expect(r.stdout).toContain('01.14/03/2023');
    expect(r.stdout).toContain('Jane Doe');
    for (const ref of FIXTURE_REFS.filter((x) => x !== '01.14/03/2023')) expect(r.stdout).not.toContain(ref);
    expect(linesOf(r.stdout)).toHaveLength(2); // the header and the one action
  });

  it('shows an action with its history', async () => {
    const r = await ok(['actions', 'show', '04 14/03/2023.ii']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^04 14\/03\/2023\.ii\s+SCL to present the demand model/);
    const history = lines.slice(lines.findIndex((l) => l.trim() === 'History:') + 1).filter((l) => l.trim() !== '');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatch(/ via import: created$/);
  });

  it('imports a pasted table from stdin, reporting each line it could not understand', async () => {
    const pasted = [
      'Item\tAction',
      'XYZ 99\tJD - Report back on the pilot',
      'N/A\tTE to review the call handling figures',
      '08 14/03/2023\tCirculate the minutes',
      '09 14/03/2023\tPN - Book the room for the next meeting',
      '',
    ].join('\n');
    const r = await tracker(['actions', 'import', '-', '--meeting', '14/03/2023'], pasted);
    expect(r.code, r.stderr).toBe(1);
    const lines = reportLines(r);
    expect(lines).toContain('line 2: error - reference not understood: "XYZ 99"');
    expect(lines).toContain('line 3: imported N/A');
    // A line the parser rejects is reported by its line number (the report gives no reference for it).
    expect(lines).toContainEqual(expect.stringMatching(/^line 4: error - no owner/));
    expect(lines).toContain('line 5: imported 09 14/03/2023');
    expect(lines.at(-1)).toBe('2 imported, 0 updated, 0 unchanged, 2 not understood');

    const meeting = parseJson<ListedAction[]>(await ok(['actions', 'list', '--json', '--meeting', '14/03/2023']));
    const added = meeting.filter((a) => !FIXTURE_REFS.includes(a.reference) || a.text.includes('call handling'));
    expect(added.map((a) => [a.reference, a.owners.map((o) => o.personId)])).toEqual(
      expect.arrayContaining([
        ['09 14/03/2023', [personId('Priya Nair')]],
        ['N/A', [personId('Tom Ellis')]],
      ]),
    );
    expect(meeting.some((a) => a.reference === '08 14/03/2023')).toBe(false);
  });

  it('updates an action whose text changed, with a second history entry', async () => {
    const r = await tracker(
      ['actions', 'import', '-'],
      '04 14/03/2023.ii\tSCL to present the revised demand model at a future PAM\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(reportLines(r)).toEqual([
      'line 1: updated 04 14/03/2023.ii',
      '0 imported, 1 updated, 0 unchanged, 0 not understood',
    ]);

    const shown = parseJson<ShownAction>(await ok(['actions', 'show', '04 14/03/2023.ii', '--json']));
    expect(shown.action.text).toBe('present the revised demand model at a future PAM');
    expect(shown.history.map((h) => h.kind)).toEqual(['created', 'updated']);
    expect(shown.history[1]?.changes).toContainEqual(expect.objectContaining({ field: 'text' }));

    const human = await ok(['actions', 'show', '04 14/03/2023.ii']);
    const lines = human.stdout.split('\n');
    const history = lines.slice(lines.findIndex((l) => l.trim() === 'History:') + 1).filter((l) => l.trim() !== '');
    expect(history).toHaveLength(2);
    expect(history[1]).toMatch(/text: present the demand model .* -> present the revised demand model/);
  });

  it('imports a review of previous actions from JSON, with their statuses', async () => {
    const r = await ok(['actions', 'import', 'tests/fixtures/pam-2020-07-21.json']);
    expect(reportLines(r)).toContain('4 imported, 0 updated, 0 unchanged, 0 not understood');

    const june = parseJson<ListedAction[]>(await ok(['actions', 'list', '--json', '--meeting', '23/06/2020']));
    expect(june.map((a) => [a.reference, a.status])).toEqual([
      ['01.23/06/2020', 'discharged'],
      ['02.23/06/2020', 'discharged'],
      ['03.23/06/2020', 'discharged'],
      ['04.23/06/2020', 'standing'],
    ]);
    expect(june[0]?.outcome).toBe('Completed');

    const open = parseJson<ListedAction[]>(await ok(['actions', 'list', '--open', '--json']));
    expect(open.some((a) => a.status === 'discharged')).toBe(false);
    const refs = open.map((a) => a.reference);
    expect(refs).toContain('04.23/06/2020'); // a standing item stays open
    expect(refs).not.toContain('01.23/06/2020');
    expect(refs).toContain('01.14/03/2023');
  });

  it('queues the owners’ cards for a running server to send, once, and says so', async () => {
    // Jane Doe is seen in Teams (as the bot would record her): the CLI's import queues her card.
    const stores = createStores(await testTables(env.TABLES_PREFIX));
    const scope = { tenant: 'local', board: 'PAM' };
    const jane = await stores.people.get(scope, personId('Jane Doe'));
    await stores.people.save(scope, { ...jane!.person, aadObjectId: 'aad-jane-cli' }, jane!);

    const line = '10 14/03/2023\tJD - Send the board the revised demand model\n';
    const r = await ok(['actions', 'import', '-'], line);
    expect(reportLines(r)).toEqual([
      'line 1: imported 10 14/03/2023',
      '1 imported, 0 updated, 0 unchanged, 0 not understood',
    ]);
    expect(cardLines(r)).toEqual(['1 card queued for owners: a running server sends them.']);
    const actionId = '2023-03-14.i010';
    const item = await stores.outbox.get(`card|local|PAM|${actionId}|${personId('Jane Doe')}`);
    expect(item).toMatchObject({ state: 'queued', target: { kind: 'person', aadObjectId: 'aad-jane-cli' } });
    expect(JSON.parse(item!.payload)).toEqual({
      type: 'action',
      board: 'PAM',
      actionId,
      personId: personId('Jane Doe'),
    });

    // The same line again changes nothing and queues nothing, and says how to send it again.
    const again = await ok(['actions', 'import', '-'], line);
    expect(cardLines(again)).toEqual([
      "No new card for owners: theirs were sent or queued before (cards resend and someone's initials, or a meeting's date, sends them again).",
    ]);
    // Sent again on request: her card from the first import, waiting since, goes on its way (she is
    // linked now); this one, still queued, is counted on its way and not queued twice.
    const resent = await ok(['cards', 'resend', 'JD']);
    expect(linesOf(resent.stdout)).toEqual(['2 cards queued for Jane Doe (JD): a running server sends them.']);
    expect((await stores.outbox.list('queued')).filter((i) => i.id.endsWith(`|${personId('Jane Doe')}`)).length).toBe(
      2,
    );
  });
});

// Independent of the data above and of each other: run side by side to save time.
describe.concurrent('operator CLI on bad input', () => {
  it('refuses an impossible date with a one-line error', async ({ expect }) => {
    const line = expectOneLineError(await tracker(['meeting', 'add', '--date', '31/02/2023']), 1);
    expect(line).toContain('31/02/2023');
  });

  it('refuses an unknown command', async ({ expect }) => {
    const line = expectOneLineError(await tracker(['actions', 'frobnicate']), 1);
    expect(line).toContain('unknown command');
  });

  it('refuses an unknown option', async ({ expect }) => {
    const r = await tracker(['actions', 'list', '--bogus']);
    expect(r.code).toBe(2);
    expect(linesOf(r.stderr)[0]).toMatch(/^error: .*--bogus/);
  });

  it('says which file it cannot read', async ({ expect }) => {
    const line = expectOneLineError(await tracker(['actions', 'import', 'nope.txt']), 1);
    expect(line).toContain('nope.txt');
  });

  it('refuses an action that does not exist', async ({ expect }) => {
    const line = expectOneLineError(await tracker(['actions', 'show', '99 14/03/2023']), 1);
    expect(line).toContain('no action 99 14/03/2023');
  });

  it('prints the usage for --help', async ({ expect }) => {
    const r = await tracker(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: /);
    expect(r.stdout).toContain('actions import FILE');
    expect(r.stderr).toBe('');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
