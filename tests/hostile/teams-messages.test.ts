// Hostile Teams messages: unknown and malformed commands, malformed references and dates,
// injection strings, control characters, oversized text, commands from people who may not use
// them. Each is answered in plain words and changes nothing on the board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLondon } from '../../bot/rules/dates.ts';
import { cardsOf, closeBoard, dmOf, execute, IDS, say, TENANT, textOf, type Initials } from '../helpers/bot-board.ts';
import {
  conversationUpdateMembersAdded,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
  teamsTeam,
  teamsUser,
  type TeamsUser,
} from '../helpers/teams-activities.ts';
import {
  chars,
  errorLogs,
  itLeftTheBoardUnchanged,
  expectNoLeak,
  nestedJson,
  postJsonText,
  withRawJson,
} from './hostile.ts';
import {
  EVERYONE,
  expectRefusedCleanly,
  hostileTeamsBoard,
  postMessage,
  type HostileTeamsBoard,
} from './teams-board.ts';

interface MessageCase {
  name: string;
  /** Who sends it: directory initials, or 'visitor' (in the team, not in the directory). */
  from: Initials | 'visitor';
  input: string;
  expect: RegExp;
}

const NOT_KNOWN = /I don't know ".*"\. Type help/s;

/** Rows of [name, input, expected phrase] sent by `from`. */
const byRow = (from: MessageCase['from'], rows: Array<[string, string, RegExp]>): MessageCase[] =>
  rows.map(([name, input, expect]) => ({ name, from, input, expect }));

const unknownCommandRows: Array<[string, string]> = [
  ['a made-up word', 'frobnicate'],
  ['an OData filter', "' or 1 eq 1"],
  ['an OData filter after a quote', "x' or PartitionKey ne ''"],
  ['SQL', 'DROP TABLE actions;--'],
  ['a formula', '=HYPERLINK("http://evil.example/","click")'],
  ['a plus formula', '+cmd|" /C calc"!A0'],
  ['an at formula', '@SUM(1+1)*cmd|" /C calc"!A0'],
  ['a script tag', '<script>alert(1)</script>'],
  ['an image with onerror', '<img src=x onerror=alert(1)>'],
  ['a markdown link', '[click](javascript:alert(1))'],
  ['bold markdown', '**urgent** do this'],
  ['a path', '../../etc/passwd'],
  ['a Windows path', '..\\..\\windows\\win.ini'],
  ['a key separator', 'a|b|c'],
  ['a URL query', '?x=1#frag'],
  ['a NUL byte', 'mine\u0000'],
  ['a bell and escape', '\u0007\u001b[31mred'],
  ['a right-to-left override', '\u202eenim'],
  ['an unpaired surrogate', 'hi\ud800there'],
  ['emoji', '🚓🚓🚓'],
  ['JSON', '{"verb":"action.reply","actionId":"2023-03-14.n001"}'],
  ['a template expression', '${process.env.MicrosoftAppPassword}'],
  ['an adaptive card template', '${$root.secret}'],
  ['a 10,000-character word', chars(10_000, 'A')],
  ['a near-command', 'outstandingx'],
  ['next without meeting', 'next week please'],
  ['deep without dive', 'deep thoughts'],
];
const unknownCommands = byRow(
  'JD',
  unknownCommandRows.map(([name, input]) => [`unknown command: ${name}`, input, NOT_KNOWN]),
);

const badDates = byRow('PN', [
  ['next meeting on 31/02/2021', 'next meeting 31/02/2021', /say the date as dd\/MM\/yyyy/],
  ['next meeting on 29/02/2023 (no leap year)', 'next meeting 29/02/2023', /say the date as dd\/MM\/yyyy/],
  ['next meeting on day 0', 'next meeting 00/01/2023', /say the date as dd\/MM\/yyyy/],
  ['next meeting in month 13', 'next meeting 12/13/2023', /say the date as dd\/MM\/yyyy/],
  ['next meeting in ISO', 'next meeting 2023-04-11', /say the date as dd\/MM\/yyyy/],
  ['next meeting with an OData tail', "next meeting 11/04/2023' or 1 eq 1", /say the date as dd\/MM\/yyyy/],
  ['next meeting at 25:00', 'next meeting 27/04/2021 25:00', /"25:00" is not a time/],
  ['next meeting at 10:61', 'next meeting 27/04/2021 10:61', /"10:61" is not a time/],
  ['digest for 31/02/2021', 'digest 31/02/2021', /say the meeting as dd\/MM\/yyyy/],
  ['digest for a year 0999', 'digest 01/01/0999', /say the meeting as dd\/MM\/yyyy/],
  ['review for 99/99/9999', 'review 99/99/9999', /say the meeting as dd\/MM\/yyyy/],
  ['questions for 30/02/2024', 'questions 30/02/2024', /say the meeting as dd\/MM\/yyyy/],
  ['scrutiny for 31/04/2021', 'scrutiny for 31/04/2021\nQ1. Why? - SR', /say the meeting on the first line/],
  ['scrutiny with no date', 'scrutiny\nQ1. Why? - SR', /say the meeting on the first line/],
  ['question without a number', 'question why', /say which question/],
  ['question with an OData string', "question Q1' or 1 eq 1", /say which question/],
  ['exempt without "under"', 'exempt 01.14/03/2023', /say what and under which exemption/],
]);

