// Hostile requests to the dashboard tab's API (local mode, dev sign-in): forged action ids in the
// path (key-forbidden characters, malformed percent-encoding), other people's actions, forged
// bodies (not JSON, oversized, deeply nested, wrong types), forged tokens and sign-ins. Each gets
// a 4xx with a JSON body that says what was wrong in plain words; nothing is stored and nothing is
// logged as a server error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delegateAction } from '../../bot/services/delegate.ts';
import { actorOf } from '../../bot/services/identity.ts';
import { importActions } from '../../bot/services/import-actions.ts';
import { saveMeeting } from '../../bot/services/meetings.ts';
import { importPeople } from '../../bot/services/people.ts';
import type { BoardContext } from '../../bot/services/board-context.ts';
import { startBot, type BotUnderTest } from '../helpers/bot-harness.ts';
import { clockAt, fixture, IDS } from '../helpers/bot-board.ts';
import {
  baseline,
  boardState,
  chars,
  errorLogs,
  expectCleanLogs,
  expectNoLeak,
  itLeftTheBoardUnchanged,
  knownSecrets,
  nestedJson,
} from './hostile.ts';

const APP_PASSWORD = 'hostile-suite-app-password-not-for-replies';

let bot: BotUnderTest;
let t: BoardContext;
/** Dev sign-in tokens, by person id. */
const tokens = new Map<string, string>();
let secrets: string[];
const unchanged = baseline(() => boardState(bot.stores, t.scope));

async function signIn(personId: string): Promise<string> {
  const res = await fetch(`${bot.base}/api/tab/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personId }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

beforeAll(async () => {
  bot = await startBot({
    tab: true,
    now: clockAt('2023-03-20T10:00:00Z').now,
    env: { MicrosoftAppPassword: APP_PASSWORD },
  });
  t = bot.context();
  await importPeople(t, fixture('people-example.csv'));
  await saveMeeting(t, { date: '2023-03-14', next: '2023-04-11' });
  await importActions(t, fixture('actions-arising-example.txt'), {
    actor: { id: 'test', name: 'test', channel: 'cli' },
  });
  for (const id of ['jane-doe', 'priya-nair', 'sam-carter-lee', 'chidi-okafor', 'alex-wong', 'kim-patel'])
    tokens.set(id, await signIn(id));
  secrets = [...knownSecrets(), APP_PASSWORD, ...tokens.values()];
  await unchanged.ready();
});
afterAll(async () => bot.close());

interface Sent {
  path: string;
  method?: 'GET' | 'POST';
  /** Sent as is; a string is sent raw. */
  body?: unknown;
  contentType?: string;
  /** A person id to sign in as, a raw Authorization header (`raw:...`), or none. */
  as?: string;
}

async function send(req: Sent): Promise<{ status: number; text: string }> {
  const auth =
    req.as === undefined
      ? undefined
      : req.as.startsWith('raw:')
        ? req.as.slice(4)
        : `Bearer ${tokens.get(req.as) ?? ''}`;
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const res = await fetch(`${bot.base}${req.path}`, {
    method: req.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
    },
    ...(body !== undefined ? { body } : {}),
  });
  return { status: res.status, text: await res.text() };
}

/** One hostile request: the status, a JSON error naming the problem, clean logs (nothing stored: each group's last test). */
async function expectRefused(req: Sent, status: number, phrase: RegExp): Promise<Record<string, unknown>> {
  const logFrom = bot.logs.length;
  const res = await send(req);
  expect(res.status, res.text).toBe(status);
  const body = JSON.parse(res.text) as Record<string, unknown>;
  expect(String(body.error ?? body.message)).toMatch(phrase);
  expectNoLeak(res.text, secrets);
  expectCleanLogs(bot.logs, logFrom, secrets);
  expect(errorLogs(bot.logs, logFrom)).toEqual([]);
  return body;
}

const reply = (id: string): string => `/api/tab/actions/${id}/reply`;

describe('forged action ids in the path', () => {
  const ids: Array<[string, string, number, RegExp]> = [
    ['an OData string', encodeURIComponent("' or 1 eq 1"), 404, /no longer exists/],
    ['a real id with an OData tail', encodeURIComponent(`${IDS.JD}' or 1 eq 1`), 404, /no longer exists/],
    ['an encoded path', '..%2F..%2F2023-03-14.n001', 404, /no longer exists/],
    ['an encoded backslash', '2023-03-14%5Cn001', 404, /no longer exists/],
    ['an encoded hash', '2023-03-14%23n001', 404, /no longer exists/],
    ['an encoded question mark', '2023-03-14.n001%3Fx', 404, /no longer exists/],
    ['the key separator', encodeURIComponent(`${IDS.JD}|h|1`), 404, /no longer exists/],
    ['an encoded NUL', `${IDS.JD}%00`, 404, /no longer exists/],
    ['an encoded control character', '%07%1B', 404, /no longer exists/],
    ['an action that does not exist', '2023-03-14.n099', 404, /no longer exists/],
    ['an id of 201 characters', chars(201), 400, /no such action/],
    [
      'malformed percent-encoding',
      '2023-03-14.n001%E0%A4%A',
      400,
      /the address could not be read: it is not valid percent-encoding/,
    ],
    ['a percent sign alone', '%', 400, /the address could not be read: it is not valid percent-encoding/],
    [
      'percent-encoded bytes that are not UTF-8',
      '%C0%AF',
      400,
      /the address could not be read: it is not valid percent-encoding/,
    ],
    [
      'an encoded unpaired surrogate',
      '%ED%A0%80',
      400,
      /the address could not be read: it is not valid percent-encoding/,
    ],
  ];
  it.each(ids)('%s', async (_name, id, status, phrase) => {
    await expectRefused({ path: reply(id), body: { status: 'completed', version: 1 }, as: 'jane-doe' }, status, phrase);
  });
  itLeftTheBoardUnchanged(() => unchanged);
});

