// Shared by the bot's end-to-end test files (tests/e2e/bot*.test.ts): the directory fixture as
// Teams users, a board installed in a team, a movable clock, and readers for the cards the bot
// sends or returns.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { importPeople } from '../../bot/services/people.ts';
import type { BoardContext } from '../../bot/services/board-context.ts';
import { startBot, type BotUnderTest } from './bot-harness.ts';
import { personalConversationId, type SentActivity, type UpdatedActivity } from './teams-channel.ts';
import {
  adaptiveCardInvoke,
  channelMessage,
  installationUpdate,
  personalMessage,
  postActivity,
  rosterEntry,
  teamsTeam,
  teamsUser,
  type PostResult,
  type TeamsContext,
  type TeamsTeam,
  type TeamsUser,
} from './teams-activities.ts';
import { cardInputs, executeActions, validateCard, visibleTexts } from './validate-card.ts';

export const fixture = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

/** The Microsoft 365 tenant the activities come from. Without an app id the bot stores everything under 'local'. */
export const TENANT = '72f988bf-0000-4000-8000-0000000000aa';
export const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

/** The action ids the example Actions Arising table gives (refKey). */
export const IDS = {
  JD: '2023-03-14.n001',
  SCL_I: '2023-03-14.i004.i',
  SCL_II: '2023-03-14.i004.ii',
  CO_AW: '2023-03-14.i006',
  FORCE: '2023-03-14.i007',
} as const;

export type Initials = 'MH' | 'PN' | 'TE' | 'JD' | 'SCL' | 'KP' | 'CO' | 'AW';

/** Everyone in the example directory. */
export const EVERYONE: readonly Initials[] = ['MH', 'PN', 'TE', 'JD', 'SCL', 'KP', 'CO', 'AW'];

/** Five owners replying in a loop, each on an action they may reply to (CO and AW share one). */
export const REPLIERS: ReadonlyArray<[Initials, string]> = [
  ['JD', IDS.JD],
  ['SCL', IDS.SCL_I],
  ['SCL', IDS.SCL_II],
  ['CO', IDS.CO_AW],
  ['AW', IDS.CO_AW],
];

/** Everyone in tests/fixtures/people-example.csv as a Teams user with that work email, by initials. */
export function directoryUsers(): Record<Initials, TeamsUser> {
  const [, ...rows] = fixture('people-example.csv').trim().split(/\r?\n/);
  return Object.fromEntries(
    rows.map((row) => {
      const [name = '', , initials = '', , email = ''] = row.split(',');
      return [initials, teamsUser(name, { email })];
    }),
  ) as Record<Initials, TeamsUser>;
}

/** Somebody in the team whom the directory does not know. */
export function stranger(n: number): TeamsUser {
  return teamsUser(`Visitor ${n}`, { email: `visitor.${n}@elsewhere.example.com` });
}

/** A clock the bot reads (startBot({ now })) that runs at real speed from a date the test chooses. */
export interface Clock {
  now: () => Date;
  set(iso: string): void;
}

export function clockAt(iso: string): Clock {
  let offset = Date.parse(iso) - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    set(to) {
      offset = Date.parse(to) - Date.now();
    },
  };
}

export interface Board {
  bot: BotUnderTest;
  t: BoardContext;
  users: Record<Initials, TeamsUser>;
  team: TeamsTeam;
  /** A 1:1 chat context (the conversation is the user's own). */
  dm: TeamsContext;
  teamCtx: TeamsContext;
  /** What the bot posted while it was installed and its channel chosen (the welcome, the confirmation). */
  setup: readonly SentActivity[];
  /** What the bot has posted in the board's channel since. */
  channelPosts: () => SentActivity[];
  clock?: Clock;
}

