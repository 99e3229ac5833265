// Fifty replies to one action at once, from its two owners and their delegate, over real HTTP to
// the real bot: each is answered (saved, or refused in plain words), and exactly the replies the bot
// said it saved are in the action's history, once each, with the version counting them. And among
// replies landing together, a request id sent twice: a retry is stored once, a reused id refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMeeting } from '../../bot/services/meetings.ts';
import type { HistoryEntry } from '../../model/records.ts';
import {
  EVERYONE,
  ADAPTIVE,
  clockAt,
  closeBoard,
  execute,
  expectValidCard,
  fixture,
  IDS,
  installedBoard,
  say,
  textOf,
  type Board,
} from '../helpers/bot-board.ts';
import { adaptiveCardInvoke, postActivity, type TeamsUser } from '../helpers/teams-activities.ts';

const REPLIES = 50;
const OWNER_STATUSES = ['in_progress', 'completed', 'blocked'] as const;

/** How the bot answered one reply, read from the card it returned. */
type Answer = 'saved' | 'stale' | 'unchanged' | 'refused' | 'storage-failure' | 'unrecognised';

function kindOf(text: string): Answer {
  if (text.includes('Saved: ')) return 'saved';
  if (text.includes('This action changed since this card was drawn')) return 'stale';
  if (text.includes('Nothing to save: the action already says that')) return 'unchanged';
  if (/Nothing was saved|could not confirm/.test(text)) return 'storage-failure';
  if (text.includes('Not saved: ')) return 'refused';
  return 'unrecognised';
}

interface Sent {
  who: string;
  activityId: string;
  version: number;
  status?: (typeof OWNER_STATUSES)[number];
  note?: string;
}

interface Answered extends Sent {
  http: number;
  invokeStatus: unknown;
  kind: Answer;
  text: string;
}