const notFound = byRow('PN', [
  ['exempt a reference with 31/02', 'exempt 01.31/02/2021 under FOIA s.31', /not|no /i],
  ['exempt a reference that does not exist', 'exempt 09.14/03/2023 under FOIA s.31', /no action|not found|no such/i],
  ['exempt an OData string', "exempt ' or 1 eq 1 under FOIA", /no action|not understood|not a reference|reference/i],
  ['exempt a path', 'exempt ../../x under FOIA', /no action|not understood|not a reference|reference/i],
  ['exempt a question that does not exist', 'exempt Q99 under FOIA s.31', /no scrutiny question Q99/],
  ['show a question that does not exist', 'question Q42', /no scrutiny question Q42/],
  ['raise from a question that does not exist', 'raise from Q42 SR - Do it', /no scrutiny question Q42/],
  ['raise with no owner', 'raise - just do it', /no owner/],
  ['raise with nothing', 'raise', /no owner/],
  ['raise with an owner and no text', 'raise JD -', /no owner|no action text/],
  ['raise an oversized action', `raise JD - ${chars(5_000)}`, /limit is 4,000/],
  ['raise with an injection as owner', "raise ' or 1 eq 1 - do it", /no owner/],
  ['ask with no respondent', 'ask Q7 Why is the sky blue?', /no respondent/],
  ['ask with nothing', 'ask', /not a question|no respondent|number/],
  ['deep dive in a month that is not one', 'deep dive Smarch: Repeat Victims', /month/i],
  ['deep dive with nothing', 'deep dive', /say the month and the topic/],
  // Typed alone, it answers with the card to paste the schedule into.
  ['deep dives with nothing', 'deep dives', /Set the deep-dive schedule/],
]);

const notAllowedRows: Array<[string, Initials | 'visitor', string, RegExp]> = [
  ['a member imports', 'JD', `import\n01.14/03/2023  JD - Something else`, /actions are imported by the secretariat/],
  ['a member raises', 'JD', 'raise JD - Something I want', /only the chair and the secretariat/],
  ['a member lists the directory', 'JD', 'people', /the directory is kept by the secretariat/],
  ['a member asks for outstanding', 'JD', 'outstanding', /the outstanding view is for the chair/],
  ['a member asks for the review', 'JD', 'review', /recorded by the chair or the secretariat/],
  ['a member asks for the digest', 'JD', 'digest', /the digest is prepared for the chair/],
  ['a member marks an action exempt', 'JD', 'exempt 01.14/03/2023 under FOIA s.31', /chair|secretariat/],
  ['a member sets the next meeting', 'JD', 'next meeting 11/04/2023', /chair|secretariat/],
  ['a member sets a deep dive', 'JD', 'deep dive April: Repeat Victims', /chair|secretariat/],
  ['a member enters scrutiny questions', 'KP', 'scrutiny for 11/04/2023\nQ1. Why? - SR', /chair|secretariat|scrutiny/],
  ['a member asks a question', 'KP', 'ask Q1 SR - Why?', /chair|secretariat|scrutiny/],
  [
    'a visitor imports',
    'visitor',
    `import\n01.14/03/2023  JD - Something else`,
    /actions are imported by the secretariat/,
  ],
  ['a visitor raises', 'visitor', 'raise JD - Something', /only the chair and the secretariat/],
  ['a visitor asks for outstanding', 'visitor', 'outstanding', /the outstanding view is for the chair/],
  ['a visitor marks an action exempt', 'visitor', 'exempt 01.14/03/2023 under FOIA', /chair|secretariat/],
];
const notAllowed: MessageCase[] = notAllowedRows.map(([name, from, input, expect]) => ({ name, from, input, expect }));