describe('other people’s actions and forged bodies', () => {
  const own = reply(IDS.JD);
  const cases: Array<[string, Sent, number, RegExp]> = [
    [
      'Jane replies to Sam’s action',
      { path: reply(IDS.SCL_I), body: { status: 'completed', version: 1 }, as: 'jane-doe' },
      422,
      /only the action’s owners, the chair and the secretariat/,
    ],
    [
      'Jane notes on the Force’s action',
      { path: reply(IDS.FORCE), body: { note: 'done', version: 1 }, as: 'jane-doe' },
      422,
      /only the action’s owners/,
    ],
    [
      'a status an owner cannot give',
      { path: own, body: { status: 'discharged', version: 1 }, as: 'jane-doe' },
      422,
      /"discharged" is not a status an owner can give/,
    ],
    [
      'an OData status',
      { path: own, body: { status: "completed' or 1 eq 1" }, as: 'jane-doe' },
      422,
      /is not a status an owner can give/,
    ],
    ['a status that is a list', { path: own, body: { status: ['completed'] }, as: 'jane-doe' }, 422, /nothing to save/],
    ['a note that is an object', { path: own, body: { note: { $gt: '' } }, as: 'jane-doe' }, 422, /nothing to save/],
    ['a note of 4,001 characters', { path: own, body: { note: chars(4_001) }, as: 'jane-doe' }, 422, /limit is 4,000/],
    [
      'a note with a NUL',
      { path: own, body: { note: 'done\u0000' }, as: 'jane-doe' },
      422,
      /control character \(U\+0000\)/,
    ],
    [
      'a note with a C1 control',
      { path: own, body: { note: 'done\u009b2J' }, as: 'jane-doe' },
      422,
      /control character \(U\+009B\)/,
    ],
    [
      'a note with an unpaired surrogate',
      { path: own, body: '{"note":"done \\udc00"}', as: 'jane-doe' },
      422,
      /broken character \(U\+DC00\)/,
    ],
    [
      'a version that is text',
      { path: own, body: { status: 'completed', version: 'latest' }, as: 'jane-doe' },
      400,
      /version must be the whole number/,
    ],
    [
      'a version that is a fraction',
      { path: own, body: { status: 'completed', version: 1.5 }, as: 'jane-doe' },
      400,
      /version must be the whole number/,
    ],
    [
      'a request id with a path',
      { path: own, body: { status: 'completed', requestId: '../../../etc' }, as: 'jane-doe' },
      400,
      /requestId must be 8-100 letters/,
    ],
    [
      'a request id of 101 characters',
      { path: own, body: { status: 'completed', requestId: chars(101) }, as: 'jane-doe' },
      400,
      /requestId must be 8-100 letters/,
    ],
    [
      'a body that is not JSON',
      { path: own, body: 'status=completed', contentType: 'application/x-www-form-urlencoded', as: 'jane-doe' },
      422,
      /nothing to save/,
    ],
    [
      'JSON cut short',
      { path: own, body: '{"status": "completed"', as: 'jane-doe' },
      400,
      /the request body is not valid JSON/,
    ],
    [
      'JSON that is a bare string',
      { path: own, body: '"completed"', as: 'jane-doe' },
      400,
      /the request body is not valid JSON/,
    ],
    [
      'a body over 64 KB',
      { path: own, body: { note: chars(70_000) }, as: 'jane-doe' },
      413,
      /the request body is too large/,
    ],
    ['a body nested 10,000 deep', { path: own, body: nestedJson(10_000), as: 'jane-doe' }, 422, /nothing to save/],
    [
      'a body nested 100,000 deep (over 64 KB)',
      { path: own, body: nestedJson(100_000), as: 'jane-doe' },
      413,
      /the request body is too large/,
    ],
    [
      'a body in a charset nobody uses',
      { path: own, body: '{"status":"completed"}', contentType: 'application/json; charset=x-hostile', as: 'jane-doe' },
      415,
      /charset is not supported: send UTF-8/,
    ],
  ];
  it.each(cases)('%s', async (_name, req, status, phrase) => {
    const body = await expectRefused(req, status, phrase);
    // A refusal about an action the caller may not see carries none of it.
    if (req.path !== own) expect(body.action).toBeUndefined();
  });
  itLeftTheBoardUnchanged(() => unchanged);
});

