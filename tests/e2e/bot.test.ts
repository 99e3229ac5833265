// The Teams bot end to end, over real HTTP: the server's app and the real botbuilder CloudAdapter
// in this process, answering activities shaped as Teams sends them, and calling back a loopback
// Teams channel (tests/helpers/teams-channel.ts) that records every card it is sent or updated.
// Every card the bot sends or returns is checked with validateCard.
// The outbox under failures is in bot-outbox.test.ts, authentication in bot-auth.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import type { Action } from '../../bot/rules/types.ts';
import {
  EVERYONE,
  actionIdOf,
  cardsOf,
  clockAt,
  closeBoard,
  dmOf,
  execute,
  fixture,
  IDS,
  inputValue,
  installedBoard,
  median,
  outstandingGroups,
  percentile,
  postInvoke,
  say,
  storedDm,
  stranger,
  TENANT,
  textOf,
  validCards,
  versionOf,
  type Board,
} from '../helpers/bot-board.ts';
import { testTables } from '../helpers/tables.ts';
import {
  adaptiveCardInvoke,
  cardSubmit,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
} from '../helpers/teams-activities.ts';
import { personalConversationId } from '../helpers/teams-channel.ts';
import { executeActions } from '../helpers/validate-card.ts';

const TABLE = fixture('actions-arising-example.txt');

/** The stored state of an action: what a refusal must leave as it was. */
async function snapshot(board: Board, id: string): Promise<{ action: Action | undefined; history: number }> {
  const stored = await board.bot.stores.actions.get(board.t.scope, id);
  return { action: stored?.action, history: (await board.bot.stores.actions.history(board.t.scope, id)).length };
}

/** What the bot sent into a conversation (for an owner who has not written to it: their cards). */
const proactive = (board: Board, conversationId: string) => board.bot.channel.sent(conversationId);

