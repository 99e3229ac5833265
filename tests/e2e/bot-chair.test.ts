// The chair's and the secretariat's controls end to end through the bot over HTTP, on a board that
// has held the meetings of 23/02/2021 and 23/03/2021 and knows no next one yet: finding an action
// by its reference, carrying forward to a date, discharging after a confirmation and reopening,
// the outstanding view with delegation and history, the "on behalf of" words, the note's limit,
// and what the calendar, an empty import, an ambiguous owner and a stray line are answered with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import type { Action } from '../../bot/rules/types.ts';
import {
  EVERYONE,
  cardsOf,
  clockAt,
  closeBoard,
  execute,
  inputValue,
  installedBoard,
  outstandingGroups,
  say,
  textOf,
  type Board,
} from '../helpers/bot-board.ts';
import { cardInputs, executeActions } from '../helpers/validate-card.ts';

const TABLE = [
  'import',
  'Actions Arising',
  '01.23/02/2021\tJD - Circulate the revised terms of reference',
  '03 23/02/2021.i\tSCL - Consider including outcome rates by crime type by 16/03/2021',
  '03 23/02/2021.ii\tKP to confirm the number of staff in the Harm Hub',
].join('\n');

const JD = '2021-02-23.n001';
const SCL = '2021-02-23.i003.i';
const KP = '2021-02-23.i003.ii';

async function stored(board: Board, id: string): Promise<Action | undefined> {
  return (await board.bot.stores.actions.get(board.t.scope, id))?.action;
}

const verbs = (card: unknown): string[] => executeActions(card).map((a) => a.verb);

