// A new board's first weeks, against the real server and the Teams stand-in. The actions are
// imported before anyone has the app, so every owner's card waits in the outbox; the secretariat
// is told for whom. Each owner is then reached in one of the ways Teams offers: the team's roster
// read when the app is added to the team, a personal install, a first message, a member added to
// the team; and the server is killed and started again in between, once with someone linked whose
// cards the dead process had not yet released. What must hold: every owner gets each of their
// cards once, as soon as they are reachable, whatever the restart.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkByEmail } from '../../bot/services/identity.ts';
import { importPeople } from '../../bot/services/people.ts';
import { createBoardContext, createStores, type BoardContext, type Stores } from '../../bot/services/board-context.ts';
import {
  actionIdOf,
  closeBoard,
  directoryUsers,
  dmOf,
  execute,
  fixture,
  IDS,
  installedBoard,
  say as sayTo,
  TENANT,
  textOf,
  validCards,
  type Board,
  type Initials,
} from '../helpers/bot-board.ts';
import { freePort, killAllChildren, pollHttp, startServer, type ServerChild } from '../helpers/processes.ts';
import { testTables, uniquePrefix } from '../helpers/tables.ts';
import {
  DEFAULT_BOT,
  conversationUpdateMembersAdded,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
  teamsTeam,
  type TeamsContext,
  type TeamsUser,
} from '../helpers/teams-activities.ts';
import { startTeamsChannel, type TeamsChannel } from '../helpers/teams-channel.ts';

/** The example table, and one action for the scrutiny lead: an owner for each way of being reached. */
const TABLE = `${fixture('actions-arising-example.txt').trimEnd()}\n08 14/03/2023\tTE to present the scrutiny findings at the next PAM\n`;
const TE_ACTION = '2023-03-14.i008';
/** Each owner's cards, by the action ids the table gives (Kim's is an N/A action: its id is a hash). */
const OWED: Record<'JD' | 'SCL' | 'KP' | 'CO' | 'AW' | 'TE', readonly string[]> = {
  JD: [IDS.JD],
  SCL: [IDS.SCL_I, IDS.SCL_II],
  KP: ['N/A'],
  CO: [IDS.CO_AW],
  AW: [IDS.CO_AW],
  TE: [TE_ACTION],
};
const OWNERS = Object.keys(OWED) as Array<keyof typeof OWED>;

