// A channel and a group chat are readers too. With an exempt action (a note on it) and an exempt
// question on the board, every role types every command in the board's channel and in a group
// chat: nothing posted or redrawn there carries exempt text, an owner's note or a full-form link,
// while the sender gets the full answer in their 1:1 chat. Then the board's channel: installs and
// members added elsewhere (another team, a group chat, another tenant) never take it, only the
// chair or the secretariat choose it, and the summaries and the scheduled digest go there alone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';
import { createLogger } from '../../bot/log.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { Scheduler } from '../../bot/services/scheduler.ts';
import {
  cardsOf,
  clockAt,
  closeBoard,
  dmOf,
  stranger,
  execute,
  fixture,
  IDS,
  installedBoard,
  say,
  TENANT,
  textOf,
  type Board,
} from '../helpers/bot-board.ts';
import {
  cardSubmit,
  channelMessage,
  conversationUpdateMembersAdded,
  groupChatId,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
  teamsTeam,
  type TeamsContext,
  type TeamsUser,
} from '../helpers/teams-activities.ts';
import type { SentActivity, UpdatedActivity } from '../helpers/teams-channel.ts';
import {
  ACTION_TEXT,
  boardWithSecrets,
  EVERYONE,
  SECRET_NOTE,
  SECRET_QUESTION,
  SECRET_RESPONSE,
} from '../helpers/secret-board.ts';

const OPEN_NOTE = 'Draft circulated to the analysts'; // a note on a non-exempt action: an owner's words, for the leads
const SECRETS = [SECRET_NOTE, SECRET_QUESTION, SECRET_RESPONSE, ACTION_TEXT, OPEN_NOTE];

/** Everything a person can type, the leaky ones of the past first. */
const COMMANDS = [
  'outstanding',
  'digest',
  'digest 11/04/2023',
  'mine',
  'questions',
  'questions 11/04/2023',
  'question Q1',
  'review',
  'people',
  'help',
  'meetings',
  'history',
  'raise JD - Check the rota',
  'next meeting 11/04/2023 10:00',
  'exempt 02.14/03/2023 under FOIA s.31',
];

const texts = (list: ReadonlyArray<SentActivity | UpdatedActivity>): string =>
  list
    .map((s) =>
      [
        typeof s.activity.text === 'string' ? s.activity.text : '',
        ...cardsOf(s.activity).map((c) => JSON.stringify(c)),
      ].join('\n'),
    )
    .join('\n');