describe('the chair’s controls, on a board with only past meetings', () => {
  let board: Board;

  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2021-04-01T09:00:00Z') });
    await saveMeeting(board.t, { date: '2021-02-23' });
    await saveMeeting(board.t, { date: '2021-03-23' });
    const [report] = await say(board, board.users.PN, TABLE);
    expect(textOf(report)).toContain('3 imported');
    await board.bot.teams.sender.drain();
  });
  afterAll(async () => closeBoard(board));

  it('meetings lists the last ones held and says no next meeting is set, with the command to set it', async () => {
    const [card] = await say(board, board.users.JD, 'meetings');
    const text = textOf(card);
    expect(text).toContain('PAM: no next meeting set');
    expect(text).toContain('the chair or the secretariat sets it with "next meeting dd/MM/yyyy"');
    expect(text).toContain('23/03/2021\n');
    expect(text).toContain('23/02/2021');
    expect(text).not.toContain('No meeting is in the calendar yet');
  });

  it('digest without a date says there is no next meeting, and how to name one', async () => {
    const [card] = await say(board, board.users.MH, 'digest');
    expect(textOf(card)).toContain(
      'no next meeting is in the calendar (the last held was 23/03/2021): the chair or the secretariat sets it with "next meeting dd/MM/yyyy"; or name the meeting: "digest 23/03/2021"',
    );
    const [named] = await say(board, board.users.MH, 'digest 23/03/2021');
    expect(textOf(named)).toContain('Action log for the meeting of 23/03/2021');
  });

  it('show and history find an action by its reference as the minutes write it, or typed with a dot or space the other way', async () => {
    const { users } = board;
    for (const typed of ['03 23/02/2021.i', '03.23/02/2021.i', '03 23/02/2021 i', '3 23/2/2021 .i']) {
      const [card] = await say(board, users.MH, `show ${typed}`);
      expect(textOf(card), typed).toContain('Action 03 23/02/2021.i');
    }
    const [history] = await say(board, users.TE, 'history 03.23/02/2021.i');
    expect(textOf(history)).toContain('History of action 03 23/02/2021.i');
    expect(textOf(history)).toContain('Raised');
    const [missing] = await say(board, users.MH, 'show 09 23/02/2021');
    expect(textOf(missing)).toContain('no action 09 23/02/2021 on PAM');
    const [nonsense] = await say(board, users.MH, `show ${'x'.repeat(80)}`);
    expect(textOf(nonsense)).toContain('is not a reference: say it as the minutes write it');
  });

  it('says whose update the chair and the secretariat give on an action they do not own; the owner’s is theirs', async () => {
    const { users } = board;
    const [chair] = await say(board, users.MH, 'show 03 23/02/2021.i');
    expect(textOf(chair)).toContain('Update on behalf of Sam Carter-Lee');
    expect(textOf(chair)).not.toContain('Your update');
    const [secretariat] = await say(board, users.PN, 'show 03 23/02/2021.i');
    expect(textOf(secretariat)).toContain('Update on behalf of Sam Carter-Lee');
    const [owner] = await say(board, users.SCL, 'show 03 23/02/2021.i');
    expect(textOf(owner)).toContain('Your update');
    expect(textOf(owner)).not.toContain('on behalf of');
    // The note's limit is said on the form.
    expect(cardInputs(owner).get('note')?.label).toBe('Note (up to 4,000 characters)');
  });

  it('refuses a note of 4,001 characters with the limit, gives it back whole, and saves nothing', async () => {
    const { users } = board;
    const before = await stored(board, SCL);
    const note = 'n'.repeat(4_001);
    const answer = await execute(
      board,
      users.SCL,
      'action.reply',
      { actionId: SCL, version: before?.version },
      { status: 'in_progress', note },
    );
    expect(textOf(answer.card)).toContain('Not saved: the note is 4,001 characters; the limit is 4,000.');
    expect(inputValue(answer.card, 'note')).toBe(note);
    expect(await stored(board, SCL)).toEqual(before);
  });

  it('carries an action forward to the date the chair gives; with no next meeting and no date, says what to do', async () => {
    const { users } = board;
    const before = await stored(board, SCL);
    expect(before?.due).toBe('2021-03-16'); // overdue since
    const refused = await execute(board, users.MH, 'action.carryForward', {
      actionId: SCL,
      version: before?.version,
      dueInput: 'carryTo_1',
    });
    expect(textOf(refused.card)).toContain(
      '03 23/02/2021.i not changed: no next meeting is in the calendar: set it with "next meeting dd/MM/yyyy", or choose the date it is carried forward to.',
    );
    const past = await execute(
      board,
      users.MH,
      'action.carryForward',
      { actionId: SCL, version: before?.version, dueInput: 'carryTo_1' },
      { carryTo_1: '2021-03-30' },
    );
    expect(textOf(past.card)).toContain('30/03/2021 has passed: carry it forward to a later date');
    expect(await stored(board, SCL)).toEqual(before);

    const carried = await execute(
      board,
      users.MH,
      'action.carryForward',
      { actionId: SCL, version: before?.version, dueInput: 'carryTo_1' },
      { carryTo_1: '2021-04-20' },
    );
    expect(textOf(carried.card)).toContain('03 23/02/2021.i: Carried forward, due 20/04/2021.');
    expect(await stored(board, SCL)).toMatchObject({ status: 'carried_forward', due: '2021-04-20' });
    // No longer overdue on the chair's view.
    const item = outstandingGroups(carried.card)
      .flatMap((g) => g.items)
      .find((i) => i.actionId === SCL);
    expect(item?.flags).not.toContain('Overdue');
    // An owner may not move the date.
    const owner = await execute(
      board,
      users.SCL,
      'action.carryForward',
      { actionId: SCL, version: 3, dueInput: 'carryTo_1' },
      { carryTo_1: '2021-06-01' },
    );
    expect(textOf(owner.card)).toContain('not changed: only the chair and the secretariat carry an action forward');
    expect((await stored(board, SCL))?.due).toBe('2021-04-20');
  });

  it('once the next meeting is set, carrying forward moves the due date to it', async () => {
    const { users } = board;
    await say(board, users.PN, 'next meeting 27/04/2021 10:00');
    const before = await stored(board, KP);
    const answer = await execute(board, users.PN, 'action.carryForward', { actionId: KP, version: before?.version });
    expect(textOf(answer.card)).toContain('03 23/02/2021.ii: Carried forward, due 27/04/2021.');
    expect(await stored(board, KP)).toMatchObject({ due: '2021-04-27' });
  });

  it('the outstanding view shows the delegate, the latest update and History, and asks before a discharge', async () => {
    const { users } = board;
    const alex = (await board.bot.stores.people.list(board.t.scope)).find((p) => p.person.initials === 'AW');
    await execute(
      board,
      users.JD,
      'action.delegate',
      { actionId: JD, version: (await stored(board, JD))?.version },
      { delegateTo: alex?.person.id },
    );
    await execute(
      board,
      users.AW,
      'action.reply',
      { actionId: JD, version: (await stored(board, JD))?.version },
      { status: 'completed', note: 'Circulated on 30 March' },
    );
    const [view] = await say(board, users.MH, 'outstanding');
    const jane = outstandingGroups(view as Record<string, unknown>)
      .find((g) => g.owner === 'Jane Doe')
      ?.items.find((i) => i.actionId === JD);
    expect(jane?.lines).toEqual([
      'Delegated to Alex Wong (AW)',
      expect.stringMatching(/^Latest: Circulated on 30 March — Alex Wong, 0\d\/04\/2021 \d\d:\d\d$/),
    ]);
    expect(jane?.verbs).toEqual(['action.discharge', 'action.carryForward', 'action.history']);
    // The Discharge button only opens a question; the discharge is its answer.
    const json = JSON.stringify(view);
    expect(json).toContain('"title":"Discharge…"');
    expect(json).toContain('Discharge 01.23/02/2021? The meeting accepts it as done and it leaves the list.');
    // History from the view comes back to it.
    const history = await execute(board, users.MH, 'action.history', { actionId: JD, version: 3, from: 'outstanding' });
    expect(textOf(history.card)).toContain('Delegated to AW');
    expect(verbs(history.card)).toEqual(['outstanding.view']);
  });

  it('discharges, and the chair reopens it from its card or by typing reopen: back as it was, with history', async () => {
    const { users } = board;
    const discharged = await execute(board, users.MH, 'action.discharge', {
      actionId: JD,
      version: (await stored(board, JD))?.version,
    });
    expect(textOf(discharged.card)).toContain('01.23/02/2021: Discharged. To undo it, type reopen 01.23/02/2021.');
    expect(await stored(board, JD)).toMatchObject({ status: 'discharged', closedOn: '2021-04-01' });

    // Its card offers Reopen to the chair, and to nobody else.
    const [chairCard] = await say(board, users.MH, 'show 01.23/02/2021');
    expect(verbs(chairCard)).toContain('action.reopen');
    const [secretariatCard] = await say(board, users.PN, 'show 01.23/02/2021');
    expect(verbs(secretariatCard)).not.toContain('action.reopen');
    const [refused] = await say(board, users.PN, 'reopen 01.23/02/2021');
    expect(textOf(refused)).toContain('only the chair reopens a discharged action');

    const reopened = await execute(board, users.MH, 'action.reopen', {
      actionId: JD,
      version: (await stored(board, JD))?.version,
    });
    expect(textOf(reopened.card)).toContain('01.23/02/2021 reopened: it is Completed again.');
    expect(await stored(board, JD)).toMatchObject({ status: 'completed' });
    expect((await stored(board, JD))?.closedOn).toBeUndefined();
    const last = (await board.bot.stores.actions.history(board.t.scope, JD)).at(-1);
    expect(last).toMatchObject({
      byName: 'Morgan Hale',
      note: 'Reopened',
      changes: [{ field: 'status', from: 'discharged', to: 'completed' }],
    });

    // Discharged again, and reopened by typing: the channel's summary follows, as for a button.
    await execute(board, users.MH, 'action.discharge', { actionId: JD, version: (await stored(board, JD))?.version });
    const { bot, team } = board;
    await bot.channel.waitFor(
      () =>
        bot.channel
          .updates(team.id)
          .find((u) => /01\.23\/02\/2021\nJane Doe\nDischarged/.test(textOf(cardsOf(u.activity)[0]))),
      5_000,
    );
    const updates = bot.channel.updates(team.id).length;
    const [typed] = await say(board, users.MH, 'reopen 01 23/02/2021');
    expect(textOf(typed)).toContain('01.23/02/2021 reopened: it is Completed again.');
    await bot.channel.waitFor(
      () =>
        bot.channel
          .updates(team.id)
          .slice(updates)
          .find((u) => /01\.23\/02\/2021\nJane Doe\nCompleted/.test(textOf(cardsOf(u.activity)[0]))),
      5_000,
    );
    const [again] = await say(board, users.MH, 'reopen 01.23/02/2021');
    expect(textOf(again)).toContain('not reopened: it is not discharged (it is Completed): nothing to reopen.');
  });
});