describe('rolling out to a new board: every owner gets their cards, whenever they become reachable', () => {
  const users = directoryUsers();
  const team = teamsTeam('PAM board');
  let channel: TeamsChannel;
  let stores: Stores;
  let prefix: string;
  let t: BoardContext;
  let server: ServerChild;
  let url = '';
  let dm: TeamsContext;
  /** The ids of the messages the test sent: what answers them is not a card the outbox sent. */
  const said = new Set<string>();

  async function start(): Promise<void> {
    const port = await freePort();
    server = startServer({
      TABLES_CONNECTION_STRING: inject('tablesConnectionString'),
      TABLES_PREFIX: prefix,
      PORT: String(port),
      TRACKER_TENANT: 'local',
      TRACKER_BOARD: 'PAM',
      LOG_LEVEL: 'info',
      MicrosoftAppId: '',
    });
    await pollHttp(`http://127.0.0.1:${port}/healthz`, { server, until: 'ok', timeoutMs: 30_000 });
    url = `http://127.0.0.1:${port}/api/messages`;
  }

  async function post(activity: { id: string }): Promise<void> {
    said.add(activity.id);
    expect((await postActivity(url, activity)).status).toBe(200);
  }

  /** A message in the user's 1:1 chat; what the bot answered to it there. */
  async function say(user: TeamsUser, text: string): Promise<Record<string, unknown>[]> {
    const message = personalMessage(user, text, dm);
    await post(message);
    return validCards(channel.sent(dmOf(user)).filter((s) => s.replyToId === message.id));
  }

  /** The owner cards the outbox delivered to an owner, by action id (Kim's N/A one as 'N/A'), one entry per copy. */
  function received(i: Initials): string[] {
    const sent = channel.sent(dmOf(users[i])).filter((s) => !said.has(s.replyToId ?? ''));
    return validCards(sent)
      .map((card) => actionIdOf(card) ?? '')
      .map((id) => (id.startsWith('2023-03-14.x') ? 'N/A' : id))
      .filter(Boolean)
      .sort();
  }

  /** Waits until these owners have each of their cards (the server sends on its own). */
  async function arrived(owners: ReadonlyArray<keyof typeof OWED>): Promise<void> {
    const complete = (): boolean => owners.every((i) => received(i).length >= OWED[i].length);
    await channel.waitFor(complete, 20_000).catch(() => {
      throw new Error(
        `not arrived: ${owners.map((i) => `${i} ${received(i).join(',')}`).join('; ')}\n${server.stdout().slice(-3000)}`,
      );
    });
  }

  /** Waits until the outbox has nothing queued or in flight: every send Teams accepted is recorded. */
  async function settled(): Promise<void> {
    for (const until = Date.now() + 20_000; ; await new Promise((r) => setTimeout(r, 100))) {
      const busy = [...(await stores.outbox.list('queued')), ...(await stores.outbox.list('inflight'))];
      if (busy.length === 0) return;
      if (Date.now() > until) throw new Error(`outbox busy: ${busy.map((i) => i.id).join(', ')}`);
    }
  }

  /** Whom the outbox's waiting cards are for, a person id a card. */
  const waitingFor = async (): Promise<string[]> =>
    (await stores.outbox.waiting('local', 'PAM'))
      .map((i) => (i.target.kind === 'waiting' ? i.target.personId : `not waiting: ${i.id}`))
      .sort();

  /** Every owner so far has each card once: nothing more, nothing twice. */
  function expectOnce(owners: ReadonlyArray<keyof typeof OWED>): void {
    for (const i of owners) expect(received(i), i).toEqual([...OWED[i]].sort());
    expect(channel.stats().duplicates).toBe(0);
  }

  beforeAll(async () => {
    channel = await startTeamsChannel();
    dm = { serviceUrl: channel.serviceUrl, tenantId: TENANT };
    prefix = uniquePrefix();
    stores = createStores(await testTables(prefix));
    t = createBoardContext(stores, { tenant: 'local', board: 'PAM' });
    expect((await importPeople(t, fixture('people-example.csv'))).counts.added).toBe(8);
    // In a 1:1 chat Teams tells the bot who the member is (and their email), as in a team.
    for (const i of ['PN', 'KP', 'CO'] as const) channel.setRoster(dmOf(users[i]), [rosterEntry(users[i], TENANT)]);
    await start();
  });
  afterAll(async () => {
    await killAllChildren();
    if (channel) validCards(channel.sent());
    await channel?.close();
  });

  it('the import, before anyone has the app: every card waits, and the secretariat sees for whom', async () => {
    const [report, ...more] = await say(users.PN, `import\n${TABLE}`);
    expect(more).toEqual([]);
    const text = textOf(report);
    expect(text).toContain('7 imported, 0 updated, 0 unchanged, 0 not understood');
    expect(text).toContain(
      'Waiting for Jane Doe (JD, 1 card), Sam Carter-Lee (SCL, 2 cards), Kim Patel (KP, 1 card), Chidi Okafor (CO, 1 card), Alex Wong (AW, 1 card) and Tom Ellis (TE, 1 card): 7 cards, each sent as soon as its person is reachable in Teams (add them to the board’s team, or ask them to install the app).',
    );
    expect(text).toContain('Not sent to The Force: a body, not a person');
    expect(text).not.toMatch(/\b0 cards\b/);
    expect(await waitingFor()).toEqual([
      'alex-wong',
      'chidi-okafor',
      'jane-doe',
      'kim-patel',
      'sam-carter-lee',
      'sam-carter-lee',
      'tom-ellis',
    ]);
    expect(await stores.outbox.list('queued')).toEqual([]);

    const [people] = await say(users.PN, 'people');
    const directory = textOf(people);
    // Everyone but Priya, who wrote to the bot; the cards waiting, by person, in the directory's order.
    expect(directory).toContain('7 not yet reachable in Teams');
    expect(directory).toContain('Waiting for Alex Wong (AW, 1 card), Chidi Okafor (CO, 1 card), Jane Doe (JD, 1 card)');
    expect(directory).toMatch(/^Morgan Hale \(MH\)\n.*\nNot reachable yet$/m);
    expect(directory).toMatch(/^Sam Carter-Lee \(SCL\)\n.*\nNot reachable yet: 2 cards waiting$/m);
    const [outstanding] = await say(users.PN, 'outstanding');
    expect(textOf(outstanding)).toContain('Waiting for Alex Wong (AW, 1 card)');
    expect(textOf(outstanding)).toContain('7 cards, each sent as soon as its person is reachable in Teams');
    for (const i of OWNERS) expect(received(i), i).toEqual([]);
  });

  it('the app added to the team: its roster is read, and the members there get their cards, once', async () => {
    const teamCtx: TeamsContext = { ...dm, team };
    channel.setRoster(
      team.id,
      ['PN', 'MH', 'JD', 'SCL'].map((i) => rosterEntry(users[i as Initials], TENANT)),
    );
    await post(installationUpdate(users.PN, 'team', 'add', teamCtx));
    await arrived(['JD', 'SCL']);
    await settled();
    expectOnce(['JD', 'SCL']);
    expect(await waitingFor()).toEqual(['alex-wong', 'chidi-okafor', 'kim-patel', 'tom-ellis']);
    // Jane's card refreshes for those it is for by the Teams user ids Teams showed: hers, the
    // secretariat's (from her message), the chair's (from the roster); never an Entra object id.
    const [card] = validCards(channel.sent(dmOf(users.JD)));
    const refresh = (card as { refresh?: { userIds?: string[] } }).refresh;
    expect(refresh?.userIds).toEqual([users.JD.id, users.MH.id, users.PN.id]);
  });

  it('killed and started again: nothing sent twice, nothing waiting lost, and whoever was linked just before gets theirs at the start', async () => {
    server.child.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');
    // Tom's roster entry was read and linked him, and the process died before it released his card.
    const tom = users.TE;
    expect(
      await linkByEmail(t, tom.email as string, { aadObjectId: tom.aadObjectId, name: tom.name, teamsUserId: tom.id }),
    ).not.toBeNull();
    await stores.conversations.save('local', {
      kind: 'personal',
      id: tom.aadObjectId,
      reference: JSON.stringify({
        serviceUrl: channel.serviceUrl,
        channelId: 'msteams',
        bot: DEFAULT_BOT,
        user: { id: tom.id, name: tom.name, aadObjectId: tom.aadObjectId },
        tenantId: TENANT,
      }),
      updatedAt: new Date().toISOString(),
    });
    await start();
    await arrived(['TE']);
    await settled();
    expectOnce(['JD', 'SCL', 'TE']);
    expect(await waitingFor()).toEqual(['alex-wong', 'chidi-okafor', 'kim-patel']);
  });

  it('a personal install: Kim gets hers', async () => {
    await post(installationUpdate(users.KP, 'personal', 'add', dm));
    await arrived(['KP']);
    await settled();
    expectOnce(['JD', 'SCL', 'TE', 'KP']);
  });

  it('a first message: Chidi gets his, besides the answer', async () => {
    const [answer] = await say(users.CO, 'hi');
    expect(textOf(answer)).toContain('Hello Chidi Okafor.');
    await arrived(['CO']);
    await settled();
    expectOnce(['JD', 'SCL', 'TE', 'KP', 'CO']);
  });

  it('a member added to the team: Alex gets his; every owner has had each card once, and nothing waits', async () => {
    channel.setRoster(
      team.id,
      ['PN', 'MH', 'JD', 'SCL', 'AW'].map((i) => rosterEntry(users[i as Initials], TENANT)),
    );
    await post(conversationUpdateMembersAdded(team, [users.AW], { ...dm, from: users.PN }));
    await arrived(['AW']);
    await settled();
    expectOnce(OWNERS);
    expect(await waitingFor()).toEqual([]);
    const [people] = await say(users.PN, 'people');
    expect(textOf(people)).toContain('Everyone is reachable in Teams.');
    expect(textOf(people)).not.toContain('Waiting for');
    // Each card went out once, on the first try, whichever process sent it.
    const sent = (await stores.outbox.list('sent')).filter((i) => i.id.startsWith('card|'));
    expect(sent.length).toBe(7);
    expect(sent.every((i) => i.attempts === 1)).toBe(true);
  });
});