describe('fifty concurrent replies to one action', () => {
  let board: Board;
  const id = IDS.CO_AW; // owned by CO and AW

  beforeAll(async () => {
    board = await installedBoard({ roster: EVERYONE, clock: clockAt('2023-03-20T10:00:00Z') });
    await saveMeeting(board.t, { date: '2023-03-14', next: '2023-04-11' });
    await say(board, board.users.PN, `import\n${fixture('actions-arising-example.txt')}`);
    await board.bot.teams.sender.drain();
    // CO hands the action to JD, who may then reply as an owner would: three repliers.
    const jane = (await board.bot.stores.people.list(board.t.scope)).find((p) => p.person.initials === 'JD')?.person.id;
    expect(jane).toBeDefined();
    const handed = await execute(
      board,
      board.users.CO,
      'action.delegate',
      { actionId: id, version: 1 },
      { delegateTo: jane },
    );
    expect(textOf(handed.card)).toContain('Handed to JD');
  }, 60_000);
  afterAll(async () => closeBoard(board));

  it('answers every reply, stores exactly the ones it says it saved, once each, and loses none', async () => {
    const { bot, t, users } = board;
    const before = await bot.stores.actions.get(t.scope, id);
    const historyBefore = await bot.stores.actions.history(t.scope, id);
    expect(before?.action).toMatchObject({ version: 2, status: 'open', delegate: { label: 'JD' } });
    const startVersion = before?.action.version ?? NaN;

    const repliers: Array<[string, TeamsUser]> = [
      ['CO', users.CO],
      ['AW', users.AW],
      ['JD', users.JD],
    ];
    // A mix: notes alone, statuses alone, both. Cards drawn at version 1 (before the delegation) are
    // stale whatever they say; cards at version 2 are current when drawn but older than the replies
    // saved before them, so a status someone else changed since makes them stale too.
    const plan: Array<Omit<Sent, 'activityId'> & { user: TeamsUser }> = Array.from({ length: REPLIES }, (_, i) => {
      const [who, user] = repliers[i % repliers.length] as [string, TeamsUser];
      const status = i % 5 === 1 ? undefined : OWNER_STATUSES[i % OWNER_STATUSES.length];
      const note = i % 5 === 2 ? undefined : `Concurrent reply ${i} from ${who}`;
      return { who, user, version: i % 7 === 0 ? 1 : 2, ...(status ? { status } : {}), ...(note ? { note } : {}) };
    });
    const activities = plan.map((p) =>
      adaptiveCardInvoke(
        p.user,
        {
          verb: 'action.reply',
          data: { board: 'PAM', actionId: id, version: p.version },
          inputs: { ...(p.status ? { status: p.status } : {}), ...(p.note ? { note: p.note } : {}) },
        },
        board.dm,
      ),
    );
    expect(new Set(activities.map((a) => a.id)).size).toBe(REPLIES);

    // All at once: every request is on the wire before any answer is read.
    const answers: Answered[] = await Promise.all(
      activities.map(async (activity, i) => {
        const { user: _user, ...sent } = plan[i] as (typeof plan)[number];
        const res = await postActivity(bot.url, activity, { timeoutMs: 120_000 });
        const body = res.body as { statusCode?: unknown; type?: unknown; value?: unknown } | undefined;
        const text = body?.type === ADAPTIVE ? textOf(body.value) : '';
        if (body?.type === ADAPTIVE) expectValidCard(body.value);
        return {
          ...sent,
          activityId: activity.id,
          http: res.status,
          invokeStatus: body?.statusCode,
          kind: text ? kindOf(text) : 'unrecognised',
          text,
        };
      }),
    );

    const count = (kind: Answer): number => answers.filter((a) => a.kind === kind).length;
    const counts = Object.fromEntries(
      (['saved', 'stale', 'unchanged', 'refused', 'storage-failure', 'unrecognised'] as const).map((k) => [
        k,
        count(k),
      ]),
    );
    console.log(`[reliability] ${REPLIES} concurrent replies: ${JSON.stringify(counts)}`);

    // No 5xx, no error page: every reply is answered with a card, saved or refused in plain words.
    expect(
      answers
        .filter((a) => a.http !== 200 || a.invokeStatus !== 200)
        .map((a) => `${a.who} ${a.http}/${String(a.invokeStatus)}`),
    ).toEqual([]);
    expect(answers.filter((a) => a.kind === 'unrecognised' || a.kind === 'storage-failure').map((a) => a.text)).toEqual(
      [],
    );
    expect(count('saved')).toBeGreaterThan(0);
    // A card drawn before the delegation is stale for any reply: the action was handed over since.
    expect(answers.filter((a) => a.version === 1).map((a) => a.kind)).toEqual(
      answers.filter((a) => a.version === 1).map(() => 'stale'),
    );

    const after = await bot.stores.actions.get(t.scope, id);
    const history = await bot.stores.actions.history(t.scope, id);
    const added: HistoryEntry[] = history.slice(historyBefore.length);
    expect(history.slice(0, historyBefore.length)).toEqual(historyBefore);
    const saved = answers.filter((a) => a.kind === 'saved');

    // Nothing lost silently, nothing stored unannounced: one new history entry per reply saved.
    expect(added.length).toBe(saved.length);
    // Each saved note is there exactly once, by whoever sent it; no unsaved note is there at all.
    const notesAdded = added.flatMap((h) => (h.note === undefined ? [] : [h.note]));
    for (const a of saved.filter((s) => s.note !== undefined)) {
      const entries = added.filter((h) => h.note === a.note);
      expect(entries.length, `history entries for "${a.note}"`).toBe(1);
      expect(entries[0]?.byName).toBe(a.who === 'CO' ? 'Chidi Okafor' : a.who === 'AW' ? 'Alex Wong' : 'Jane Doe');
    }
    const notSavedNotes = answers.filter((a) => a.kind !== 'saved' && a.note !== undefined).map((a) => a.note);
    expect(notesAdded.filter((n) => notSavedNotes.includes(n))).toEqual([]);
    expect(notesAdded.length).toBe(saved.filter((s) => s.note !== undefined).length);
    // Replies without a note are matched by count: each saved one added one entry that changed only the status.
    expect(added.filter((h) => h.note === undefined).length).toBe(saved.filter((s) => s.note === undefined).length);
    expect(
      added.every((h) => h.changes.length > 0 && h.changes.every((c) => c.field === 'status' || c.field === 'note')),
    ).toBe(true);

    // No silent overwrite: each saved change moved the version on by one, and history says which.
    expect(after?.action.version).toBe(startVersion + saved.length);
    expect(added.map((h) => h.version)).toEqual(saved.map((_, i) => startVersion + i + 1));
    // The final status is one a replier sent and the bot said it saved, and it is the last status the history records.
    const savedStatuses = new Set(saved.flatMap((s) => (s.status ? [s.status] : [])));
    const lastStatus = added.flatMap((h) => h.changes.filter((c) => c.field === 'status').map((c) => c.to)).at(-1);
    if (savedStatuses.size > 0) {
      expect(savedStatuses).toContain(after?.action.status);
      expect(after?.action.status).toBe(lastStatus);
    } else {
      expect(after?.action.status).toBe(before?.action.status);
    }
    // The latest note shown is the last one saved.
    expect(after?.action.latestNote).toBe(notesAdded.at(-1) ?? before?.action.latestNote);
  }, 180_000);

  it('among replies landing together, a retry is stored once and a request id reused for another note is refused', async () => {
    const { bot, t, users } = board;
    const target = IDS.SCL_I;
    const before = await bot.stores.actions.history(t.scope, target);
    const version = (await bot.stores.actions.get(t.scope, target))?.action.version ?? NaN;
    const send = (activityId: string, note: string) => ({
      ...adaptiveCardInvoke(
        users.SCL,
        { verb: 'action.reply', data: { board: 'PAM', actionId: target, version }, inputs: { note } },
        board.dm,
      ),
      id: activityId,
      note,
    });
    // Notes only (they never make a card stale): every answer is decided by its request id alone.
    const activities = [
      ...Array.from({ length: 16 }, (_, i) => send(`together-${i}`, `Note ${i}`)),
      send('together-retry', 'Sent twice by Teams'),
      send('together-retry', 'Sent twice by Teams'),
      send('together-reused', 'First use of the id'),
      send('together-reused', 'Second use of the id'),
    ];
    const answers = await Promise.all(
      activities.map(async ({ note, ...activity }) => {
        const res = await postActivity(bot.url, activity, { timeoutMs: 120_000 });
        const body = res.body as { type?: unknown; value?: unknown } | undefined;
        return { id: activity.id, note, text: body?.type === ADAPTIVE ? textOf(body.value) : `HTTP ${res.status}` };
      }),
    );
    const kinds = answers.map((a) => ({ ...a, kind: kindOf(a.text) }));
    console.log(
      `[reliability] ${answers.length} replies with repeated request ids: ${JSON.stringify(kinds.map((k) => k.kind))}`,
    );

    expect(kinds.filter((k) => !k.id.startsWith('together-re')).map((k) => k.kind)).toEqual(
      Array.from({ length: 16 }, () => 'saved'),
    );
    expect(kinds.filter((k) => k.id === 'together-retry').map((k) => k.kind)).toEqual(['saved', 'saved']);
    const reused = kinds.filter((k) => k.id === 'together-reused');
    expect(reused.map((k) => k.kind).sort()).toEqual(['refused', 'saved']);
    expect(reused.find((k) => k.kind === 'refused')?.text).toContain(
      'Not saved: this request id was already used for another change.',
    );

    // Exactly what was answered saved is stored, once each: the retry once, the reused id's first taker only.
    const added = (await bot.stores.actions.history(t.scope, target)).slice(before.length);
    const savedNotes = [...new Set(kinds.filter((k) => k.kind === 'saved').map((k) => k.note))].sort();
    expect(added.map((h) => h.note).sort()).toEqual(savedNotes);
    expect(added).toHaveLength(18);
    expect((await bot.stores.actions.get(t.scope, target))?.action.version).toBe(version + 18);
  }, 180_000);
});
