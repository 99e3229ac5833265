// Hostile Teams messages: unknown and malformed commands, malformed references and dates,
// injection strings, control characters, oversized text, commands from people who may not use
// them. Each is answered in plain words and changes nothing on the board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardsOf, closeBoard, dmOf, textOf, type Initials } from '../helpers/bot-board.ts';
import { personalMessage, type TeamsUser } from '../helpers/teams-activities.ts';
import { chars, errorLogs, itLeftTheBoardUnchanged, expectNoLeak, nestedJson, postJsonText, withRawJson } from './hostile.ts';
import { expectRefusedCleanly, hostileTeamsBoard, postMessage, type HostileTeamsBoard } from './teams-board.ts';

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
const unknownCommands = byRow('JD', unknownCommandRows.map(([name, input]) => [`unknown command: ${name}`, input, NOT_KNOWN]));

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
  ['deep dives with nothing', 'deep dives', /say the month and the topic/],
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
  ['a visitor imports', 'visitor', `import\n01.14/03/2023  JD - Something else`, /actions are imported by the secretariat/],
  ['a visitor raises', 'visitor', 'raise JD - Something', /only the chair and the secretariat/],
  ['a visitor asks for outstanding', 'visitor', 'outstanding', /the outstanding view is for the chair/],
  ['a visitor marks an action exempt', 'visitor', 'exempt 01.14/03/2023 under FOIA', /chair|secretariat/],
];
const notAllowed: MessageCase[] = notAllowedRows.map(([name, from, input, expect]) => ({ name, from, input, expect }));

export const MESSAGE_CASES: MessageCase[] = [...unknownCommands, ...badDates, ...notFound, ...notAllowed];

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
    ['a body over 1 MB', () => JSON.stringify(personalMessage(board.users.PN, `import\n${chars(1_100_000)}`, board.dm)), 413, /the request body is too large/],
    ['an empty object', () => '{}', 400, /^the activity has no type$/],
    ['an activity without a conversation', () => JSON.stringify({ ...personalMessage(board.users.PN, 'help', board.dm), conversation: null }), 400, /^the activity has no conversation\.id$/],
    ['an activity without a serviceUrl', () => JSON.stringify({ ...personalMessage(board.users.PN, 'help', board.dm), serviceUrl: '' }), 400, /^the activity has no serviceUrl/],
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
    const activity = withRawJson({ ...personalMessage(user, 'frobnicate', board.dm), value: 'NESTED' }, 'NESTED', nestedJson(depth));
    await expectRefusedCleanly(board, NOT_KNOWN, async () => {
      const sent = board.bot.channel.sent(dmOf(user)).length;
      const res = await postJsonText(board.bot.url, activity);
      return { status: res.status, texts: board.bot.channel.sent(dmOf(user)).slice(sent).flatMap((s) => cardsOf(s.activity).map(textOf)) };
    });
  });

  itLeftTheBoardUnchanged(() => board.unchanged);
});