describe('installing the app', () => {
  let board: Board;
  beforeAll(async () => {
    // 8 directory people and 112 people the directory does not know: two pages of 100, with
    // four of the directory's people on the second page.
    board = await installedBoard({ roster: EVERYONE, strangers: 112 });
  });
  afterAll(async () => closeBoard(board));

  it('in a team: keeps the channel, reads the whole roster page by page, links people by email and counts the rest', async () => {
    const { bot, t, users, team } = board;
    const paged = bot.channel.requests.filter((r) => r.route === 'pagedMembers');
    expect(paged.map((r) => r.conversationId)).toEqual([team.id, team.id]);
    expect(paged.map((r) => r.query.pageSize)).toEqual(['100', '100']);
    expect(paged[0]?.query.continuationToken).toBeUndefined();
    expect(paged[1]?.query.continuationToken).toEqual(expect.any(String));
    expect(paged.every((r) => r.status === 200)).toBe(true);

    const synced = bot.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((e) => e.event === 'teams.roster_synced');
    expect(synced).toMatchObject({ members: 120, linked: 8, unknown: 112 });

    // Everyone in the directory is linked to their Teams identity, by email.
    for (const [initials, user] of Object.entries(users)) {
      const linked = await bot.stores.people.byTeamsId(t.scope, user.aadObjectId);
      expect(linked?.person.email, initials).toBe(user.email);
    }
    // Nobody else was added or linked.
    expect((await bot.stores.people.list(t.scope)).length).toBe(8);
    for (const n of [1, 56, 112]) {
      expect(await bot.stores.people.byEmail(t.scope, stranger(n).email as string)).toBeNull();
    }

    // The channel is the board's channel, and every member can be reached later (a 1:1 chat opened on demand).
    const channel = await bot.stores.conversations.forBoard(t.scope.tenant, 'PAM');
    expect(channel?.id).toBe(team.id);
    expect(JSON.parse(channel?.reference ?? '{}')).toMatchObject({
      serviceUrl: bot.channel.serviceUrl,
      conversation: { id: team.id },
    });
    const jd = await storedDm(board, users.JD);
    expect(jd).toMatchObject({ serviceUrl: bot.channel.serviceUrl, user: { id: users.JD.id } });
    expect(jd?.conversation).toBeUndefined();
    // Installing sends only a welcome, which names nothing of the board; the secretariat's
    // "use this channel for PAM" gets the confirmation, and the binding says who chose it.
    const setup = board.setup.map((s) => textOf(cardsOf(s.activity)[0]));
    expect(setup).toHaveLength(2);
    expect(setup[0]).toContain('use this channel for PAM');
    expect(setup[1]).toMatch(/This is now the PAM board's channel, chosen by Priya Nair on \d\d\/\d\d\/\d{4}/);
    expect(board.setup.every((s) => s.conversationId.startsWith(team.id))).toBe(true);
    expect(await bot.stores.conversations.binding(t.scope.tenant, 'PAM')).toMatchObject({
      conversationId: team.id,
      boundBy: { name: 'Priya Nair' },
    });
  });

  it('in a personal scope: keeps the 1:1 conversation reference', async () => {
    const { bot, users } = board;
    const res = await postActivity(bot.url, installationUpdate(users.JD, 'personal', 'add', board.dm));
    expect(res.status).toBe(200);
    const reference = await storedDm(board, users.JD);
    expect(reference).toMatchObject({
      serviceUrl: bot.channel.serviceUrl,
      conversation: { id: personalConversationId(users.JD.id) },
      user: { id: users.JD.id },
    });
    // And a personal install of somebody in no team works the same.
    const visitor = stranger(500);
    expect((await postActivity(bot.url, installationUpdate(visitor, 'personal', 'add', board.dm))).status).toBe(200);
    const record = await bot.stores.conversations.get(board.t.scope.tenant, 'personal', visitor.aadObjectId);
    expect(JSON.parse(record?.reference ?? '{}')).toMatchObject({
      conversation: { id: personalConversationId(visitor.id) },
    });
  });
});

describe('import, owner replies and refusals', () => {
  let board: Board;
  /** The owner cards' activity ids, by action id and owner initials. */
  const cardIds = new Map<string, string>();
  let summaryActivityId: string;

  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, strangers: 3, clock: clockAt('2023-03-20T10:00:00Z'), tab: true });
  });
  afterAll(async () => closeBoard(board));

  it('imports the pasted Actions Arising table and sends exactly one card per owner per action, and one summary to the channel', async () => {
    const { bot, users, team } = board;
    const [report, ...more] = await say(board, users.PN, `import\n${TABLE}`);
    expect(more).toEqual([]);
    const reportText = textOf(report);
    expect(reportText).toContain('6 imported, 0 updated, 0 unchanged, 0 not understood');
    expect(reportText).toMatch(/owner "The Force" is a body, not a person: nobody is notified/);
    expect(reportText).toContain('Not sent to The Force');
    // Six owner cards (the channel's summary is not one of them).
    expect(reportText).toContain('6 cards on the way to owners.');
    await bot.teams.sender.drain();

    const expected: Array<[keyof typeof users, string[]]> = [
      ['JD', [IDS.JD]],
      ['SCL', [IDS.SCL_I, IDS.SCL_II]],
      ['KP', ['N/A']],
      ['CO', [IDS.CO_AW]],
      ['AW', [IDS.CO_AW]],
      ['MH', []],
      ['PN', []],
      ['TE', []],
    ];
    for (const [initials, actions] of expected) {
      const user = users[initials];
      // Priya's chat also holds the import report (no action on it).
      const sent = proactive(board, dmOf(user)).filter((s) =>
        cardsOf(s.activity).some((c) => actionIdOf(c) !== undefined),
      );
      const cards = validCards(sent);
      expect(cards.length, initials).toBe(actions.length);
      const ids = cards.map(actionIdOf);
      for (const want of actions) {
        if (want === 'N/A')
          expect(
            ids.some((id) => id?.startsWith('2023-03-14.x')),
            initials,
          ).toBe(true);
        else expect(ids, initials).toContain(want);
      }
      sent.forEach((s, i) => cardIds.set(`${ids[i]}|${initials}`, s.id));
    }
    // The Force's action went to nobody; 1:1 chats were opened with the five owners only. (Sam's two
    // cards go out concurrently, so his chat may be "created" twice: Teams returns the same one.)
    const created = bot.channel.conversationsCreated();
    expect([...new Set(created.map((c) => c.id))].sort()).toEqual(
      ['JD', 'SCL', 'KP', 'CO', 'AW'].map((i) => dmOf(users[i as 'JD'])).sort(),
    );
    expect(created.filter((c) => c.isNew).length).toBe(5);
    expect(created.every((c) => c.tenantId === TENANT)).toBe(true);

    const summaries = validCards(board.channelPosts());
    expect(summaries.length).toBe(1);
    expect(textOf(summaries[0])).toContain('Actions from the meeting of 14/03/2023');
    const summaryItem = await bot.stores.outbox.get(`summary|local|PAM|2023-03-14`);
    expect(summaryItem).toMatchObject({ state: 'sent', conversationId: team.id });
    summaryActivityId = summaryItem?.activityId as string;
    expect(summaryActivityId).toBe(board.channelPosts()[0]?.id);
    expect(bot.channel.stats().duplicates).toBe(0);
  });

  it('importing the same table again sends no second card: the outbox ids are stable', async () => {
    const { bot, users } = board;
    const sentBefore = bot.channel.sent().length;
    const [report] = await say(board, users.PN, `import\n${TABLE}`);
    expect(textOf(report)).toContain('0 imported, 0 updated, 6 unchanged, 0 not understood');
    expect(textOf(report)).toContain(
      "No new card for owners: theirs were sent or queued before (resend and someone's initials, or a meeting's date, sends them again).",
    );
    await bot.teams.sender.drain();
    // Only the report itself, in Priya's chat.
    expect(bot.channel.sent().length).toBe(sentBefore + 1);
    expect((await bot.stores.outbox.list('sent')).length).toBe(7);
    expect(await bot.stores.outbox.list('queued')).toEqual([]);
  });

  it('stores an owner’s Action.Execute reply and answers with the refreshed card, then redraws the channel summary in place', async () => {
    const { bot, t, users, team } = board;
    const answer = await execute(
      board,
      users.JD,
      'action.reply',
      { actionId: IDS.JD, version: 1 },
      { status: 'completed', note: 'Circulated to all attendees on 15/03/2023' },
    );
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.body.statusCode).toBe(200);
    expect(answer.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = textOf(answer.card);
    expect(text).toContain('Saved: Completed, with your note. Thank you.');
    expect(text).toContain('Circulated to all attendees on 15/03/2023');
    expect(text).toContain('Status: Completed');
    expect(versionOf(answer.card)).toBe(2);

    const stored = await bot.stores.actions.get(t.scope, IDS.JD);
    expect(stored?.action).toMatchObject({
      status: 'completed',
      latestNote: 'Circulated to all attendees on 15/03/2023',
      latestNoteBy: 'Jane Doe',
      version: 2,
    });
    const history = await bot.stores.actions.history(t.scope, IDS.JD);
    expect(history.length).toBe(2);
    expect(history[1]).toMatchObject({
      byName: 'Jane Doe',
      channel: 'teams',
      kind: 'updated',
      note: 'Circulated to all attendees on 15/03/2023',
      changes: [{ field: 'status', from: 'open', to: 'completed' }, { field: 'note' }],
    });

    // About a second later, the summary card is updated where it was posted.
    const update = await bot.channel.waitFor(
      () => bot.channel.updates(team.id).find((u) => u.activityId === summaryActivityId),
      5_000,
    );
    const [summary] = validCards([update]);
    expect(textOf(summary)).toMatch(/01\.14\/03\/2023\nJane Doe\nCompleted\n20\/03\/2023/);
    expect(board.channelPosts().length).toBe(1); // updated, not posted again
  });

  it('handles the Action.Submit fallback the same way and updates the card it came from', async () => {
    const { bot, t, users, team } = board;
    const cardId = cardIds.get(`${IDS.SCL_I}|SCL`) as string;
    expect(cardId).toEqual(expect.any(String));
    const updatesBefore = bot.channel.updates(team.id).length;
    const res = await postActivity(
      bot.url,
      cardSubmit(
        users.SCL,
        {
          verb: 'action.reply',
          actionId: IDS.SCL_I,
          board: 'PAM',
          version: 1,
          status: 'in_progress',
          note: 'Drafting the crime-type table',
        },
        { ...board.dm, replyToId: cardId },
      ),
    );
    expect(res.status).toBe(200);

    const stored = await bot.stores.actions.get(t.scope, IDS.SCL_I);
    expect(stored?.action).toMatchObject({
      status: 'in_progress',
      latestNote: 'Drafting the crime-type table',
      latestNoteBy: 'Sam Carter-Lee',
      version: 2,
    });
    // The card is replaced in place (PUT on the card's id), not answered with a new message.
    const puts = bot.channel.updates(dmOf(users.SCL));
    expect(puts.map((u) => u.activityId)).toEqual([cardId]);
    const [card] = validCards(puts);
    expect(textOf(card)).toContain('Saved: In progress, with your note. Thank you.');
    expect(versionOf(card)).toBe(2);
    expect(proactive(board, dmOf(users.SCL)).length).toBe(2); // still only the two cards
    // The summary follows.
    const update = await bot.channel.waitFor(
      () =>
        bot.channel
          .updates(team.id)
          .slice(updatesBefore)
          .find(
            (u) =>
              u.activityId === summaryActivityId &&
              /04 14\/03\/2023\.i\nSam Carter-Lee\nIn progress/.test(textOf(cardsOf(u.activity)[0])),
          ),
      5_000,
    );
    expect(validCards([update]).length).toBe(1);
  });

  it('redraws the channel summary in place after a reply made on the tab, as after one made on the card', async () => {
    const { bot, t, team } = board;
    const updatesBefore = bot.channel.updates(team.id).length;
    const login = await fetch(`${bot.base}/api/tab/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ personId: 'chidi-okafor' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const version = (await bot.stores.actions.get(t.scope, IDS.CO_AW))?.action.version;
    const res = await fetch(`${bot.base}/api/tab/actions/${IDS.CO_AW}/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ status: 'blocked', note: 'Waiting for the control room rota', version }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: string }).result).toBe('saved');

    const update = await bot.channel.waitFor(
      () =>
        bot.channel
          .updates(team.id)
          .slice(updatesBefore)
          .find(
            (u) =>
              u.activityId === summaryActivityId &&
              /06 14\/03\/2023\n[^\n]*\nBlocked/.test(textOf(cardsOf(u.activity)[0])),
          ),
      5_000,
    );
    expect(validCards([update]).length).toBe(1);
    expect(board.channelPosts().length).toBe(1); // updated, not posted again
  });

  it('refuses a reply to someone else’s action, and says why', async () => {
    const { users } = board;
    const before = await snapshot(board, IDS.JD);
    const answer = await execute(
      board,
      users.SCL,
      'action.reply',
      { actionId: IDS.JD, version: 2 },
      { status: 'blocked', note: 'Not mine, but...' },
    );
    expect(textOf(answer.card)).toContain(
      'Not saved: only the action’s owners, the chair and the secretariat can add a note.',
    );
    expect(await snapshot(board, IDS.JD)).toEqual(before);
  });

  it('refuses a reply to an action that does not exist', async () => {
    const { bot, t, users } = board;
    const answer = await execute(
      board,
      users.JD,
      'action.reply',
      { actionId: '2023-03-14.n099', version: 1 },
      { status: 'completed', note: 'Done' },
    );
    expect(textOf(answer.card)).toContain('Not saved: this action no longer exists.');
    expect(await bot.stores.actions.get(t.scope, '2023-03-14.n099')).toBeNull();
  });

  it('refuses a reply from a stale card after the secretariat changed the action: shows the current state and keeps the draft', async () => {
    const { bot, t, users } = board;
    const changed = TABLE.replace(
      'SCL to present the demand model at a future PAM once it has been assessed',
      'SCL to present the demand model at the May PAM',
    );
    expect(changed).not.toBe(TABLE);
    const [report] = await say(board, users.PN, `import\n${changed}`);
    expect(textOf(report)).toContain('0 imported, 1 updated, 5 unchanged, 0 not understood');
    const before = await snapshot(board, IDS.SCL_II);
    expect(before.action).toMatchObject({
      version: 2,
      text: 'present the demand model at the May PAM',
      status: 'open',
    });

    const answer = await execute(
      board,
      users.SCL,
      'action.reply',
      { actionId: IDS.SCL_II, version: 1 },
      { status: 'completed', note: 'Presented to the chief officer team' },
    );
    const text = textOf(answer.card);
    expect(text).toContain('This action changed since this card was drawn: it is now Open. Your update was not saved');
    expect(text).toContain('present the demand model at the May PAM');
    expect(inputValue(answer.card, 'note')).toBe('Presented to the chief officer team');
    expect(inputValue(answer.card, 'status')).toBe('completed');
    expect(versionOf(answer.card)).toBe(2); // drawn at the current version: sending again applies
    expect(await snapshot(board, IDS.SCL_II)).toEqual(before);

    const again = await execute(
      board,
      users.SCL,
      'action.reply',
      { actionId: IDS.SCL_II, version: 2 },
      { status: 'completed', note: 'Presented to the chief officer team' },
    );
    expect(textOf(again.card)).toContain('Saved: Completed');
    expect((await bot.stores.actions.get(t.scope, IDS.SCL_II))?.action).toMatchObject({
      status: 'completed',
      version: 3,
    });
  });

  it('refuses a note over 4,000 characters, giving the limit', async () => {
    const { users } = board;
    const before = await snapshot(board, IDS.JD);
    const answer = await execute(
      board,
      users.JD,
      'action.reply',
      { actionId: IDS.JD, version: before.action?.version },
      { status: 'completed', note: 'x'.repeat(4_001) },
    );
    expect(textOf(answer.card)).toContain('Not saved: the note is 4,001 characters; the limit is 4,000.');
    expect(await snapshot(board, IDS.JD)).toEqual(before);
  });

  it('refuses a status an owner cannot give (a forged invoke asking for discharged)', async () => {
    const { users } = board;
    const before = await snapshot(board, IDS.JD);
    const answer = await execute(
      board,
      users.JD,
      'action.reply',
      { actionId: IDS.JD, version: before.action?.version },
      { status: 'discharged', note: 'Closing it myself' },
    );
    expect(textOf(answer.card)).toContain('Not saved: "discharged" is not a status an owner can give.');
    expect(await snapshot(board, IDS.JD)).toEqual(before);
  });

  it('stores a retried invoke (the same activity id, posted twice) once', async () => {
    const { bot, t, users } = board;
    const before = await snapshot(board, IDS.CO_AW);
    const activity = adaptiveCardInvoke(
      users.CO,
      {
        verb: 'action.reply',
        data: { actionId: IDS.CO_AW, board: 'PAM', version: before.action?.version },
        inputs: { status: 'in_progress', note: 'Visit booked for 3 April' },
      },
      board.dm,
    );
    const first = await postInvoke(board, activity);
    const retry = await postInvoke(board, activity);
    expect(textOf(first.card)).toContain('Saved: In progress');
    expect(textOf(retry.card)).toContain('Saved: In progress');
    const history = await bot.stores.actions.history(t.scope, IDS.CO_AW);
    expect(history.filter((h) => h.note === 'Visit booked for 3 April').length).toBe(1);
    expect(history.length).toBe(before.history + 1);
    expect((await bot.stores.actions.get(t.scope, IDS.CO_AW))?.action.version).toBe((before.action?.version ?? 0) + 1);
  });

  it('keeps two people’s replies apart when their Teams message ids coincide (ids are only unique within a chat)', async () => {
    const { bot, t, users } = board;
    // Teams message ids are epoch milliseconds, unique within a conversation only: two owners'
    // Action.Submit messages in their own chats can carry the same id.
    const id = String(Date.now() + 10_000_000);
    const jd = cardSubmit(
      users.AW,
      { verb: 'action.reply', actionId: IDS.CO_AW, board: 'PAM', version: 2, note: 'Control room has agreed a date' },
      board.dm,
    );
    const kp = await bot.stores.actions.listOpenFor(t.scope, 'kim-patel');
    expect(kp.length).toBe(1);
    const kimId = kp[0]?.id as string;
    const kim = cardSubmit(
      users.KP,
      {
        verb: 'action.reply',
        actionId: kimId,
        board: 'PAM',
        version: 1,
        status: 'completed',
        note: '14 staff in the Harm Hub',
      },
      board.dm,
    );
    jd.id = id;
    kim.id = id;
    expect((await postActivity(bot.url, jd)).status).toBe(200);
    expect((await postActivity(bot.url, kim)).status).toBe(200);
    expect((await bot.stores.actions.get(t.scope, IDS.CO_AW))?.action.latestNote).toBe(
      'Control room has agreed a date',
    );
    expect((await bot.stores.actions.get(t.scope, kimId))?.action).toMatchObject({
      status: 'completed',
      latestNote: '14 staff in the Harm Hub',
    });
  });
});