// Text that would be stored (an exemption's name, a place, a topic, a theme) is held to the same
// rule as a note: a control character or half a surrogate pair is refused, saying which.
const unsafeStoredText = byRow('PN', [
  [
    'exempt under a name with a lone surrogate',
    'exempt 01.14/03/2023 under FOIA s.31 \ud800',
    /the exemption's name contains a broken character \(U\+D800\)/,
  ],
  [
    'exempt under a name with a control character',
    'exempt 01.14/03/2023 under FOIA\u0007 s.31',
    /the exemption's name contains a control character \(U\+0007\)/,
  ],
  [
    'exempt under a name of 201 characters',
    `exempt 01.14/03/2023 under ${chars(201)}`,
    /the exemption's name is 201 characters; the limit is 200/,
  ],
  [
    'next meeting at a place with an escape',
    'next meeting 11/04/2023 10:00 at Gold\u001b[31mRoom',
    /the location contains a control character \(U\+001B\)/,
  ],
  [
    'next meeting at a place with a lone surrogate',
    'next meeting 11/04/2023 10:00 at Gold \udc00Room',
    /the location contains a broken character \(U\+DC00\)/,
  ],
  [
    'deep dive on a topic with a lone surrogate',
    'deep dive April: Repeat \ud83dVictims',
    /the deep-dive topic contains a broken character \(U\+D83D\)/,
  ],
  [
    'deep dives with a C1 control in a topic',
    'deep dives\nApril - Repeat\u0085Victims',
    /the deep-dive topic contains a control character \(U\+0085\)/,
  ],
  [
    'ask under a theme with a control character',
    'ask Q7 (Drugs\u0007): Why is it so? - KP',
    /the theme contains a control character \(U\+0007\)/,
  ],
]);

export const MESSAGE_CASES: MessageCase[] = [
  ...unknownCommands,
  ...badDates,
  ...notFound,
  ...notAllowed,
  ...unsafeStoredText,
];

describe('hostile Teams messages', () => {
  let board: HostileTeamsBoard;
  beforeAll(async () => {
    board = await hostileTeamsBoard();
  });
  afterAll(async () => closeBoard(board));

  const sender = (from: MessageCase['from']): TeamsUser => (from === 'visitor' ? board.visitor : board.users[from]);

  it.each(MESSAGE_CASES)('$name', async ({ from, input, expect }) => {
    const user = sender(from);
    await expectRefusedCleanly(board, expect, () => postMessage(board, user, personalMessage(user, input, board.dm)));
  });

  // Bodies Teams never sends: refused by the endpoint with a 4xx and a plain reason, not a 500.
  const bodies: Array<[string, () => string, number, RegExp]> = [
    ['JSON cut short', () => '{"type":"message","text":"help"', 400, /the request body is not valid JSON/],
    ['a bare string', () => '"help"', 400, /the request body is not valid JSON/],
    [
      'a body over 1 MB',
      () => JSON.stringify(personalMessage(board.users.PN, `import\n${chars(1_100_000)}`, board.dm)),
      413,
      /the request body is too large/,
    ],
    ['an empty object', () => '{}', 400, /^the activity has no type$/],
    [
      'an activity without a conversation',
      () => JSON.stringify({ ...personalMessage(board.users.PN, 'help', board.dm), conversation: null }),
      400,
      /^the activity has no conversation\.id$/,
    ],
    [
      'an activity without a serviceUrl',
      () => JSON.stringify({ ...personalMessage(board.users.PN, 'help', board.dm), serviceUrl: '' }),
      400,
      /^the activity has no serviceUrl/,
    ],
  ];
  it.each(bodies)('a message body that is %s', async (_name, body, status, reason) => {
    const logFrom = board.bot.logs.length;
    const res = await postJsonText(board.bot.url, body());
    expect(res.status, res.text).toBe(status);
    expect((JSON.parse(res.text) as { error: string }).error).toMatch(reason);
    expectNoLeak(res.text);
    expect(errorLogs(board.bot.logs, logFrom)).toEqual([]);
  });

  it.each([10_000, 100_000])('a message whose value is nested %i deep', async (depth) => {
    const user = board.users.JD;
    const activity = withRawJson(
      { ...personalMessage(user, 'frobnicate', board.dm), value: 'NESTED' },
      'NESTED',
      nestedJson(depth),
    );
    await expectRefusedCleanly(board, NOT_KNOWN, async () => {
      const sent = board.bot.channel.sent(dmOf(user)).length;
      const res = await postJsonText(board.bot.url, activity);
      return {
        status: res.status,
        texts: board.bot.channel
          .sent(dmOf(user))
          .slice(sent)
          .flatMap((s) => cardsOf(s.activity).map(textOf)),
      };
    });
  });

  itLeftTheBoardUnchanged(() => board.unchanged);
});