describe('resend, and delegating to someone not reachable yet', () => {
  let board: Board;
  /** The owner cards the outbox delivered to someone, by action id, one entry per copy (answers to a
   *  message reply to its id, epoch milliseconds; the outbox's sends do not). */
  const cardsFor = (i: Initials): string[] =>
    validCards(board.bot.channel.sent(dmOf(board.users[i])).filter((s) => !s.replyToId?.match(/^\d+$/)))
      .map((card) => actionIdOf(card) ?? '')
      .filter(Boolean)
      .sort();

  beforeAll(async () => {
    // Jane and Kim are in the board's team; Sam, Chidi, Alex and Tom are not reachable yet.
    board = await installedBoard({ roster: ['PN', 'MH', 'JD', 'KP'] });
    const [report] = await sayTo(board, board.users.PN, `import\n${fixture('actions-arising-example.txt')}`);
    expect(textOf(report)).toContain('2 cards on the way to owners.');
    expect(textOf(report)).toContain(
      'Waiting for Sam Carter-Lee (SCL, 2 cards), Chidi Okafor (CO, 1 card) and Alex Wong (AW, 1 card): 4 cards',
    );
    await board.bot.teams.sender.drain();
    expect(cardsFor('JD')).toEqual([IDS.JD]);
  });
  afterAll(async () => closeBoard(board));

  it('resend JD sends Jane her open card again; resend and the meeting sends its cards and says whom the rest wait for', async () => {
    const { users, bot } = board;
    const [mine] = await sayTo(board, users.PN, 'resend JD');
    expect(textOf(mine)).toContain('1 card on the way to Jane Doe (JD).');
    await bot.teams.sender.drain();
    expect(cardsFor('JD')).toEqual([IDS.JD, IDS.JD]);

    const [meeting] = await sayTo(board, users.PN, 'resend 14/03/2023');
    const text = textOf(meeting);
    expect(text).toContain('2 cards on the way to the owners and respondents of the meeting of 14/03/2023.');
    expect(text).toContain(
      'Waiting for Sam Carter-Lee (SCL, 2 cards), Chidi Okafor (CO, 1 card) and Alex Wong (AW, 1 card): 4 cards',
    );
    expect(text).toContain('Not sent to The Force: a body, not a person');
    await bot.teams.sender.drain();
    expect(cardsFor('JD')).toEqual([IDS.JD, IDS.JD, IDS.JD]);
    expect(cardsFor('KP').length).toBe(2);
    // The waiting cards are still one each: a resend does not queue a second.
    expect((await bot.stores.outbox.waiting('local', 'PAM')).length).toBe(4);
    expect(bot.channel.stats().duplicates).toBeGreaterThan(0); // the resends, on purpose
  });

  it('resend is the chair’s and the secretariat’s: a member is refused, and nothing is queued', async () => {
    const { users, bot } = board;
    const [refused] = await sayTo(board, users.JD, 'resend JD');
    expect(textOf(refused)).toContain('cards are sent again by the chair or the secretariat');
    expect(await bot.stores.outbox.list('queued')).toEqual([]);
    const [nobody] = await sayTo(board, users.PN, 'resend ZZ');
    expect(textOf(nobody)).toContain('nobody in the directory is "ZZ"');
  });

  it('handed to Tom, who is not reachable: he will get it as soon as he is, and gets it, once, at his first message', async () => {
    const { users, bot } = board;
    const tom = (await bot.stores.people.list(board.t.scope)).find((p) => p.person.initials === 'TE')?.person;
    const handed = await execute(
      board,
      users.JD,
      'action.delegate',
      { actionId: IDS.JD, version: 1 },
      { delegateTo: tom?.id },
    );
    expect(textOf(handed.card)).toContain(
      'Handed to TE: they will get it as soon as they are reachable in Teams; you stay accountable.',
    );
    await bot.teams.sender.drain();
    expect(cardsFor('TE')).toEqual([]);
    expect((await bot.stores.outbox.waiting('local', 'PAM', tom?.id)).map((i) => i.id)).toEqual([
      `delegate|local|PAM|${IDS.JD}|${tom?.id}`,
    ]);
    const [people] = await sayTo(board, users.PN, 'people');
    expect(textOf(people)).toMatch(/^Tom Ellis \(TE\)\n.*\nNot reachable yet: 1 card waiting$/m);

    // Tom writes to the bot (Teams tells it who he is in his 1:1 chat): the card goes, once.
    bot.channel.setRoster(dmOf(users.TE), [rosterEntry(users.TE, TENANT)]);
    await sayTo(board, users.TE, 'help');
    await bot.teams.sender.drain();
    await sayTo(board, users.TE, 'mine');
    await bot.teams.sender.drain();
    expect(cardsFor('TE')).toEqual([IDS.JD]);
    expect(await bot.stores.outbox.waiting('local', 'PAM', tom?.id)).toEqual([]);
  });
});
