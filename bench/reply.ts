// Benchmark 1: an owner's reply round trip. The real bot (botbuilder CloudAdapter behind the server's
// HTTP app) answers `adaptiveCard/action` invokes shaped as Teams sends them, over real HTTP, storing
// in Azurite, and returns the refreshed card; every answer is checked (a "Saved" card showing the
// note just sent, at the next version) and failures are counted, never timed as successes.
// The floor (reply-floor.ts) runs on the same Azurite, interleaved with the product in blocks so
// both see the same machine load.
import { ADAPTIVE, textOf, versionOf } from '../tests/helpers/bot-board.ts';
import { startBot, type BotUnderTest } from '../tests/helpers/bot-harness.ts';
import { adaptiveCardInvoke, postActivity } from '../tests/helpers/teams-activities.ts';
import { validateCard } from '../tests/helpers/validate-card.ts';
import { seedBoard, type SeededBoard } from './board.ts';
import { mark } from './marks.ts';
import { openReplyFloor, rowsOfAction } from './reply-floor.ts';
import { stats, type Stats } from './stats.ts';

/** A set of timed replies: their figures, and what went wrong with those that failed. */
export interface Timed extends Stats {
  failed: number;
  /** The distinct problems seen, with how often. */
  problems: string[];
}

export interface ReplyResult {
  board: { people: number; actions: number };
  floor: Stats;
  single: Timed;
  /** 50 owners at once, each on an action of their own (rounds of 50). */
  manyActions: Timed;
  /** 50 replies at once to the same action (rounds of 50). */
  oneAction: Timed;
  concurrency: number;
  /** This process's RSS (the bot; Azurite runs apart) once the benchmark is done. */
  rss: number;
}

export interface ReplyOptions {
  warmup: number;
  reps: number;
  concurrency: number;
  rounds: number;
}

interface Answer {
  ms: number;
  problem?: string;
  version?: number;
}

const BOARD = { people: 60, owners: 50, meetings: 4, actionsPerMeeting: 50 };

