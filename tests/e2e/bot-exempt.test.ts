// Exempt items end to end through the bot: the chair marks an action and a question exempt; then
// every role types every command a member can type and presses every card verb that names the
// items, and only the entitled (owner, delegate, chair, secretariat, scrutiny lead) ever see the
// text. The board's channel (its summary and its digest card, and the Word document that card
// links to) never does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Payload } from '../../bot/outbox/payload.ts';
import {
  closeBoard,
  execute,
  IDS,
  say,
  TENANT,
  textOf,
  validCards,
  type Board,
  type Initials,
} from '../helpers/bot-board.ts';
import { unzip } from '../helpers/unzip.ts';
import {
  ACTION_TEXT,
  boardWithSecrets,
  EVERYONE,
  QID,
  SECRET_NOTE,
  SECRET_QUESTION,
  SECRET_RESPONSE,
} from '../helpers/secret-board.ts';

const SECRETS = [SECRET_NOTE, SECRET_QUESTION, SECRET_RESPONSE, ACTION_TEXT];

/** What a member can type (with the exempt items in the calendar and the directory as they are). */
const COMMANDS = [
  'help',
  'mine',
  'meetings',
  'questions',
  'questions 11/04/2023',
  'question Q1',
  'outstanding',
  'digest',
  'digest 11/04/2023',
  'review',
  'people',
  'history',
];

describe('exempt items through the bot', () => {
  let board: Board;
  beforeAll(async () => {
    board = await boardWithSecrets();
  });
  afterAll(async () => closeBoard(board));

  it('only the chair and the secretariat mark an item exempt', async () => {
    const { users } = board;
    for (const who of ['JD', 'TE', 'SCL'] as const) {
      const [refused] = await say(board, users[who], 'exempt 01.14/03/2023 under FOIA s.31 (law enforcement)');
      expect(textOf(refused), who).toContain('only the chair and the secretariat mark an item exempt');
    }
    expect((await board.bot.stores.actions.get(board.t.scope, IDS.JD))?.action.exempt).toBeUndefined();
    const [action] = await say(board, users.MH, 'exempt 01.14/03/2023 under FOIA s.31 (law enforcement)');
    expect(textOf(action)).toContain('01.14/03/2023 is exempt under FOIA s.31 (law enforcement)');
    const [question] = await say(board, users.PN, 'exempt Q1 under FOIA s.31 (law enforcement)');
    expect(textOf(question)).toContain('Q1 is exempt under FOIA s.31');
    const history = await board.bot.stores.actions.history(board.t.scope, IDS.JD);
    expect(history.at(-1)).toMatchObject({
      byName: 'Morgan Hale',
      changes: [{ field: 'exempt', to: 'FOIA s.31 (law enforcement)' }],
    });
  });

  it('every role, every command and every card verb: the text reaches only those entitled', async () => {
    const { users } = board;
    const entitled: Record<Initials, boolean> = {
      MH: true,
      PN: true,
      TE: true,
      JD: true,
      SCL: false,
      KP: false,
      CO: false,
      AW: false,
    };
    for (const who of EVERYONE) {
      const seen: string[] = [];
      for (const command of COMMANDS)
        seen.push(...(await say(board, users[who], command)).map((c) => JSON.stringify(c)));
      const verbs: Array<[string, Record<string, unknown>]> = [
        ['action.view', { actionId: IDS.JD, version: 1 }],
        ['action.history', { actionId: IDS.JD, version: 1 }],
        ['summary.view', { meeting: '2023-03-14' }],
        ['question.view', { questionId: QID, version: 1 }],
        ['outstanding.view', {}],
      ];
      for (const [verb, data] of verbs) seen.push(JSON.stringify((await execute(board, users[who], verb, data)).card));
      const all = seen.join('\n');
      const leaked = SECRETS.filter((s) => all.includes(s));
      if (entitled[who]) {
        expect(leaked, who).toEqual(expect.arrayContaining([SECRET_NOTE, SECRET_QUESTION, SECRET_RESPONSE]));
      } else {
        expect(leaked, who).toEqual([]);
        expect(all, who).toContain('exempt item (owner JD)');
      }
    }
  });

  it('the channel: its summary, its digest card and the Word document behind it are redacted', async () => {
    const { bot, team } = board;
    const payload: Payload = { type: 'digest', board: 'PAM', meeting: '2023-04-11' };
    await bot.stores.outbox.enqueue(
      {
        id: `digest|${TENANT}|PAM|2023-04-11|channel-test`,
        target: { kind: 'conversation', tenant: board.t.scope.tenant, conversationId: team.id },
        payload: JSON.stringify(payload),
      },
      board.t.now(),
    );
    await bot.teams.sender.drain();
    const channel = [
      ...bot.channel.sent(team.id),
      ...bot.channel.updates().filter((u) => u.conversationId === team.id),
    ];
    const cards = validCards(channel).map((c) => JSON.stringify(c));
    expect(cards.some((c) => c.includes('exempt item (owner JD)'))).toBe(true);
    for (const c of cards) expect(SECRETS.filter((s) => c.includes(s))).toEqual([]);
    const link = cards
      .join('\n')
      .match(/"url":"([^"]+\/files\/digest[^"]+)"/)?.[1]
      ?.replace(/\\u0026/g, '&');
    expect(link).toContain('form=open');
    const res = await fetch(link ?? '');
    expect(res.status).toBe(200);
    const xml =
      unzip(Buffer.from(await res.arrayBuffer()))
        .get('word/document.xml')
        ?.toString('utf8') ?? '';
    expect(xml).toContain('Exempt under FOIA s.31 (law enforcement)');
    expect(SECRETS.filter((s) => xml.includes(s))).toEqual([]);
    // The signature covers the form: the open link cannot be turned into the full one.
    expect((await fetch((link ?? '').replace('form=open&', ''))).status).toBe(403);
  });
});