/** A bot with the example directory, installed in a team whose roster holds `roster` (and `strangers`). */
export async function installedBoard(opts: {
  roster: readonly Initials[];
  strangers?: number;
  clock?: Clock;
  /** Serve the dashboard tab too (dev sign-in). */
  tab?: boolean;
  /** More of the bot's configuration (environment variables). */
  env?: Record<string, string>;
}): Promise<Board> {
  const bot = await startBot({
    ...(opts.clock ? { now: opts.clock.now } : {}),
    ...(opts.tab ? { tab: true } : {}),
    ...(opts.env ? { env: opts.env } : {}),
  });
  const t = bot.context();
  const people = await importPeople(t, fixture('people-example.csv'));
  expect(people.counts.added).toBe(8);
  const users = directoryUsers();
  const team = teamsTeam('PAM board');
  const dm: TeamsContext = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT };
  const teamCtx: TeamsContext = { ...dm, team };
  // Half the directory people before the strangers, half after: with 100 a page, both pages count.
  const known = opts.roster.map((i) => rosterEntry(users[i], TENANT));
  const half = Math.ceil(known.length / 2);
  bot.channel.setRoster(team.id, [
    ...known.slice(0, half),
    ...Array.from({ length: opts.strangers ?? 0 }, (_, n) => rosterEntry(stranger(n + 1), TENANT)),
    ...known.slice(half),
  ]);
  const installed = await postActivity(bot.url, installationUpdate(users.PN, 'team', 'add', teamCtx));
  expect(installed.status).toBe(200);
  // The secretariat makes the team's channel the board's, as the README tells them to.
  const bound = await postActivity(bot.url, channelMessage(users.PN, 'use this channel for PAM', teamCtx));
  expect(bound.status).toBe(200);
  const setup = bot.channel.sent();
  const channelPosts = (): SentActivity[] => bot.channel.sent(team.id).filter((s) => !setup.includes(s));
  return { bot, t, users, team, dm, teamCtx, setup, channelPosts, ...(opts.clock ? { clock: opts.clock } : {}) };
}

/** The 1:1 conversation id the stand-in gives the bot's chat with this user. */
export const dmOf = (user: TeamsUser): string => personalConversationId(user.id);