// A second Teams account whose directory entry carries the email of someone already linked (a
// personal account, a shared mailbox, a guest set up with the wrong email) is not that person.
describe('a second Teams account with a linked person’s email', () => {
  let board: HostileTeamsBoard;
  /** Jane's email on another Entra object id. */
  let other: TeamsUser;
  beforeAll(async () => {
    board = await hostileTeamsBoard();
    other = secondAccount('J Doe (home)', board.users.JD.email as string);
  });
  afterAll(async () => closeBoard(board));

  /** A Teams user with this email, whose 1:1 chat lets the bot read it (TeamsInfo.getMember). */
  function secondAccount(name: string, email: string): TeamsUser {
    const user = teamsUser(name, { email });
    board.bot.channel.setRoster(dmOf(user), [rosterEntry(user, TENANT)]);
    return user;
  }
  const jane = async () => (await board.bot.stores.people.get(board.t.scope, 'jane-doe'))?.person;
  const ask = (user: TeamsUser, text: string) => postMessage(board, user, personalMessage(user, text, board.dm));
  const events = (from: number, event: string) =>
    board.bot.logs
      .slice(from)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.event === event);

  it('writing to the bot, is a stranger (help only); Jane keeps working and is never taken over', async () => {
    const logFrom = board.bot.logs.length;
    const help = await ask(other, 'mine');
    expect(help.texts.join('\n')).toContain('Hello J Doe (home). I keep the actions');
    expect(help.texts.join('\n')).toContain('You are not in the directory yet');
    await expectRefusedCleanly(board, /only the chair and the secretariat/, () => ask(other, 'raise JD - Do as I say'));
    const reply = await execute(
      board,
      other,
      'action.reply',
      { actionId: IDS.JD, version: 1 },
      { status: 'completed', note: 'done, says I' },
    );
    expect(textOf(reply.card)).toMatch(/Not saved: only the action’s owners/);

    // Jane, in between and after, is still Jane: her action, her card.
    const [janes] = await say(board, board.users.JD, 'mine');
    expect(textOf(janes)).toContain('Circulate the revised terms of reference');
    expect((await ask(other, 'mine')).texts.join('\n')).toContain('You are not in the directory yet');
    const [again] = await say(board, board.users.JD, 'mine');
    expect(textOf(again)).toContain('Circulate the revised terms of reference');

    expect((await jane())?.aadObjectId).toBe(board.users.JD.aadObjectId);
    expect(await board.bot.stores.people.byTeamsId(board.t.scope, other.aadObjectId)).toBeNull();
    expect((await board.bot.stores.actions.get(board.t.scope, IDS.JD))?.action).toMatchObject({
      status: 'open',
      version: 1,
    });
    // Logged at every try, by ids: never the email.
    const refused = events(logFrom, 'identity.link_refused');
    expect(refused.length).toBe(4);
    for (const e of refused)
      expect(e).toMatchObject({
        level: 'warn',
        personId: 'jane-doe',
        linkedTo: board.users.JD.aadObjectId,
        account: other.aadObjectId,
      });
    expect(board.bot.logs.slice(logFrom).join('\n')).not.toContain(board.users.JD.email as string);
    // Kept once for the secretariat, however often it tries.
    expect((await jane())?.refusedLinks).toEqual([
      { aadObjectId: other.aadObjectId, name: 'J Doe (home)', at: expect.stringMatching(/^2023-03-20T/) },
    ]);
  });

  it('the people card tells the secretariat: who tried, as whom, when, and that it was not linked', async () => {
    const [card] = await say(board, board.users.PN, 'people');
    const [attempt] = (await jane())?.refusedLinks ?? [];
    expect(textOf(card)).toContain(
      `Another Teams account (J Doe (home)) tried to sign in as Jane Doe (JD) on ${formatLondon(attempt?.at ?? '')}: not linked.`,
    );
    expect(textOf(card)).toMatch(/on \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}: not linked\./);
    expect(textOf(card)).toContain('the secretariat types unlink and their initials');
  });

  it('read from a roster (a member added to the team, the app installed in another team), is not linked either, whatever the email’s case', async () => {
    const { bot, users, team } = board;
    const added = secondAccount('Jane Doe', 'JANE.DOE@example.police.uk');
    bot.channel.setRoster(team.id, [...EVERYONE.map((i) => rosterEntry(users[i], TENANT)), rosterEntry(added, TENANT)]);
    const logFrom = bot.logs.length;
    expect((await postActivity(bot.url, conversationUpdateMembersAdded(team, [added], board.teamCtx))).status).toBe(
      200,
    );
    expect(events(logFrom, 'teams.roster_synced').at(-1)).toMatchObject({
      members: 9,
      linked: 8,
      refused: 1,
      unknown: 0,
    });

    const elsewhere = teamsTeam('Another team');
    const third = secondAccount('Jane D', 'jane.doe@example.police.uk');
    bot.channel.setRoster(elsewhere.id, [rosterEntry(third, TENANT), rosterEntry(users.JD, TENANT)]);
    expect(
      (await postActivity(bot.url, installationUpdate(users.PN, 'team', 'add', { ...board.teamCtx, team: elsewhere })))
        .status,
    ).toBe(200);
    expect(events(logFrom, 'teams.roster_synced').at(-1)).toMatchObject({ members: 2, linked: 1, refused: 1 });
    expect(events(logFrom, 'identity.link_refused').map((e) => e.account)).toEqual([
      added.aadObjectId,
      third.aadObjectId,
    ]);

    for (const account of [added, third]) {
      expect(await bot.stores.people.byTeamsId(board.t.scope, account.aadObjectId)).toBeNull();
      expect((await ask(account, 'mine')).texts.join('\n')).toContain('You are not in the directory yet');
    }
    expect((await jane())?.aadObjectId).toBe(users.JD.aadObjectId);
    const [janes] = await say(board, users.JD, 'mine');
    expect(textOf(janes)).toContain('Circulate the revised terms of reference');
    // Only the latest few are kept: a fourth account pushes out the first.
    const fourth = secondAccount('Doe, Jane', users.JD.email as string);
    await ask(fourth, 'help');
    expect((await jane())?.refusedLinks?.map((r) => r.aadObjectId)).toEqual([
      added.aadObjectId,
      third.aadObjectId,
      fourth.aadObjectId,
    ]);
  });

  it('only the secretariat unlinks; then the next account with the email is linked, and the old one is refused', async () => {
    const { users } = board;
    await expectRefusedCleanly(board, /only the secretariat can unlink a Teams account/, () =>
      ask(users.JD, 'unlink JD'),
    );
    await expectRefusedCleanly(board, /only the secretariat can unlink a Teams account/, () =>
      ask(users.MH, 'unlink JD'),
    );
    await expectRefusedCleanly(board, /only the secretariat can unlink a Teams account/, () => ask(other, 'unlink JD'));
    await expectRefusedCleanly(board, /say whose Teams account to unlink/, () => ask(users.PN, 'unlink'));
    await expectRefusedCleanly(board, /nobody in the directory is "ZZ"/, () => ask(users.PN, 'unlink ZZ'));
    expect((await jane())?.aadObjectId).toBe(users.JD.aadObjectId);

    const [done] = await say(board, users.PN, 'unlink JD');
    expect(textOf(done)).toContain(
      'Jane Doe (JD) is no longer linked to a Teams account: the next account that comes with their email is linked.',
    );
    const unlinked = await jane();
    expect(unlinked?.aadObjectId).toBeUndefined();
    expect(unlinked?.refusedLinks).toBeUndefined();
    const [card] = await say(board, users.PN, 'people');
    expect(textOf(card)).not.toContain('Another Teams account');

    // Jane's new account is the next to write: it is Jane now, with her action.
    const mine = await ask(other, 'mine');
    expect(mine.texts.join('\n')).toContain('Circulate the revised terms of reference');
    expect((await jane())?.aadObjectId).toBe(other.aadObjectId);
    board.bot.channel.setRoster(dmOf(users.JD), [rosterEntry(users.JD, TENANT)]);
    expect((await ask(users.JD, 'mine')).texts.join('\n')).toContain('You are not in the directory yet');
    expect((await jane())?.refusedLinks?.map((r) => r.aadObjectId)).toEqual([users.JD.aadObjectId]);
  });
});