describe('the chair’s outstanding view and the meeting’s decisions', () => {
  let board: Board;
  let kimAction: string;

  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2023-03-20T10:00:00Z') });
    const { bot, t, users } = board;
    // The meeting of 14/03/2023 is all the calendar knows yet: the next one is not set.
    await saveMeeting(t, { date: '2023-03-14' });
    await say(board, users.PN, `import\n${TABLE}`);
    await bot.teams.sender.drain();
    kimAction = (await bot.stores.actions.listOpenFor(t.scope, 'kim-patel'))[0]?.id as string;
    expect(kimAction).toMatch(/^2023-03-14\.x/);
    // Jane says hers is done; Sam gives a progress note on one of his.
    expect(
      textOf(
        (await execute(board, users.JD, 'action.reply', { actionId: IDS.JD, version: 1 }, { status: 'completed' }))
          .card,
      ),
    ).toContain('Saved: Completed');
    expect(
      textOf(
        (
          await execute(
            board,
            users.SCL,
            'action.reply',
            { actionId: IDS.SCL_I, version: 1 },
            { note: 'Table drafted' },
          )
        ).card,
      ),
    ).toContain('Saved');
  });
  afterAll(async () => closeBoard(board));

  it('gives the chair every open action grouped by owner, flagged overdue, no reply or ready to discharge', async () => {
    const { users, clock } = board;
    clock?.set('2023-03-30T09:00:00Z'); // past the Force's 28/03/2023
    const [card, ...more] = await say(board, users.MH, 'outstanding');
    expect(more).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('Outstanding actions');
    const groups = outstandingGroups(card as Record<string, unknown>);
    expect(groups.map((g) => g.owner)).toEqual([
      'Alex Wong',
      'Chidi Okafor',
      'Jane Doe',
      'Kim Patel',
      'Sam Carter-Lee',
      'The Force',
    ]);
    const item = (owner: string, ref: string) =>
      groups.find((g) => g.owner === owner)?.items.find((i) => i.head.startsWith(`${ref} `));
    expect(item('The Force', '07 14/03/2023')).toMatchObject({
      head: '07 14/03/2023 · Open · due 28/03/2023',
      flags: ['Overdue', 'No reply since the meeting'],
    });
    expect(item('Jane Doe', '01.14/03/2023')?.flags).toEqual(['Completed — ready to discharge']);
    expect(item('Sam Carter-Lee', '04 14/03/2023.i')?.flags).toEqual([]);
    expect(item('Sam Carter-Lee', '04 14/03/2023.ii')?.flags).toEqual(['No reply since the meeting']);
    // A joint action is listed under each owner.
    expect(item('Chidi Okafor', '06 14/03/2023')?.flags).toEqual(['No reply since the meeting']);
    expect(item('Alex Wong', '06 14/03/2023')?.flags).toEqual(['No reply since the meeting']);
    // No later meeting has been held: nothing can be discharged yet.
    expect(groups.flatMap((g) => g.items).some((i) => i.verbs.includes('action.discharge'))).toBe(false);
    // The counts: 6 open, of them 5 outstanding and 1 completed (ready); 1 overdue, 4 without a reply.
    expect(text).toMatch(
      /^5\nOutstanding\n1\nCompleted, awaiting discharge\n1\nOverdue\n4\nNo reply since the meeting$/m,
    );
  });

  it('refuses a member the outstanding view', async () => {
    const [card] = await say(board, board.users.JD, 'outstanding');
    expect(textOf(card)).toContain('the outstanding view is for the chair, the secretariat and the scrutiny lead');
    expect(outstandingGroups(card as Record<string, unknown>)).toEqual([]);
  });

  it('refuses the chair’s discharge before any later meeting has reviewed the action, with the reason', async () => {
    const before = await snapshot(board, IDS.JD);
    const answer = await execute(board, board.users.MH, 'action.discharge', {
      actionId: IDS.JD,
      version: before.action?.version,
    });
    expect(textOf(answer.card)).toContain(
      '01.14/03/2023 not changed: an action is discharged at a meeting: no meeting has reviewed this action yet.',
    );
    expect(await snapshot(board, IDS.JD)).toEqual(before);
  });

  it('refuses a member’s discharge, without showing them the chair’s view', async () => {
    const { users } = board;
    const before = await snapshot(board, IDS.JD);
    const answer = await execute(board, users.JD, 'action.discharge', {
      actionId: IDS.JD,
      version: before.action?.version,
    });
    const text = textOf(answer.card);
    expect(text).toContain('01.14/03/2023 not changed: only the chair discharges an action.');
    // Jane asked about her own action: she is not shown everybody else's.
    expect(text).not.toContain('The Force');
    expect(text).not.toContain('Sam Carter-Lee');
    expect(await snapshot(board, IDS.JD)).toEqual(before);
  });

  it('lets the chair discharge a completed action once a later meeting has been held', async () => {
    const { bot, t, users, team, clock } = board;
    await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
    clock?.set('2023-04-12T09:00:00Z');
    const [view] = await say(board, users.MH, 'outstanding');
    const jane = outstandingGroups(view as Record<string, unknown>).find((g) => g.owner === 'Jane Doe')?.items[0];
    expect(jane).toMatchObject({
      actionId: IDS.JD,
      verbs: ['action.discharge', 'action.carryForward', 'action.history'],
    });

    const updates = bot.channel.updates(team.id).length;
    const before = await snapshot(board, IDS.JD);
    const answer = await execute(board, users.MH, 'action.discharge', {
      actionId: IDS.JD,
      version: before.action?.version,
    });
    expect(textOf(answer.card)).toContain('01.14/03/2023: Discharged. To undo it, type reopen 01.14/03/2023.');
    // It leaves the outstanding view.
    expect(outstandingGroups(answer.card).find((g) => g.owner === 'Jane Doe')).toBeUndefined();
    const after = await bot.stores.actions.get(t.scope, IDS.JD);
    expect(after?.action).toMatchObject({ status: 'discharged', version: (before.action?.version ?? 0) + 1 });
    const history = await bot.stores.actions.history(t.scope, IDS.JD);
    expect(history.at(-1)).toMatchObject({
      byName: 'Morgan Hale',
      channel: 'teams',
      changes: [{ field: 'status', from: 'completed', to: 'discharged' }],
    });
    expect(await bot.stores.actions.listOpenFor(t.scope, 'jane-doe')).toEqual([]);
    // And the channel's summary says so, redrawn in place.
    const summaryId = (await bot.stores.outbox.get('summary|local|PAM|2023-03-14'))?.activityId;
    const update = await bot.channel.waitFor(
      () =>
        bot.channel
          .updates(team.id)
          .slice(updates)
          .find((u) => /01\.14\/03\/2023\nJane Doe\nDischarged/.test(textOf(cardsOf(u.activity)[0]))),
      5_000,
    );
    expect(update.activityId).toBe(summaryId);
    expect(validCards([update]).length).toBe(1);
  });

  it('lets the secretariat carry an action forward to the next meeting', async () => {
    const { bot, t, users } = board;
    await saveMeeting(t, { date: '2023-04-11', next: '2023-05-09' });
    const before = await snapshot(board, kimAction);
    // Imported before the next meeting was in the calendar: due "by the next meeting".
    expect(before.action?.due).toBeUndefined();
    const answer = await execute(board, users.PN, 'action.carryForward', {
      actionId: kimAction,
      version: before.action?.version,
    });
    expect(textOf(answer.card)).toContain('N/A: Carried forward, due 09/05/2023.');
    const after = await bot.stores.actions.get(t.scope, kimAction);
    expect(after?.action).toMatchObject({
      status: 'carried_forward',
      due: '2023-05-09',
      version: (before.action?.version ?? 0) + 1,
    });
    expect((await bot.stores.actions.history(t.scope, kimAction)).at(-1)).toMatchObject({
      byName: 'Priya Nair',
      channel: 'teams',
    });
  });
});

