// The minutes in Teams, end to end over real HTTP: the secretariat sends the Word file to the bot
// in their 1:1 chat (a file-download attachment whose downloadUrl the loopback Teams stand-in
// serves), gets a preview card, and Import applies it (once) or Cancel drops it; `minutes`,
// `import`, `scrutiny for` and `deep dives` typed alone answer with a card to paste into.
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVERYONE,
  actionIdOf,
  cardsOf,
  clockAt,
  closeBoard,
  dmOf,
  execute,
  fixture,
  installedBoard,
  postInvoke,
  say,
  sendInDm,
  textOf,
  validCards,
  type Board,
} from '../helpers/bot-board.ts';
import {
  adaptiveCardInvoke,
  channelFile,
  personalFile,
  postActivity,
  type TeamsUser,
} from '../helpers/teams-activities.ts';
import { executeActions } from '../helpers/validate-card.ts';

const DOCX = readFileSync(new URL('../fixtures/minutes-2023-03-14.docx', import.meta.url));
const TEXT = fixture('minutes-2023-03-14.txt');
const MEETING = '2023-03-14';

/** Sends a file in the user's 1:1 chat; resolves with the cards the bot answered that message with. */
async function sendFile(
  board: Board,
  user: TeamsUser,
  name: string,
  bytes: Uint8Array,
  text = '',
): Promise<Record<string, unknown>[]> {
  const downloadUrl = board.bot.channel.hostFile(name, bytes);
  return sendInDm(board, user, personalFile(user, { name, downloadUrl }, board.dm, text));
}

/** A button's data on a card, by verb. */
function button(card: unknown, verb: string): Record<string, unknown> {
  const found = executeActions(card).find((a) => a.verb === verb);
  expect(found, `${verb} on the card`).toBeDefined();
  return found?.data ?? {};
}

/** What the board holds for the meeting of the minutes: actions and questions, with their history lengths. */
async function stored(board: Board, meeting = MEETING) {
  const { stores } = board.bot;
  const actions = await stores.actions.listForMeeting(board.t.scope, meeting);
  const questions = await stores.questions.listForMeeting(board.t.scope, meeting);
  const history = await Promise.all(actions.map((a) => stores.actions.history(board.t.scope, a.id)));
  return { actions, questions, versions: actions.map((a) => a.version), history: history.map((h) => h.length) };
}

/** A .docx whose text inflates to 30 MB: a few tens of KB on the wire. */
function zipBomb(): Uint8Array {
  const types =
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const body = new Uint8Array(30 * 1024 * 1024).fill(0x61);
  return zipSync({ '[Content_Types].xml': strToU8(types), 'word/document.xml': [body, { level: 9 }] });
}

