// Before and after a meeting, through the bot: the digest preview with its Word download, and the
// review card recording the meeting's decisions in one go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMeeting } from '../../bot/services/meetings.ts';
import {
  clockAt,
  closeBoard,
  execute,
  fixture,
  IDS,
  installedBoard,
  say,
  textOf,
  type Board,
} from '../helpers/bot-board.ts';
import { unzip } from '../helpers/unzip.ts';
import { executeActions } from '../helpers/validate-card.ts';

let board: Board;
beforeAll(async () => {
  const clock = clockAt('2023-04-04T09:00:00Z');
  board = await installedBoard({ roster: ['MH', 'PN', 'TE', 'JD', 'SCL', 'KP', 'CO', 'AW'], clock });
  await saveMeeting(board.t, { date: '2023-03-14', next: '2023-04-11' });
  await saveMeeting(board.t, { date: '2023-04-11', time: '10:00', deepDive: 'Repeat Victims' });
  await say(board, board.users.PN, `import\n${fixture('actions-arising-example.txt')}`);
});
afterAll(async () => closeBoard(board));

describe('the digest preview', () => {
  it('shows the secretariat the next meeting’s action log with a working Word download', async () => {
    const [card] = await say(board, board.users.PN, 'digest');
    expect(textOf(card)).toMatch(/11\/04\/2023/);
    expect(textOf(card)).toMatch(/Repeat Victims/);
    const open = JSON.stringify(card).match(/"url":"([^"]+\/files\/digest[^"]+)"/)?.[1];
    expect(open).toBeDefined();
    const res = await fetch(open!.replace(/\\u0026/g, '&'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/wordprocessingml/);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const tampered = await fetch(open!.replace(/\\u0026/g, '&').replace('meeting=2023-04-11', 'meeting=2023-03-14'));
    expect(tampered.status).toBe(403);
  });

  it('is refused to a member', async () => {
    // The member's own action card may arrive in the same chat meanwhile (the outbox): look for the answer.
    const cards = await say(board, board.users.JD, 'digest');
    expect(cards.map(textOf).join('\n')).toMatch(/Not done[\s\S]*chair, the secretariat and the scrutiny lead/);
    expect(cards.map(textOf).join('\n')).not.toMatch(/Repeat Victims/);
  });
});

describe('the open minutes on the digest', () => {
  const urls = (card: unknown): string[] =>
    [...JSON.stringify(card).matchAll(/"url":"([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/\\u0026/g, '&'));

  it('links the chair and the secretariat to the open minutes of the last meeting whose minutes are held', async () => {
    // Nothing imported yet: no link.
    const [before] = await say(board, board.users.MH, 'digest');
    expect(urls(before).filter((u) => u.includes('/files/minutes'))).toEqual([]);
    await saveMeeting(board.t, {
      date: '2023-03-14',
      attendees: [{ name: 'Morgan Hale', capacity: 'Police and Crime Commissioner', dialIn: false }],
      items: [
        { number: '01.14/03/2023', title: 'Minutes' },
        { number: '05.14/03/2023', title: 'Serious and Organised Crime', exemption: 'FOIA s.31 (Law Enforcement)' },
      ],
    });
    for (const who of [board.users.MH, board.users.PN]) {
      const [card] = await say(board, who, 'digest');
      expect(JSON.stringify(card)).toContain('"title":"Open minutes of 14/03/2023, for publication"');
      const link = urls(card).find((u) => u.includes('/files/minutes'));
      expect(link).toBeDefined();
      const res = await fetch(link!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain('PAM-open-minutes-2023-03-14.docx');
      const xml =
        unzip(Buffer.from(await res.arrayBuffer()))
          .get('word/document.xml')
          ?.toString('utf8') ?? '';
      expect(xml).toContain('Serious and Organised Crime');
      expect(xml).toContain('Exempt under FOIA s.31 (Law Enforcement)');
      // The link names one meeting: altered, it opens nothing; a digest link is no minutes link.
      expect((await fetch(link!.replace('meeting=2023-03-14', 'meeting=2023-04-11'))).status).toBe(403);
      const digestLink = urls(card).find((u) => u.includes('/files/digest'));
      expect((await fetch(digestLink!.replace('/files/digest', '/files/minutes'))).status).toBe(403);
    }
    // The scrutiny lead reads the digest, but does not publish the minutes: no link for them.
    const [lead] = await say(board, board.users.TE, 'digest');
    expect(textOf(lead)).toMatch(/11\/04\/2023/);
    expect(urls(lead).filter((u) => u.includes('/files/minutes'))).toEqual([]);
  });
});

describe('the review card', () => {
  it('records the meeting’s decisions in one go', async () => {
    board.clock?.set('2023-04-11T14:00:00Z');
    const [card] = await say(board, board.users.PN, 'review');
    expect(textOf(card)).toMatch(/Decisions of the meeting of 11\/04\/2023/);
    const apply = executeActions(card).find((a) => a.verb === 'review.apply');
    expect(apply).toBeDefined();
    const ids = String((apply!.data as Record<string, unknown>).items).split(' ');
    expect(ids).toHaveLength(6);
    const inputs = Object.fromEntries(
      ids.map((id, n) => [`decision_${n}`, id === IDS.JD ? 'discharged' : id === IDS.FORCE ? 'standing' : 'none']),
    );
    const answer = await execute(board, board.users.PN, 'review.apply', apply!.data as Record<string, unknown>, inputs);
    expect(textOf(answer.card)).toMatch(/2 decisions recorded for the meeting of 11\/04\/2023/);
    const jd = await board.bot.stores.actions.get(board.t.scope, IDS.JD);
    expect(jd?.action.status).toBe('discharged');
    expect((await board.bot.stores.actions.get(board.t.scope, IDS.FORCE))?.action.status).toBe('standing');
    const history = await board.bot.stores.actions.history(board.t.scope, IDS.JD);
    expect(history.at(-1)?.note).toBe('At the meeting of 11/04/2023');
  });

  it('is refused to a member', async () => {
    const answer = await execute(
      board,
      board.users.JD,
      'review.apply',
      { meeting: '2023-04-11', items: IDS.SCL_I },
      { decision_0: 'discharged' },
    );
    expect(textOf(answer.card)).toMatch(/chair or the secretariat/);
    expect((await board.bot.stores.actions.get(board.t.scope, IDS.SCL_I))?.action.status).toBe('open');
  });
});