describe('commands: import from an HTML table, help, mine, people, raise', () => {
  let board: Board;
  beforeAll(async () => {
    // Only Priya, Jane and the chair are in the team: the others cannot be reached yet.
    board = await installedBoard({ roster: ['PN', 'JD', 'MH'], clock: clockAt('2023-03-20T10:00:00Z') });
  });
  afterAll(async () => closeBoard(board));

  /** The Actions Arising table as Teams sends a table pasted from Word: an HTML copy of the message. */
  function pastedTable(): { text: string; html: string } {
    const rows = TABLE.trim()
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => l.split('\t'));
    const esc = (s: string) =>
      s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/ /g, (m, i: number) => (i % 3 === 0 ? '&nbsp;' : m));
    const html =
      '<p>import</p><p>Actions Arising</p><table style="border-collapse:collapse"><tbody>' +
      rows
        .map((cells) => `<tr>${cells.map((c) => `<td style="padding:2px"><p>${esc(c)}</p></td>`).join('')}</tr>`)
        .join('') +
      '</tbody></table><p>&nbsp;</p>';
    // The plain text copy of a pasted table loses its columns.
    const text = `import\nActions Arising\n${rows.map((cells) => cells.join(' ')).join('\n')}`;
    return { text, html };
  }

  it('imports a table pasted into Teams (text/html attachment) as the same actions as the plain-text table', async () => {
    const { bot, t, users } = board;
    const { text, html } = pastedTable();
    const message = personalMessage(users.PN, text, board.dm);
    message.attachments = [{ contentType: 'text/html', content: html }];
    const before = bot.channel.sent(dmOf(users.PN)).length;
    const res = await postActivity(bot.url, message);
    expect(res.status).toBe(200);
    const [report, ...more] = validCards(bot.channel.sent(dmOf(users.PN)).slice(before));
    expect(more).toEqual([]);
    const reportText = textOf(report);
    expect(reportText).toContain('6 imported, 0 updated, 0 unchanged, 0 not understood');
    expect(reportText).toContain('1 card on the way to owners.'); // Jane's; the summary is not an owner's card
    expect(reportText).toContain(
      'Waiting for Sam Carter-Lee (SCL, 2 cards), Kim Patel (KP, 1 card), Chidi Okafor (CO, 1 card) and Alex Wong (AW, 1 card): 5 cards, each sent as soon as its person is reachable in Teams',
    );
    expect(reportText).toContain('Not sent to The Force: a body, not a person');

    // The same table imported as text, through the same service, on a board of its own.
    const reference = bot.context({ board: 'TEXT' });
    await importPeople(reference, fixture('people-example.csv'));
    await importActions(reference, TABLE, { actor: { id: 'test', name: 'test', channel: 'cli' } });
    const shape = (a: Action) => ({
      id: a.id,
      ref: a.ref,
      meeting: a.meeting,
      owners: a.owners,
      text: a.text,
      due: a.due,
      status: a.status,
    });
    const fromHtml = (await bot.stores.actions.listAll(t.scope)).map(shape);
    expect(fromHtml.length).toBe(6);
    expect(fromHtml).toEqual((await bot.stores.actions.listAll(reference.scope)).map(shape));

    // Jane, the only reachable owner, gets her card.
    await bot.teams.sender.drain();
    expect(validCards(bot.channel.sent(dmOf(users.JD))).map(actionIdOf)).toEqual([IDS.JD]);
  });

  it('help lists a member’s commands, and the secretariat’s', async () => {
    const { users } = board;
    const [member] = await say(board, users.JD, 'help');
    const [secretariat] = await say(board, users.PN, 'help');
    const commands = (card: unknown) => [...textOf(card).matchAll(/^- \*\*([a-z]+)/gm)].map((m) => m[1]);
    const leads = ['outstanding', 'import', 'raise', 'people'];
    expect(commands(member)).toEqual(expect.arrayContaining(['mine', 'help']));
    for (const c of leads) expect(commands(member)).not.toContain(c);
    expect(commands(secretariat)).toEqual(expect.arrayContaining(['mine', 'help', ...leads]));
    expect(commands(secretariat).length).toBeGreaterThan(commands(member).length);
    expect(textOf(member)).toContain('Hello Jane Doe.');
  });

  it('mine gives an owner a card for each of their open actions', async () => {
    const { bot, users } = board;
    // Sam is in no team with the bot: Teams still tells the bot who he is in his own chat.
    bot.channel.setRoster(dmOf(users.SCL), [rosterEntry(users.SCL, TENANT)]);
    const cards = await say(board, users.SCL, 'mine');
    expect(cards.map(actionIdOf).sort()).toEqual([IDS.SCL_I, IDS.SCL_II]);
    for (const card of cards) {
      expect(executeActions(card).map((a) => a.verb)).toContain('action.reply');
      expect(textOf(card)).toContain('Sam Carter-Lee');
    }
    const [none] = await say(board, users.MH, 'mine');
    expect(textOf(none)).toContain('You have no open actions.');
  });

  it('people shows the secretariat who cannot be reached yet, and is refused to a member', async () => {
    const { users } = board;
    const [card] = await say(board, users.PN, 'people');
    const text = textOf(card);
    expect(text).toContain('Directory: 8 people');
    // Priya, Jane, Morgan (team) and Sam (wrote to the bot) are linked; four are not.
    expect(text).toContain('4 not yet reachable in Teams');
    const flagged = [...text.matchAll(/^(.+) \([A-Z]+\)\n.*\nNot reachable yet(?:: \d cards? waiting)?$/gm)]
      .map((m) => m[1])
      .sort();
    expect(flagged).toEqual(['Alex Wong', 'Chidi Okafor', 'Kim Patel', 'Tom Ellis']);
    const [refused] = await say(board, users.JD, 'people');
    expect(textOf(refused)).toContain('the directory is kept by the secretariat');
  });

  it('raise by the secretariat adds an action numbered after the latest meeting’s; a member’s raise is refused', async () => {
    const { bot, t, users } = board;
    const [card] = await say(board, users.PN, 'raise SR - Do something about the backlog');
    expect(textOf(card)).toContain('Raised 02.14/03/2023.');
    expect(textOf(card)).toContain('owner "SR" is not in the directory: nobody is notified');
    const raised = await bot.stores.actions.get(t.scope, '2023-03-14.n002');
    expect(raised?.action).toMatchObject({
      ref: { shape: 'numbered', number: 2, meeting: '2023-03-14' },
      owners: [{ label: 'SR' }],
      text: 'Do something about the backlog',
      status: 'open',
    });
    expect((await bot.stores.actions.history(t.scope, '2023-03-14.n002'))[0]).toMatchObject({
      kind: 'created',
      byName: 'Priya Nair',
      channel: 'teams',
    });

    const [again] = await say(board, users.PN, 'raise JD to report on the backlog');
    expect(textOf(again)).toContain('Raised 03.14/03/2023.');

    const count = (await bot.stores.actions.listAll(t.scope)).length;
    const [refused] = await say(board, users.JD, 'raise JD - Something I want');
    expect(textOf(refused)).toContain(
      'only the chair and the secretariat can change an action’s text, owners or due date',
    );
    expect((await bot.stores.actions.listAll(t.scope)).length).toBe(count);
  });
});