/** One reply as Teams sends it; the answer checked: a "Saved" card with this note at a later version. */
async function replyOnce(
  bot: BotUnderTest,
  board: SeededBoard,
  actionId: string,
  version: number,
  status: string,
  note: string,
): Promise<Answer & { card?: unknown }> {
  const owner = board.ownerOf.get(actionId);
  if (!owner) return { ms: 0, problem: `no owner for ${actionId}` };
  const activity = adaptiveCardInvoke(
    owner,
    { verb: 'action.reply', data: { board: 'PAM', actionId, version }, inputs: { status, note } },
    board.dm,
  );
  const started = performance.now();
  try {
    const res = await postActivity(bot.url, activity, { timeoutMs: 60_000 });
    const ms = performance.now() - started;
    if (res.status !== 200) return { ms, problem: `HTTP ${res.status}` };
    const body = res.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
    if (body?.statusCode !== 200 || body.type !== ADAPTIVE)
      return { ms, problem: `invoke answered ${String(body?.statusCode)} ${String(body?.type)}` };
    const lines = textOf(body.value).split('\n');
    const got = versionOf(body.value);
    if (!lines.some((l) => l.startsWith('Saved: ')))
      return { ms, problem: lines.find((l) => /saved/i.test(l)) ?? lines.slice(0, 2).join(' / ') };
    if (!lines.some((l) => l.includes(note))) return { ms, problem: 'the card does not show the note just saved' };
    if (got === undefined || got <= version)
      return { ms, problem: `the card is at version ${String(got)}, not after ${version}` };
    return { ms, version: got, card: body.value };
  } catch (err) {
    return {
      ms: performance.now() - started,
      problem: `request failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** Figures over every answer; failures (and `more` problems found afterwards) counted apart. */
function timed(answers: Answer[], more: string[] = []): Timed {
  const problems = new Map<string, number>();
  for (const p of [...answers.flatMap((a) => (a.problem ? [a.problem] : [])), ...more])
    problems.set(p, (problems.get(p) ?? 0) + 1);
  return {
    ...stats(answers.map((a) => a.ms)),
    failed: answers.filter((a) => a.problem).length + more.length,
    problems: [...problems].map(([p, k]) => `${k} x ${p}`),
  };
}

export async function benchReply(connectionString: string, o: ReplyOptions): Promise<ReplyResult> {
  const bot = await startBot({ tablesConnectionString: connectionString, logLevel: 'info' });
  try {
    const board = await seedBoard(bot, BOARD);
    // One action for each of the first `concurrency` owners; their versions as the cards show them.
    const targets = board.actions.slice(0, o.concurrency).map((a) => a.id);
    const version = new Map(targets.map((id) => [id, 1]));
    let n = 0;
    // Each reply flips its action's status (in progress <-> blocked) and adds a note.
    const next = async (
      id: string,
      status = (version.get(id) ?? 1) % 2 ? 'in_progress' : 'blocked',
    ): Promise<Answer> => {
      n++;
      const answer = await replyOnce(bot, board, id, version.get(id) ?? 1, status, `Progress report ${n} on ${id}`);
      if (answer.version !== undefined) version.set(id, answer.version);
      return answer;
    };

    // Warm-up, which also gives every target a history entry to copy; the first card is validated.
    mark('warm-up');
    const warm: Answer[] = [];
    for (let i = 0; i < o.warmup; i++) warm.push(await next(targets[i % targets.length] ?? ''));
    const first = await replyOnce(
      bot,
      board,
      targets[0] ?? '',
      version.get(targets[0] ?? '') ?? 1,
      'in_progress',
      'Checked card',
    );
    if (first.version !== undefined) version.set(targets[0] ?? '', first.version);
    const invalid = (first.card ? validateCard(first.card) : [first.problem ?? 'no card']).map(
      (p) => `the reply card is not valid: ${p}`,
    );

    // The floor and the product in alternating blocks (the floor warms up first).
    const floor = await openReplyFloor(
      connectionString,
      await rowsOfAction(bot.tables.client('actions'), targets[0] ?? ''),
      o.concurrency,
    );
    const floorTimes: number[] = [];
    const single: Answer[] = [];
    mark('one owner at a time (and the floor)');
    try {
      for (let i = 0; i < o.warmup; i++) await floor.once(i);
      const block = 25;
      for (let done = 0; done < o.reps; done += block) {
        for (let i = 0; i < block; i++) floorTimes.push(await floor.once(done + i));
        for (let i = 0; i < block; i++) single.push(await next(targets[(done + i) % targets.length] ?? ''));
      }
    } finally {
      await floor.close();
    }

    // 50 owners at once, each on their own action.
    mark(`${o.concurrency} owners at once`);
    const many: Answer[] = [];
    for (let r = 0; r < o.rounds; r++) {
      many.push(...(await Promise.all(targets.map((id) => next(id)))));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    // 50 replies at once to one action, all drawn from the same card version. The action is made
    // 'in progress' first and every reply says 'in progress' with a note of its own: none undoes
    // another, so the product should save every one.
    const one = targets[0] ?? '';
    const oneAnswers: Answer[] = [];
    const lostWrites: string[] = [];
    mark(`${o.concurrency} replies at once to one action`);
    const ready = await next(one, 'in_progress');
    if (ready.problem) lostWrites.push(`(setting it in progress) ${ready.problem}`);
    for (let r = 0; r < o.rounds; r++) {
      const drawn = version.get(one) ?? 1;
      const round = await Promise.all(
        targets.map((_, i) => replyOnce(bot, board, one, drawn, 'in_progress', `Joint update ${r}.${i} on ${one}`)),
      );
      oneAnswers.push(...round);
      const stored = await bot.stores.actions.get(board.t.scope, one);
      const saved = round.filter((a) => !a.problem).length;
      const now = stored?.action.version ?? 0;
      if (now !== drawn + saved)
        lostWrites.push(`stored version ${now} after ${saved} saved replies from version ${drawn}`);
      version.set(one, now);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    mark('end');
    // A failure is a failure, in the warm-up too; so is an invalid card.
    const warmFailures = [...warm.flatMap((a) => (a.problem ? [`(warm-up) ${a.problem}`] : [])), ...invalid];
    return {
      board: { people: BOARD.people, actions: board.actions.length },
      floor: stats(floorTimes),
      single: timed(single, warmFailures),
      manyActions: timed(many),
      oneAction: timed(oneAnswers, lostWrites),
      concurrency: o.concurrency,
      rss: process.memoryUsage().rss,
    };
  } finally {
    await bot.close();
  }
}