describe('the minutes in Teams', () => {
  let board: Board;
  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2023-03-20T10:00:00Z') });
  });
  afterAll(async () => closeBoard(board));

  it('refuses a member, without downloading the file; the command and the buttons likewise', async () => {
    const { users, bot } = board;
    const [answer, ...more] = await sendFile(board, users.JD, 'minutes.docx', DOCX);
    expect(more).toEqual([]);
    expect(textOf(answer)).toMatch(/^Not done\nonly the chair and the secretariat import the minutes/);
    expect(bot.channel.downloads()).toEqual([]);
    const [typed] = await say(board, users.JD, 'minutes');
    expect(textOf(typed)).toMatch(/^Not done\nonly the chair and the secretariat import the minutes/);
    const [alone] = await say(board, users.JD, 'import');
    expect(textOf(alone)).toMatch(/^Not done\nactions are imported by the secretariat/);
    expect((await stored(board)).actions).toEqual([]);
  });

  it('answers a file sent in a channel privately, asking for it in the 1:1 chat, and does not read it', async () => {
    const { users, bot, team } = board;
    const downloadUrl = bot.channel.hostFile('minutes.docx', DOCX);
    const inTeam = () => bot.channel.sent().filter((s) => s.conversationId.startsWith(team.id));
    const posted = inTeam().length;
    const res = await postActivity(
      bot.url,
      channelFile(users.PN, { name: 'minutes.docx', downloadUrl }, board.teamCtx),
    );
    expect(res.status).toBe(200);
    const inChannel = validCards(inTeam().slice(posted));
    expect(inChannel.map(textOf)).toEqual([expect.stringMatching(/^Answered in your chat\nPriya Nair: I have sent/)]);
    const [privately] = validCards(bot.channel.sent(dmOf(users.PN)).slice(-1));
    expect(textOf(privately)).toBe(
      'Send the minutes here\nI read minutes only in our 1:1 chat, where nobody else sees them: send minutes.docx to me here.',
    );
    expect(bot.channel.downloads()).toEqual([]);
    expect(inTeam().every((s) => !JSON.stringify(s.activity).includes('minutes.import'))).toBe(true);
  });

  it('says in one message why a PDF, an image, a zip bomb or a huge file is not minutes, and stores nothing', async () => {
    const { users } = board;
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['minutes.pdf', strToU8('%PDF-1.7\n1 0 obj << >> endobj\n'), /PDF/],
      ['scan.png', png, /image/],
      ['minutes.docx', zipBomb(), /too large/],
      ['huge.docx', new Uint8Array(10 * 1024 * 1024 + 1), /huge\.docx is larger than 10 MB/],
    ];
    for (const [name, bytes, why] of cases) {
      const answers = await sendFile(board, users.PN, name, bytes);
      expect(answers, name).toHaveLength(1);
      const text = textOf(answers[0]);
      expect(text, name).toMatch(/^Not done\n/);
      expect(text, name).toMatch(why);
      expect(executeActions(answers[0]), name).toEqual([]);
    }
    expect((await stored(board)).actions).toEqual([]);
  });

  it('takes the meeting from the message that sends the file, and refuses one the minutes contradict', async () => {
    const { users } = board;
    const [wrong] = await sendFile(board, users.PN, 'minutes.docx', DOCX, '15/03/2023');
    expect(textOf(wrong)).toBe(
      'Not done\nthe minutes are of the meeting of 14/03/2023, not 15/03/2023: send them again without a date, or with 14/03/2023',
    );
    const [right] = await sendFile(board, users.PN, 'minutes.docx', DOCX, 'minutes 14/03/2023');
    expect(textOf(right)).toContain('Minutes of the meeting of 14/03/2023');
    await execute(board, users.PN, 'minutes.cancel', button(right, 'minutes.cancel'));
    expect((await stored(board)).actions).toEqual([]);
  });

  it('Cancel drops the preview: nothing is stored, and its Import then does nothing', async () => {
    const { users } = board;
    const [preview] = await sendFile(board, users.PN, 'minutes-2023-03-14.docx', DOCX);
    expect(textOf(preview)).toContain('Minutes of the meeting of 14/03/2023');
    const cancel = await execute(board, users.PN, 'minutes.cancel', button(preview, 'minutes.cancel'));
    expect(textOf(cancel.card)).toMatch(/Cancelled, nothing was changed/);
    expect(executeActions(cancel.card)).toEqual([]);
    const late = await execute(board, users.PN, 'minutes.import', button(preview, 'minutes.import'));
    expect(textOf(late.card)).toMatch(/Cancelled, nothing was changed/);
    const now = await stored(board);
    expect(now.actions).toEqual([]);
    expect(now.questions).toEqual([]);
  });

  it('previews the Word file, imports it on Import, queues the owners’ cards, and a second Import applies nothing', async () => {
    const { users, bot } = board;
    const [preview, ...more] = await sendFile(board, users.PN, 'minutes-2023-03-14.docx', DOCX);
    expect(more).toEqual([]);
    const text = textOf(preview);
    expect(text).toContain('Minutes of the meeting of 14/03/2023');
    expect(text).toContain('minutes-2023-03-14.docx · sent by Priya Nair');
    expect(text).toMatch(/Actions Arising · 6 found\n6 to add/);
    expect(text).toContain('Not in the directory');
    expect(text).toContain('RG');
    // The preview wrote nothing.
    expect((await stored(board)).actions).toEqual([]);

    // JD may not press it.
    const refused = await execute(board, users.JD, 'minutes.import', button(preview, 'minutes.import'));
    expect(textOf(refused.card)).toMatch(/^Not available\nonly the chair and the secretariat import the minutes/);
    expect((await stored(board)).actions).toEqual([]);

    const invoke = adaptiveCardInvoke(
      users.PN,
      { verb: 'minutes.import', data: { board: 'PAM', ...button(preview, 'minutes.import') } },
      board.dm,
    );
    const imported = await postInvoke(board, invoke);
    const done = textOf(imported.card);
    expect(done).toMatch(/Imported: \d+ added\./);
    expect(done).toMatch(/Actions Arising · 6 found\n6 added/);
    expect(done).toMatch(/Scrutiny questions · 5 found\n5 added/);
    expect(done).toMatch(/cards? on the way to owners/);
    expect(executeActions(imported.card)).toEqual([]);
    const after = await stored(board);
    expect(after.actions).toHaveLength(6);
    expect(after.questions).toHaveLength(5);
    // The owners' cards were queued and go out.
    await bot.teams.sender.drain();
    const jdCards = validCards(bot.channel.sent(dmOf(users.JD))).filter((c) => actionIdOf(c));
    expect(jdCards.map(actionIdOf)).toContain('2023-03-14.n001');

    // The same request retried (Teams sends it again): answered as the first was, applied once.
    const retried = await postInvoke(board, invoke);
    expect(textOf(retried.card)).toBe(done);
    // Pressed again (a new request): nothing is applied again, and it says so.
    const again = await execute(board, users.PN, 'minutes.import', button(preview, 'minutes.import'));
    expect(textOf(again.card)).toMatch(/Already imported: nothing was applied again/);
    expect(await stored(board)).toEqual(after);
    // And Cancel, now, changes nothing and says so.
    const cancel = await execute(board, users.PN, 'minutes.cancel', button(preview, 'minutes.cancel'));
    expect(textOf(cancel.card)).toMatch(/Already imported, so Cancel changed nothing/);
    expect(await stored(board)).toEqual(after);
  });

  it('Import after the board changed shows the new plan and asks again, rather than applying what was not previewed', async () => {
    const { users } = board;
    const [preview] = await sendFile(board, users.PN, 'minutes-2023-03-14.docx', DOCX);
    expect(textOf(preview)).toMatch(/Actions Arising · 6 found\n6 unchanged/);
    // Meanwhile the secretariat rewords an action.
    const [report] = await say(board, users.PN, 'import\n01.14/03/2023\tJD - Circulate the terms of reference again');
    expect(textOf(report)).toContain('0 imported, 1 updated');
    const before = await stored(board);

    const replanned = await execute(board, users.PN, 'minutes.import', button(preview, 'minutes.import'));
    const text = textOf(replanned.card);
    expect(text).toMatch(/^The board changed since this preview was drawn/);
    expect(text).toMatch(/Actions Arising · 6 found\n1 to update, 5 unchanged/);
    expect(await stored(board)).toEqual(before);
    // The new plan, imported.
    const imported = await execute(board, users.PN, 'minutes.import', button(replanned.card, 'minutes.import'));
    expect(textOf(imported.card)).toMatch(/Actions Arising · 6 found\n1 updated, 5 unchanged/);
    const action = await board.bot.stores.actions.get(board.t.scope, '2023-03-14.n001');
    expect(action?.action.text).toBe('Circulate the revised terms of reference to all attendees');
  });

  it('`minutes` alone answers with the paste card, and the pasted text is previewed as the file was', async () => {
    const { users } = board;
    const [card, ...more] = await say(board, users.PN, 'minutes');
    expect(more).toEqual([]);
    expect(textOf(card)).toContain('Import the minutes');
    const submit = button(card, 'paste.submit');
    expect(submit).toEqual({ board: 'PAM', command: 'minutes' });
    const answer = await execute(board, users.PN, 'paste.submit', submit, { text: TEXT, meeting: '' });
    const text = textOf(answer.card);
    expect(text).toContain('Minutes of the meeting of 14/03/2023');
    expect(text).toContain('pasted text · sent by Priya Nair');
    // What the copy set aside is shown, never dropped unsaid.
    expect(text).toContain('line 77, set aside: a page number');
    // Already imported from the Word file: the same minutes change nothing.
    expect(text).toMatch(/Actions Arising · 6 found\n6 unchanged/);
    const cancel = await execute(board, users.PN, 'minutes.cancel', button(answer.card, 'minutes.cancel'));
    expect(textOf(cancel.card)).toMatch(/Cancelled, nothing was changed/);
  });

  it('the paste card sent empty, or for scrutiny without a date, comes back saying so with what was typed', async () => {
    const { users } = board;
    const empty = await execute(board, users.PN, 'paste.submit', { command: 'minutes' }, { text: '  ', meeting: '' });
    expect(textOf(empty.card)).toMatch(/^Not sent: paste the minutes into the box\./);
    const [scrutiny] = await say(board, users.PN, 'scrutiny for');
    expect(button(scrutiny, 'paste.submit')).toEqual({ board: 'PAM', command: 'scrutiny' });
    const undated = await execute(
      board,
      users.PN,
      'paste.submit',
      { command: 'scrutiny' },
      { text: 'Q1. Why? - KP', meeting: '' },
    );
    expect(textOf(undated.card)).toMatch(/^Not sent: choose the meeting's date/);
    expect(JSON.stringify(undated.card)).toContain('Q1. Why? - KP');
    const [dives] = await say(board, users.PN, 'deep dives');
    expect(button(dives, 'paste.submit')).toEqual({ board: 'PAM', command: 'deepDives' });
  });

  it('`import` alone answers with the paste card, and a pasted table is imported and its cards sent', async () => {
    const { users, bot } = board;
    const [card] = await say(board, users.PN, 'import');
    expect(textOf(card)).toContain('Import the Actions Arising');
    const table = fixture('actions-arising-example.txt').replaceAll('14/03/2023', '11/04/2023');
    const answer = await execute(board, users.PN, 'paste.submit', button(card, 'paste.submit'), {
      text: table,
      meeting: '2023-04-11',
    });
    expect(textOf(answer.card)).toContain('6 imported, 0 updated, 0 unchanged, 0 not understood');
    expect((await stored(board, '2023-04-11')).actions).toHaveLength(6);
    await bot.teams.sender.drain();
    const kpCards = validCards(bot.channel.sent(dmOf(users.KP))).filter((c) => actionIdOf(c)?.startsWith('2023-04-11'));
    expect(kpCards).toHaveLength(1);
    expect(cardsOf(bot.channel.sent(dmOf(users.KP)).at(-1)?.activity ?? {})).toHaveLength(1);
  });
});