/** The Adaptive Cards an activity carries (each checked with validateCard). */
export function cardsOf(activity: { attachments?: unknown }): Record<string, unknown>[] {
  const attachments = (activity.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>;
  return attachments.filter((a) => a.contentType === ADAPTIVE).map((a) => a.content as Record<string, unknown>);
}

export function expectValidCard(card: unknown): void {
  expect(validateCard(card), JSON.stringify(card).slice(0, 500)).toEqual([]);
}

/** Every card in these sent or updated activities; fails on any card validateCard does not pass. */
export function validCards(list: ReadonlyArray<SentActivity | UpdatedActivity>): Record<string, unknown>[] {
  const cards = list.flatMap((s) => cardsOf(s.activity));
  for (const c of cards) expectValidCard(c);
  return cards;
}

/** All the text a reader sees on a card, one string. */
export const textOf = (card: unknown): string => visibleTexts(card).join('\n');

/** The action a card is about (the data of its first action.* Execute). */
export function actionIdOf(card: unknown): string | undefined {
  const id = executeActions(card).find((a) => a.verb.startsWith('action.'))?.data.actionId;
  return typeof id === 'string' ? id : undefined;
}

/** The version the card was drawn at (data of its action.reply / action.history button). */
export function versionOf(card: unknown): number | undefined {
  const v = executeActions(card).find((a) => a.verb === 'action.reply' || a.verb === 'action.history')?.data.version;
  return typeof v === 'number' ? v : undefined;
}

/** An input's pre-filled value on a card. */
export function inputValue(card: unknown, id: string): unknown {
  return cardInputs(card).get(id)?.value;
}

export interface InvokeAnswer {
  res: PostResult;
  body: { statusCode: number; type: string; value: Record<string, unknown> };
  card: Record<string, unknown>;
  ms: number;
}

/** An Action.Execute (invoke adaptiveCard/action); checks the invoke response and the card in it. */
export async function execute(
  board: Board,
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  inputs?: Record<string, unknown>,
): Promise<InvokeAnswer> {
  return postInvoke(
    board,
    adaptiveCardInvoke(user, { verb, data: { board: 'PAM', ...data }, ...(inputs ? { inputs } : {}) }, board.dm),
  );
}

export async function postInvoke(board: Board, activity: object): Promise<InvokeAnswer> {
  const started = performance.now();
  const res = await postActivity(board.bot.url, activity);
  const ms = performance.now() - started;
  expect(res.status).toBe(200);
  const body = res.body as InvokeAnswer['body'];
  expect(body).toMatchObject({ statusCode: 200, type: ADAPTIVE });
  expectValidCard(body.value);
  return { res, body, card: body.value, ms };
}

/** A message in the user's 1:1 chat; resolves with what the bot answered there (cards validated). */
export async function say(board: Board, user: TeamsUser, text: string): Promise<Record<string, unknown>[]> {
  return sendInDm(board, user, personalMessage(user, text, board.dm));
}

/** Posts an activity in the user's 1:1 chat; resolves with the cards the bot answered it with there. */
export async function sendInDm(
  board: Board,
  user: TeamsUser,
  message: { id: string },
): Promise<Record<string, unknown>[]> {
  const conversation = dmOf(user);
  const before = board.bot.channel.sent(conversation).length;
  const res = await postActivity(board.bot.url, message);
  expect(res.status).toBe(200);
  // The answers to this message, not a card the outbox delivered to the same chat meanwhile.
  return validCards(
    board.bot.channel
      .sent(conversation)
      .slice(before)
      .filter((s) => s.replyToId === message.id),
  );
}

/** The outstanding card read back: owner groups, each item's heading line, flags, other lines and buttons. */
export interface OutstandingItemRead {
  head: string;
  /** The coloured lines: Overdue, No reply since the meeting, ready to discharge, chased. */
  flags: string[];
  /** The plain lines under them: the delegate, the latest update. */
  lines: string[];
  /** Every button's verb, those on the cards they open (confirm a discharge, a date) included. */
  verbs: string[];
  actionId?: string;
}

export function outstandingGroups(
  card: Record<string, unknown>,
): Array<{ owner: string; items: OutstandingItemRead[] }> {
  const body = card.body as Array<Record<string, unknown>>;
  const groups: Array<{ owner: string; items: OutstandingItemRead[] }> = [];
  for (const block of body) {
    if (block.type !== 'Container' || block.separator !== true) continue;
    const [heading, ...rest] = block.items as Array<Record<string, unknown>>;
    if (heading?.type !== 'TextBlock' || heading.size !== 'Medium') continue;
    const items = rest.map((item) => {
      const parts = item.items as Array<Record<string, unknown>>;
      const [head, , ...more] = parts;
      const blocks = more.filter((p) => p.type === 'TextBlock');
      const flags = blocks.filter((p) => p.color !== undefined).map((p) => String(p.text));
      const lines = blocks.filter((p) => p.color === undefined).map((p) => String(p.text));
      const buttons = executeActions(more.filter((p) => p.type === 'ActionSet'));
      const actionId = buttons[0]?.data.actionId;
      return {
        head: String(head?.text),
        flags,
        lines,
        verbs: buttons.map((b) => b.verb),
        ...(typeof actionId === 'string' ? { actionId } : {}),
      };
    });
    groups.push({ owner: String(heading.text), items });
  }
  return groups;
}

/** The owner's personal conversation id in the bot's stored reference, if the bot knows one. */
export async function storedDm(
  board: Board,
  user: TeamsUser,
): Promise<{ conversation?: { id?: string }; user?: { id?: string }; serviceUrl?: string } | null> {
  const record = await board.bot.stores.conversations.get(board.t.scope.tenant, 'personal', user.aadObjectId);
  return record
    ? (JSON.parse(record.reference) as { conversation?: { id?: string }; user?: { id?: string }; serviceUrl?: string })
    : null;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function median(values: number[]): number {
  return percentile(values, 50);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

/** Every card the bot sent or updated through the channel so far passes validateCard; returns how many. */
export function expectEveryCardValid(bot: BotUnderTest): number {
  return validCards([...bot.channel.sent(), ...bot.channel.updates()]).length;
}

/** Closes a board's bot after checking every card it sent or updated. */
export async function closeBoard(board: Board | undefined): Promise<void> {
  if (!board) return;
  try {
    expectEveryCardValid(board.bot);
  } finally {
    await board.bot.close();
  }
}