describe('a channel and a group chat are readers too', () => {
  let board: Board;
  let group: TeamsContext;
  beforeAll(async () => {
    board = await boardWithSecrets();
    await execute(
      board,
      board.users.SCL,
      'action.reply',
      { actionId: IDS.SCL_I, version: 1 },
      { status: 'in_progress', note: OPEN_NOTE },
    );
    await say(board, board.users.MH, 'exempt 01.14/03/2023 under FOIA s.31 (law enforcement)');
    await say(board, board.users.MH, 'exempt Q1 under FOIA s.31 (law enforcement)');
    // A group chat of the whole directory, with the app added.
    group = { ...board.dm, groupChatId: groupChatId() };
    board.bot.channel.setRoster(
      group.groupChatId as string,
      EVERYONE.map((i) => rosterEntry(board.users[i], TENANT)),
    );
    expect(
      (await postActivity(board.bot.url, installationUpdate(board.users.TE, 'groupChat', 'add', group))).status,
    ).toBe(200);
    await board.bot.teams.sender.drain();
  }, 60_000);
  afterAll(async () => closeBoard(board));

  for (const where of ['channel', 'group chat'] as const) {
    it(`every command typed in the ${where} by every role: nothing personal is posted there, and the sender gets it 1:1`, async () => {
      const { bot, users, team } = board;
      const ctx = where === 'channel' ? board.teamCtx : group;
      const conversation = where === 'channel' ? team.id : (group.groupChatId as string);
      const inThere = (): Array<SentActivity | UpdatedActivity> => [
        ...bot.channel.sent().filter((s) => s.conversationId.startsWith(conversation)),
        ...bot.channel.updates().filter((u) => u.conversationId.startsWith(conversation)),
      ];
      const before = inThere().length;
      for (const who of EVERYONE) {
        const dmBefore = bot.channel.sent(dmOf(users[who])).length;
        for (const command of COMMANDS) {
          const res = await postActivity(bot.url, channelMessage(users[who], command, ctx));
          expect(res.status, `${who}: ${command}`).toBe(200);
        }
        const toThem = texts(bot.channel.sent(dmOf(users[who])).slice(dmBefore));
        // The full answers went to their own chat: the exempt items' text is in the leads' views and the owner's.
        if (who === 'MH' || who === 'PN' || who === 'TE') expect(toThem, who).toContain(SECRET_QUESTION);
        if (who === 'MH' || who === 'PN' || who === 'JD') expect(toThem, who).toContain(ACTION_TEXT);
        // Every command but help, meetings and the one not understood was answered there.
        expect(bot.channel.sent(dmOf(users[who])).length - dmBefore, who).toBeGreaterThanOrEqual(COMMANDS.length - 3);
      }
      await bot.teams.sender.drain();
      const posted = inThere().slice(before);
      const all = texts(posted);
      expect(posted.length).toBeGreaterThan(EVERYONE.length * 3);
      expect(SECRETS.filter((s) => all.includes(s))).toEqual([]);
      expect(all).not.toMatch(/\/files\/digest/); // no Word link of any form, least of all the full one
      expect(all).toContain('I have sent my answer to you in our 1:1 chat');
      // Help here lists only what is answered here, and says where the rest goes.
      expect(all).toContain('Here I answer only what everyone in this conversation may read');
      expect(all).not.toContain('**outstanding**');
    }, 240_000);
  }

  it('an Action.Submit pressed in the channel never redraws the channel card for everyone: the answer goes 1:1', async () => {
    const { bot, users, team } = board;
    const updatesBefore = bot.channel.updates().filter((u) => u.conversationId.startsWith(team.id)).length;
    const dmBefore = bot.channel.sent(dmOf(users.PN)).length;
    const res = await postActivity(
      bot.url,
      cardSubmit(
        users.PN,
        { verb: 'action.view', actionId: IDS.JD, version: 1 },
        { ...board.teamCtx, replyToId: board.setup[0]?.id ?? '1' },
      ),
    );
    expect(res.status).toBe(200);
    expect(bot.channel.updates().filter((u) => u.conversationId.startsWith(team.id)).length).toBe(updatesBefore);
    expect(texts(bot.channel.sent(dmOf(users.PN)).slice(dmBefore))).toContain(SECRET_NOTE);
  });

  it('when the 1:1 chat cannot be opened, the channel is told so, and still sees nothing personal', async () => {
    const { bot, team } = board;
    const newcomer = stranger(9); // never seen: no 1:1 chat known, so it must be opened
    bot.channel.failNext(1, { status: 403, route: 'create' });
    const before = bot.channel.sent().filter((s) => s.conversationId.startsWith(team.id)).length;
    expect((await postActivity(bot.url, channelMessage(newcomer, 'mine', board.teamCtx))).status).toBe(200);
    const said = texts(
      bot.channel
        .sent()
        .filter((s) => s.conversationId.startsWith(team.id))
        .slice(before),
    );
    expect(said).toContain('I could not open a 1:1 chat with you');
    expect(said).not.toContain('not in the directory yet'); // the answer meant for them was not posted instead
    expect(bot.logs.some((l) => l.includes('teams.private_answer_failed'))).toBe(true);
  });

  it('a summary card naming no real meeting is refused as such, not answered "not confirmed"', async () => {
    const from = board.bot.logs.length;
    for (const meeting of ['not-a-date', '2023-02-30', 42]) {
      const { card } = await execute(board, board.users.AW, 'summary.view', { meeting });
      expect(textOf(card)).toContain('This card does not say which meeting it is for.');
      expect(textOf(card)).not.toMatch(/Not confirmed|cannot tell/);
    }
    expect(board.bot.logs.slice(from).filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it('a 1:1 chat whose type is not named (as the Agents Playground sends it) is answered in place', async () => {
    const { bot, users } = board;
    const message = personalMessage(users.PN, 'outstanding', board.dm);
    const unnamed = {
      ...message,
      conversation: { id: message.conversation.id, tenantId: message.conversation.tenantId },
    };
    const before = bot.channel.sent(dmOf(users.PN)).length;
    expect((await postActivity(bot.url, unnamed)).status).toBe(200);
    const said = texts(bot.channel.sent(dmOf(users.PN)).slice(before));
    expect(said).toContain('Outstanding actions');
    expect(said).not.toContain('I have sent my answer to you in our 1:1 chat');
  });

  it("help shows a caller's name as typed, never as a link", async () => {
    const { bot } = board;
    // Someone the directory does not know is greeted by the name Teams gives.
    const trickster: TeamsUser = { ...stranger(7), name: '[sign in](https://evil.example/login)' };
    const [card] = await say(board, trickster, 'help');
    const json = JSON.stringify(card);
    expect(json).toContain('\\\\[sign in\\\\](https://evil.example/login)');
    expect(textOf(card)).not.toMatch(/(^|[^\\])\[sign in\]\(/);
    expect(bot.logs.join('\n')).not.toContain('"level":"error"');
  });
});

describe("the board's channel is chosen, not taken", () => {
  let board: Board;
  const clock = clockAt('2023-03-20T10:00:00Z');
  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock });
    await saveMeeting(board.t, { date: '2023-03-14', next: '2023-04-11' });
  });
  afterAll(async () => closeBoard(board));

  it('installs and members added elsewhere never move it; the summaries and the scheduled digest go to it alone', async () => {
    const { bot, users, team, t } = board;
    // Another team of the tenant, a group chat, and a team of another tenant.
    const other = teamsTeam('Neighbourhood policing');
    const otherCtx: TeamsContext = { ...board.dm, team: other };
    bot.channel.setRoster(other.id, [rosterEntry(users.KP, TENANT), rosterEntry(users.MH, TENANT)]);
    const chat: TeamsContext = { ...board.dm, groupChatId: groupChatId() };
    bot.channel.setRoster(chat.groupChatId as string, [rosterEntry(users.KP, TENANT)]);
    const foreignTenant = randomUUID();
    const foreign = teamsTeam('Another force');
    const foreignCtx: TeamsContext = { ...board.dm, tenantId: foreignTenant, team: foreign };
    bot.channel.setRoster(foreign.id, [rosterEntry(users.JD, foreignTenant)]);
    for (const activity of [
      installationUpdate(users.MH, 'team', 'add', otherCtx), // even the chair's install elsewhere does not move it
      conversationUpdateMembersAdded(other, [users.KP], { ...otherCtx, from: users.MH }),
      installationUpdate(users.KP, 'groupChat', 'add', chat),
      installationUpdate(users.JD, 'team', 'add', foreignCtx),
      conversationUpdateMembersAdded(foreign, [users.JD], foreignCtx),
    ])
      expect((await postActivity(bot.url, activity)).status).toBe(200);
    expect(await bot.stores.conversations.binding(t.scope.tenant, 'PAM')).toMatchObject({
      conversationId: team.id,
      boundBy: { name: 'Priya Nair' },
    });

    // Nobody but the chair and the secretariat may choose it: refused, and it stays.
    for (const who of ['KP', 'TE'] as const) {
      await postActivity(bot.url, channelMessage(users[who], 'use this channel for PAM', otherCtx));
      const said = texts(bot.channel.sent().filter((s) => s.conversationId.startsWith(other.id)));
      expect(said).toContain("only the chair or the secretariat chooses the board's channel");
    }
    expect((await bot.stores.conversations.binding(t.scope.tenant, 'PAM'))?.conversationId).toBe(team.id);

    // An import and the scheduled digest: to the board's channel, and to nowhere else that is shared.
    const [report] = await say(board, users.PN, `import\n${fixture('actions-arising-example.txt')}`);
    expect(textOf(report)).toContain('6 imported');
    clock.set('2023-03-31T09:05:00Z'); // 5 working days before 11/04/2023 (Good Friday and Easter Monday skipped)
    const config = loadConfig({ TRACKER_TENANT: 'local' });
    const scheduler = new Scheduler({
      stores: bot.stores,
      scopes: async () => [t.scope],
      schedule: config.schedule,
      now: clock.now,
      log: createLogger('error', () => undefined),
      instanceId: 'test',
      onQueued: () => undefined,
    });
    const ticked = await scheduler.tick();
    expect(ticked.errors).toEqual([]);
    await bot.teams.sender.drain();
    const inChannel = texts(board.channelPosts());
    expect(inChannel).toContain('Actions from the meeting of 14/03/2023');
    expect(inChannel).toMatch(/form=open/);
    for (const elsewhere of [other.id, chat.groupChatId as string, foreign.id]) {
      const there = bot.channel.sent().filter((s) => s.conversationId.startsWith(elsewhere));
      // At most a welcome on install: none, since the board has its channel, and never a card of the board.
      expect(texts(there), elsewhere).not.toMatch(/14\/03\/2023|11\/04\/2023|Digest|digest for/);
    }
  }, 60_000);

  it('the chair may move it, saying from where; what was queued for the old channel is not sent there', async () => {
    const { bot, users, t } = board;
    const next = teamsTeam('PAM 2024');
    const nextCtx: TeamsContext = { ...board.dm, team: next };
    expect((await postActivity(bot.url, installationUpdate(users.MH, 'team', 'add', nextCtx))).status).toBe(200);
    expect((await postActivity(bot.url, channelMessage(users.MH, 'use this channel for PAM', nextCtx))).status).toBe(
      200,
    );
    const said = texts(bot.channel.sent().filter((s) => s.conversationId.startsWith(next.id)));
    expect(said).toContain("This is now the PAM board's channel, chosen by Morgan Hale");
    expect(said).toContain('It takes over from the conversation chosen by Priya Nair');
    expect(await bot.stores.conversations.binding(t.scope.tenant, 'PAM')).toMatchObject({
      conversationId: next.id,
      boundBy: { name: 'Morgan Hale' },
    });
    // A card queued for the old channel before the move is dropped, not posted there.
    const oldPosts = board.channelPosts().length;
    await bot.stores.outbox.enqueue(
      {
        id: `summary|${t.scope.tenant}|PAM|2023-03-14|late`,
        target: { kind: 'conversation', tenant: t.scope.tenant, conversationId: board.team.id },
        payload: JSON.stringify({ type: 'summary', board: 'PAM', meeting: '2023-03-14' }),
      },
      t.now(),
    );
    await bot.teams.sender.drain();
    expect(board.channelPosts().length).toBe(oldPosts);
    expect((await bot.stores.outbox.get(`summary|${t.scope.tenant}|PAM|2023-03-14|late`))?.state).toBe('failed');
  });
});