describe('an owner’s reply round trip over loopback', () => {
  let board: Board;
  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE });
    await say(board, board.users.PN, `import\n${TABLE}`);
    await board.bot.teams.sender.drain();
  });
  afterAll(async () => closeBoard(board));

  it('measures ~50 sequential replies (invoke in -> stored -> card out) next to a bare storage upsert', async () => {
    const { bot, t, users } = board;
    const replies = 50;
    const times: number[] = [];
    let version = 1;
    for (let i = 1; i <= replies; i++) {
      const answer = await execute(
        board,
        users.JD,
        'action.reply',
        { actionId: IDS.JD, version },
        { status: i % 2 ? 'in_progress' : 'blocked', note: `Progress report ${i}` },
      );
      times.push(answer.ms);
      expect(textOf(answer.card)).toContain('Saved:');
      version = versionOf(answer.card) as number;
      expect(version).toBe(i + 1);
    }
    const stored = await bot.stores.actions.get(t.scope, IDS.JD);
    expect(stored?.action).toMatchObject({ version: replies + 1, latestNote: `Progress report ${replies}` });
    expect((await bot.stores.actions.history(t.scope, IDS.JD)).length).toBe(replies + 1);

    const scratch = (await testTables()).client('actions');
    const upserts: number[] = [];
    for (let i = 0; i < replies; i++) {
      const started = performance.now();
      await scratch.upsertEntity(
        { partitionKey: 'scratch', rowKey: `r${i}`, note: `Progress report ${i}`, version: i },
        'Replace',
      );
      upserts.push(performance.now() - started);
    }
    const m = median(times);
    const p95 = percentile(times, 95);
    const u = median(upserts);
    console.log(
      `reply round trip: median ${m.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; bare upsert median ${u.toFixed(2)} ms (ratio ${(m / u).toFixed(1)})`,
    );
    expect(times.length).toBe(replies);
    expect(Number.isFinite(m / u)).toBe(true);
  });
});
