// Hostile imports pasted into Teams by the secretariat (text, CSV and JSON tables): malformed
// references and dates, injection strings, control characters, oversized cells and imports,
// deeply nested JSON. Every line is reported as not understood, with its reason, and nothing is
// stored. (The same parser behind the CLI is in cli.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBoard } from '../helpers/bot-board.ts';
import { personalMessage } from '../helpers/teams-activities.ts';
import { CSV_TABLES, JSON_DOCS, TEXT_LINES } from './import-cases.ts';
import { chars, itLeftTheBoardUnchanged } from './hostile.ts';
import { expectRefusedCleanly, hostileTeamsBoard, postMessage, type HostileTeamsBoard } from './teams-board.ts';

const NONE_IMPORTED = /0 imported, 0 updated, 0 unchanged, [1-9]\d* not understood/;

describe('hostile imports pasted into Teams', () => {
  let board: HostileTeamsBoard;
  beforeAll(async () => {
    board = await hostileTeamsBoard();
  });
  afterAll(async () => closeBoard(board));

  const importing = (table: string) => () =>
    postMessage(board, board.users.PN, personalMessage(board.users.PN, `import\n${table}`, board.dm));

  it.each(TEXT_LINES)('a text line with %s', async (_name, line, reason) => {
    const answer = await expectRefusedCleanly(board, reason, importing(line));
    expect(answer.texts.join('\n')).toMatch(NONE_IMPORTED);
  });
  it.each(CSV_TABLES)('a CSV row with %s', async (_name, table, reason) => {
    await expectRefusedCleanly(board, reason, importing(table));
  });
  it.each(JSON_DOCS)('JSON with %s', async (_name, doc, reason) => {
    await expectRefusedCleanly(board, reason, importing(doc));
  });

  const whole: Array<[string, () => string, RegExp]> = [
    [
      'an import of 500,001 characters',
      () => `01.14/03/2023  JD - ${chars(500_001)}`,
      /the import is 500,0\d\d characters; the limit is 500,000: split it/,
    ],
    [
      'an import of 2,001 lines',
      () =>
        Array.from(
          { length: 2_001 },
          (_, i) => `${String((i % 999) + 1).padStart(2, '0')}.14/03/2023  JD - Line ${i}`,
        ).join('\n'),
      /the import has 2,?00[12] lines; the limit is 2,?000: split it/,
    ],
    ['an import of nothing but blank lines', () => '\n\n   \n', /Paste the Actions Arising table copied out of Word/],
  ];
  it.each(whole)('%s', async (_name, table, reason) => {
    await expectRefusedCleanly(board, reason, importing(table()));
  });

  itLeftTheBoardUnchanged(() => board.unchanged);
});