describe('clear words for the secretariat’s imports', () => {
  let board: Board;

  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2021-04-01T09:00:00Z') });
    await saveMeeting(board.t, { date: '2021-02-23', next: '2021-03-23' });
  });
  afterAll(async () => closeBoard(board));

  it('an import with no action in it says how to paste the table', async () => {
    const [card] = await say(board, board.users.PN, 'import\nActions Arising\n\nItem\tAction');
    expect(textOf(card)).toContain(
      'Nothing to import: no line held an action. Paste the Actions Arising table after the word import',
    );
    // `import` alone (or with only blank lines) answers with the card to paste the table into.
    for (const text of ['import', 'import\n\n   \n']) {
      const [paste] = await say(board, board.users.PN, text);
      expect(textOf(paste), text).toContain('Paste the Actions Arising table copied out of Word');
    }
  });

  it('names who an ambiguous owner could be, never "not in the directory"', async () => {
    const added = await importPeople(
      board.t,
      'name,initials,email,role\nAnna White,AW,anna.white@example.org.uk,member\n',
    );
    expect(added.counts.added).toBe(1);
    const [card] = await say(board, board.users.PN, 'import\n05.23/02/2021\tAW - Review the custody figures');
    const text = textOf(card);
    expect(text).toContain('"AW" could be Alex Wong (AW) or Anna White (AW)');
    expect(text).toContain(
      'Not sent to AW: "AW" could be Alex Wong (AW) or Anna White (AW): add an alias to the directory to tell them apart',
    );
    expect(text).not.toContain('not in the directory');
  });

  it('reports a stray line after a table row, and does not add it to the action', async () => {
    const [card] = await say(
      board,
      board.users.PN,
      'import\n06.23/02/2021\tKP - Confirm the staffing figures\nThanks all, see you next month',
    );
    expect(textOf(card)).toContain(
      'line 3: error - not an action: "Thanks all, see you next month" has no reference, and does not read as the rest of line 2',
    );
    expect((await stored(board, '2021-02-23.n006'))?.text).toBe('Confirm the staffing figures');
  });
});
