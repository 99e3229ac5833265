// `questions import` and `questions list` end to end: the CLI as a child process on Azurite.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Question } from '../../bot/rules/types.ts';
import { killAllChildren, linesOf, parseJson, runCli, type CliResult } from '../helpers/processes.ts';
import { uniquePrefix } from '../helpers/tables.ts';

const env = {
  TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
  TABLES_PREFIX: uniquePrefix(),
  TRACKER_BOARD: 'PAM',
};
const tracker = (args: string[], input?: string): Promise<CliResult> =>
  runCli(args, { env, ...(input !== undefined ? { input } : {}) });

afterAll(killAllChildren);

describe('questions on the CLI', () => {
  // Ten CLI runs, each a Node process of its own: seconds apiece on a loaded 2-core machine.
  it(
    'imports a list for a meeting (reporting the line with no respondent, exit 1), lists it, and refuses a missing meeting',
    { timeout: 90_000 },
    async () => {
      expect((await tracker(['people', 'import', 'tests/fixtures/people-example.csv'])).code).toBe(0);
      expect((await tracker(['meeting', 'add', '--date', '27/04/2021'])).code).toBe(0);
      const list =
        'Q1. Could a breakdown be provided? - JD\nQ1b. And by ward? (JD)\nQ2 (Drug offences): What is the risk? - Supt Okafor\nQ3. No respondent here\n';
      const imported = await tracker(['questions', 'import', '-', '--meeting', '27/04/2021'], list);
      expect(imported.code, imported.stderr).toBe(1);
      expect(linesOf(imported.stdout)).toEqual([
        'line 1 (Q1): added',
        'line 2 (Q1b): added',
        'line 3 (Q2): added',
        'line 4 (Q3): not entered - Q3 has no respondent: end it with "- XX" or "(XX)", the initials of who answers',
        'Questions for 27/04/2021: 3 added, 0 updated, 0 unchanged, 1 not understood',
      ]);
      const listed = await tracker(['questions', 'list', '--meeting', '27/04/2021']);
      expect(listed.code).toBe(0);
      expect(listed.stdout).toMatch(
        /Q2\s+27\/04\/2021\s+Supt Okafor \(Chidi Okafor\)\s+Awaiting response\s+20\/04\/2021\s+\(Drug offences\) What is the risk\?/,
      );
      const json = parseJson<Question[]>(await tracker(['questions', 'list', '--json']));
      expect(json.map((q) => q.number)).toEqual(['Q1', 'Q1b', 'Q2']);

      // Exempt: the full digest has the question's text, the --open one only "Exempt under ...".
      const exempt = await tracker([
        'questions',
        'exempt',
        'Q1b',
        '--meeting',
        '27/04/2021',
        '--exemption',
        'FOIA s.31 (law enforcement)',
      ]);
      expect(exempt.stdout.trim(), exempt.stderr).toBe('Q1b is exempt under FOIA s.31 (law enforcement).');
      expect((await tracker(['meeting', 'add', '--date', '23/03/2021', '--next', '27/04/2021'])).code).toBe(0);
      const full = await tracker(['digest', '--meeting', '27/04/2021']);
      expect(full.stdout).toContain('And by ward?');
      for (const format of ['md', 'csv']) {
        const open = await tracker(['digest', '--meeting', '27/04/2021', '--open', '--format', format]);
        expect(open.code, open.stderr).toBe(0);
        expect(open.stdout).not.toContain('And by ward?');
        expect(open.stdout).toContain('Exempt under FOIA s.31 (law enforcement)');
        expect(open.stdout).toContain('Could a breakdown be provided?');
      }
      const refused = await tracker(['questions', 'exempt', 'Q1b', '--meeting', '27/04/2021']);
      expect(refused.stderr).toMatch(/^error: questions exempt needs/);

      const noMeeting = await tracker(['questions', 'import', '-', '--meeting', '28/04/2021'], list);
      expect(noMeeting.code).not.toBe(0);
      expect(noMeeting.stderr).toMatch(/^error: no meeting on 28\/04\/2021/);
    },
  );
});