describe('forged tokens, sign-ins and queries', () => {
  const cases: Array<[string, Sent, number, RegExp]> = [
    ['no token', { path: reply(IDS.JD), body: { status: 'completed' } }, 401, /a valid bearer token is needed/],
    [
      'a token that is not one',
      { path: reply(IDS.JD), body: { status: 'completed' }, as: 'raw:Bearer not-a-token' },
      401,
      /a valid bearer token is needed/,
    ],
    [
      'a dev token with its signature cut',
      {
        path: '/api/tab/actions?view=mine',
        as: 'raw:Bearer dev.eyJwZXJzb25JZCI6ImphbmUtZG9lIiwiZXhwIjo5OTk5OTk5OTk5OTk5fQ.',
      },
      401,
      /a valid bearer token is needed/,
    ],
    [
      'a dev token for the chair, forged',
      {
        path: '/api/tab/actions?view=all',
        as: `raw:Bearer dev.${Buffer.from(JSON.stringify({ personId: 'morgan-hale', exp: 9_999_999_999_999 })).toString('base64url')}.AAAA`,
      },
      401,
      /a valid bearer token is needed/,
    ],
    [
      'an OData string as token',
      { path: '/api/tab/me', as: "raw:Bearer ' or 1 eq 1" },
      401,
      /a valid bearer token is needed/,
    ],
    [
      'a token of 10,000 characters',
      { path: '/api/tab/me', as: `raw:Bearer ${chars(10_000, 'a.')}` },
      401,
      /a valid bearer token is needed/,
    ],
    [
      'a member asks for the whole board',
      { path: '/api/tab/actions?view=all', as: 'jane-doe' },
      403,
      /for the chair, the secretariat and the scrutiny lead/,
    ],
    [
      'a member asks for the meetings chart',
      { path: '/api/tab/meetings', as: 'jane-doe' },
      403,
      /for the chair, the secretariat and the scrutiny lead/,
    ],
    [
      'a view that is not one',
      { path: '/api/tab/actions?view=everything', as: 'priya-nair' },
      400,
      /view is all or mine/,
    ],
    [
      'a view given twice',
      { path: '/api/tab/actions?view=mine&view=all', as: 'priya-nair' },
      400,
      /view is all or mine/,
    ],
    [
      'an OData view',
      { path: `/api/tab/actions?view=${encodeURIComponent("all' or 1 eq 1")}`, as: 'priya-nair' },
      400,
      /view is all or mine/,
    ],
    [
      'sign in as nobody',
      { path: '/api/tab/dev-login', body: { personId: 'nobody-at-all' } },
      400,
      /no such person in the directory/,
    ],
    [
      'sign in as an OData string',
      { path: '/api/tab/dev-login', body: { personId: "' or 1 eq 1" } },
      400,
      /no such person in the directory/,
    ],
    [
      'sign in as a path',
      { path: '/api/tab/dev-login', body: { personId: '../priya-nair' } },
      400,
      /no such person in the directory/,
    ],
    [
      'sign in as an object',
      { path: '/api/tab/dev-login', body: { personId: { $ne: '' } } },
      400,
      /no such person in the directory/,
    ],
    [
      'sign in with an unpaired surrogate',
      { path: '/api/tab/dev-login', body: '{"personId":"priya-nair\\ud800"}' },
      400,
      /no such person in the directory/,
    ],
    [
      'sign in with a body over 4 KB',
      { path: '/api/tab/dev-login', body: { personId: chars(5_000) } },
      413,
      /the request body is too large/,
    ],
    [
      'a route that does not exist',
      { path: '/api/tab/actions/x/delete', body: {}, as: 'priya-nair' },
      404,
      /not found/,
    ],
  ];
  it.each(cases)('%s', async (_name, req, status, phrase) => {
    await expectRefused(req, status, phrase);
  });
  itLeftTheBoardUnchanged(() => unchanged);
});

// Saved by its owner, markup comes back from the API as the very text typed, in JSON (the page
// writes it with esc(); the browser suite sees it drawn).
describe('notes come back as typed', () => {
  const notes: Array<[string, string]> = [
    ['a script tag', '<script>alert(1)</script>'],
    ['a javascript link', '[click](javascript:alert(1))'],
    ['an attribute breakout', '"><img src=x onerror=alert(1)>'],
  ];
  it.each(notes)('%s', async (_name, note) => {
    const saved = await send({ path: reply(IDS.JD), body: { note }, as: 'jane-doe' });
    expect(saved.status, saved.text).toBe(200);
    const res = await fetch(`${bot.base}/api/tab/actions?view=mine`, {
      headers: { authorization: `Bearer ${tokens.get('jane-doe') ?? ''}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { actions } = (await res.json()) as { actions: Array<{ id: string; latest?: { note?: string } }> };
    expect(actions.find((a) => a.id === IDS.JD)?.latest?.note).toBe(note);
  });
});

interface ReplyAnswer {
  result: string;
  message: string;
  action?: { id: string; version: number; status: string };
}

/** A reply from the tab as `as`; the HTTP status and the answer. */
async function tabReply(
  as: string,
  id: string,
  body: Record<string, unknown>,
): Promise<{ status: number; answer: ReplyAnswer }> {
  const res = await send({ path: reply(id), body, as });
  return { status: res.status, answer: JSON.parse(res.text) as ReplyAnswer };
}

const notes = async (id: string): Promise<Array<string | undefined>> =>
  (await bot.stores.actions.history(t.scope, id)).map((h) => h.note);
const versionOf = async (id: string): Promise<number> =>
  (await bot.stores.actions.get(t.scope, id))?.action.version ?? NaN;
const REUSED = /^Not saved: this request id was already used for another change\.$/;

// Each case stores its first reply on purpose, then shows what follows under the same requestId.
describe('one requestId for two different changes', () => {
  it('across two actions: Sam’s reply to his second action under his first reply’s id is refused', async () => {
    const [first, second] = [await notes(IDS.SCL_I), await notes(IDS.SCL_II)];
    const saved = await tabReply('sam-carter-lee', IDS.SCL_I, {
      status: 'in_progress',
      note: 'Rates by crime type drafted',
      version: await versionOf(IDS.SCL_I),
      requestId: 'tab-two-actions',
    });
    expect(saved, JSON.stringify(saved)).toMatchObject({ status: 200, answer: { result: 'saved' } });
    const stored = await boardState(bot.stores, t.scope);
    const body = await expectRefused(
      {
        path: reply(IDS.SCL_II),
        body: { status: 'blocked', version: await versionOf(IDS.SCL_II), requestId: 'tab-two-actions' },
        as: 'sam-carter-lee',
      },
      422,
      REUSED,
    );
    expect(body.result).toBe('refused');
    expect(await boardState(bot.stores, t.scope)).toEqual(stored);
    expect(await notes(IDS.SCL_I)).toEqual([...first, 'Rates by crime type drafted']);
    expect(await notes(IDS.SCL_II)).toEqual(second);
  });

  it('across two people: the same requestId from another owner, or from someone replying to their own action, is refused', async () => {
    const before = await notes(IDS.CO_AW);
    const saved = await tabReply('chidi-okafor', IDS.CO_AW, {
      note: 'Visit booked for 03/04/2023',
      version: await versionOf(IDS.CO_AW),
      requestId: 'tab-two-people',
    });
    expect(saved.status, saved.answer.message).toBe(200);
    const stored = await boardState(bot.stores, t.scope);
    await expectRefused(
      {
        path: reply(IDS.CO_AW),
        body: { note: 'Visit booked for 03/04/2023', version: await versionOf(IDS.CO_AW), requestId: 'tab-two-people' },
        as: 'alex-wong',
      },
      422,
      REUSED,
    );
    await expectRefused(
      {
        path: reply(IDS.JD),
        body: { note: 'Circulated', version: await versionOf(IDS.JD), requestId: 'tab-two-people' },
        as: 'jane-doe',
      },
      422,
      REUSED,
    );
    expect(await boardState(bot.stores, t.scope)).toEqual(stored);
    const history = await bot.stores.actions.history(t.scope, IDS.CO_AW);
    expect(history.map((h) => h.note)).toEqual([...before, 'Visit booked for 03/04/2023']);
    expect(history.at(-1)).toMatchObject({ byName: 'Chidi Okafor', channel: 'tab' });
  });

  it('on one action: another note, or another status, under the same requestId is refused', async () => {
    const before = await notes(IDS.SCL_I);
    const v = await versionOf(IDS.SCL_I);
    const saved = await tabReply('sam-carter-lee', IDS.SCL_I, {
      note: 'Shared with the chair',
      version: v,
      requestId: 'tab-one-action',
    });
    expect(saved.status, saved.answer.message).toBe(200);
    const stored = await boardState(bot.stores, t.scope);
    await expectRefused(
      {
        path: reply(IDS.SCL_I),
        body: { note: 'Shared with the board', version: v + 1, requestId: 'tab-one-action' },
        as: 'sam-carter-lee',
      },
      422,
      REUSED,
    );
    await expectRefused(
      {
        path: reply(IDS.SCL_I),
        body: { status: 'completed', note: 'Shared with the chair', version: v + 1, requestId: 'tab-one-action' },
        as: 'sam-carter-lee',
      },
      422,
      REUSED,
    );
    expect(await boardState(bot.stores, t.scope)).toEqual(stored);
    expect(await notes(IDS.SCL_I)).toEqual([...before, 'Shared with the chair']);
  });

  it('a genuine retry (the same reply again) is answered as saved and stored once', async () => {
    const before = await notes(IDS.SCL_II);
    const body = {
      note: 'Model assessed; presenting in May',
      version: await versionOf(IDS.SCL_II),
      requestId: 'tab-genuine-retry',
    };
    const first = await tabReply('sam-carter-lee', IDS.SCL_II, body);
    const again = await tabReply('sam-carter-lee', IDS.SCL_II, body);
    expect([first.status, first.answer.result, again.status, again.answer.result]).toEqual([
      200,
      'saved',
      200,
      'saved',
    ]);
    expect(await notes(IDS.SCL_II)).toEqual([...before, 'Model assessed; presenting in May']);
  });
});

describe('permission before staleness', () => {
  it('a reply to someone else’s action at an old version is refused as not theirs (422), not as stale (409)', async () => {
    // SCL_I's status was changed by Sam above: a reply at version 1 setting another status is out of date.
    expect((await bot.stores.actions.get(t.scope, IDS.SCL_I))?.action).toMatchObject({ status: 'in_progress' });
    const stored = await boardState(bot.stores, t.scope);
    const body = await expectRefused(
      { path: reply(IDS.SCL_I), body: { status: 'completed', version: 1 }, as: 'jane-doe' },
      422,
      /only the action’s owners, the chair and the secretariat/,
    );
    expect(body.action).toBeUndefined();
    // The owner's own old version is still told it is out of date.
    await expectRefused(
      { path: reply(IDS.SCL_I), body: { status: 'completed', version: 1 }, as: 'sam-carter-lee' },
      409,
      /changed since you opened it/,
    );
    expect(await boardState(bot.stores, t.scope)).toEqual(stored);
  });
});

describe('a delegate replying from the tab', () => {
  it('gets the action’s new version with each answer, so a second reply is saved too', async () => {
    const jane = (await bot.stores.people.get(t.scope, 'jane-doe'))?.person;
    if (!jane) throw new Error('jane-doe is not in the directory');
    const handed = await delegateAction(t, actorOf(jane, 'teams'), { id: IDS.JD, toPersonId: 'kim-patel' });
    expect(handed.kind).toBe('saved');
    const res = await fetch(`${bot.base}/api/tab/actions?view=mine`, {
      headers: { authorization: `Bearer ${tokens.get('kim-patel') ?? ''}` },
    });
    const mine = (
      (await res.json()) as { actions: Array<{ id: string; version: number; canReply: boolean }> }
    ).actions.find((a) => a.id === IDS.JD);
    expect(mine).toMatchObject({ canReply: true });
    const read = mine?.version ?? NaN;
    const first = await tabReply('kim-patel', IDS.JD, {
      status: 'in_progress',
      note: 'Picked up from Jane',
      version: read,
      requestId: 'tab-delegate-first',
    });
    expect(first, first.answer.message).toMatchObject({
      status: 200,
      answer: { result: 'saved', action: { id: IDS.JD, version: read + 1, status: 'in_progress' } },
    });
    // As the tab does: the next reply is made against the version the answer gave.
    const second = await tabReply('kim-patel', IDS.JD, {
      status: 'completed',
      note: 'Terms circulated',
      version: first.answer.action?.version ?? read,
      requestId: 'tab-delegate-second',
    });
    expect(second, second.answer.message).toMatchObject({
      status: 200,
      answer: { result: 'saved', action: { version: read + 2, status: 'completed' } },
    });
    const history = await bot.stores.actions.history(t.scope, IDS.JD);
    expect(history.slice(-2).map((h) => [h.byName, h.note])).toEqual([
      ['Kim Patel', 'Picked up from Jane'],
      ['Kim Patel', 'Terms circulated'],
    ]);
    expect((await bot.stores.actions.get(t.scope, IDS.JD))?.action).toMatchObject({
      status: 'completed',
      version: read + 2,
    });
  });
});
