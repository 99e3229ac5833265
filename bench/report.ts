// Benchmarks 1 and 2 as the markdown bench/RESULTS.md holds: tables, then each target with PASS/MISS.
import type { BroadcastResult } from './broadcast.ts';
import type { ReplyResult, Timed } from './reply.ts';
import { ms, verdict } from './stats.ts';

const x = (ratio: number): string => `${ratio.toFixed(2)}x`;
const failures = (t: Timed): string => (t.failed === 0 ? '0' : `**${t.failed}**`);

export function replyLines(r: ReplyResult): string[] {
  const c = r.concurrency;
  const row = (name: string, t: Timed): string =>
    `| ${name} | ${t.n} | ${failures(t)} | ${ms(t.median)} | ${ms(t.p95)} |`;
  const ratio = r.single.median / r.floor.median;
  const many = r.manyActions.p95 / r.single.median;
  const one = r.oneAction.p95 / r.single.median;
  const clean = (t: Timed): string => (t.failed === 0 ? '' : ` (and ${t.failed} failed: MISS whatever the time)`);
  const problems = [r.single, r.manyActions, r.oneAction].flatMap((t) => t.problems);
  return [
    `Board: ${r.board.people} people, ${r.board.actions} actions; each owner's \`action.reply\` invoke (a status and a note) over HTTP to the bot, stored in ${process.env.BENCH_STORE === 'embedded' ? "the embedded store (in the bot's process, saving to disk)" : 'Azurite (a process of its own)'}, answered with the refreshed card, which is checked ("Saved", the note, the next version).`,
    '',
    '| run | replies | failed | median | p95 |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| floor: point read + one transaction (TableClient, same Azurite) | ${r.floor.n} | — | ${ms(r.floor.median)} | ${ms(r.floor.p95)} |`,
    row('one owner at a time, in turn over 50 actions', r.single),
    row(`${c} owners at once, each on their own action`, r.manyActions),
    row(`${c} replies at once to one action (same card version)`, r.oneAction),
    '',
    `Target: median <= 1.5x the floor: ${ms(r.single.median)} / ${ms(r.floor.median)} = ${x(ratio)} — ${verdict(ratio <= 1.5 && r.single.failed === 0)}${clean(r.single)}.`,
    '',
    `Target: p95 at ${c} concurrent < 10x the single-user median (${ms(r.single.median)}): ${c} actions ${ms(r.manyActions.p95)} = ${x(many)} — ${verdict(many < 10 && r.manyActions.failed === 0)}${clean(r.manyActions)}; one action ${ms(r.oneAction.p95)} = ${x(one)} — ${verdict(one < 10 && r.oneAction.failed === 0)}${clean(r.oneAction)}.`,
    '',
    ...(problems.length ? ['Failures:', '', ...problems.map((p) => `- ${p}`), ''] : []),
  ];
}

export function broadcastLines(rounds: BroadcastResult[]): string[] {
  const [firstRound] = rounds;
  if (!firstRound) return ['No broadcast ran.', ''];
  const rate = firstRound.tenantRate;
  const secs = (m: number): string => `${(m / 1000).toFixed(1)} s`;
  const lines = [
    `${firstRound.owners.toLocaleString('en-GB')} owners seen in the board's team; two broadcasts of ${firstRound.toOwners.toLocaleString('en-GB')} owner cards each (plus the channel's summary of each meeting), queued by the product's own queueing and drained by the bot's outbox sender (tenant rate ${rate}/s) to the Teams stand-in: 7/s per conversation and ${rate}/s per tenant on every call, 10% of calls answered 429 with Retry-After. The first broadcast opens each owner's 1:1 chat (2 calls a card), the next finds it known (1 call a card).`,
    '',
    '| broadcast | messages accepted | first to last | message rate | calls accepted (messages + chats opened) | call rate | every call (429s too) | its rate | most in one second | queueing to last | 429 at random | 429 over a limit | items retried | lost | duplicates | failed items |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rounds.map(
      (r) =>
        `| ${r.label} | ${r.messages.toLocaleString('en-GB')} | ${secs(r.spanMs)} | ${r.rate.toFixed(1)}/s | ${r.calls.toLocaleString('en-GB')} | ${r.callRate.toFixed(1)}/s | ${r.allCalls.toLocaleString('en-GB')} | ${r.allCallRate.toFixed(1)}/s | ${r.busiestSecond} | ${secs(r.wallMs)} | ${r.random429} | ${r.limit429} | ${r.retried} | ${r.lost} | ${r.duplicates} | ${r.failed.length} |`,
    ),
    '',
  ];
  for (const r of rounds) {
    // The tenant limit counts every call, the ones refused at random too: a card that needs two calls
    // can go at most at half the rate, and only the calls not refused carry cards.
    const perSecond = rate * (1 - r.failRate);
    const allowed = perSecond / r.callsPerCard;
    const share = r.rate / allowed;
    const ok = share >= 0.95 && r.lost === 0 && r.duplicates === 0 && r.failed.length === 0 && !r.timedOut;
    lines.push(
      `Broadcast "${r.label}": floor ${r.toOwners.toLocaleString('en-GB')} cards x ${r.callsPerCard} call${r.callsPerCard > 1 ? 's' : ''} / (${rate} per second less the ${(r.failRate * 100).toFixed(0)}% refused at random) = ${((r.toOwners * r.callsPerCard) / perSecond).toFixed(0)} s, an allowed rate of ${allowed.toFixed(1)} cards/s. Target >= 95% of it, none lost, none twice: ${r.rate.toFixed(1)}/s = ${(share * 100).toFixed(0)}%, ${r.lost} lost, ${r.duplicates} duplicates — ${verdict(ok)}${r.timedOut ? ' (stopped waiting: timed out)' : ''}.`,
      '',
      `Broadcast "${r.label}": target no call over Teams' limits (0 answered 429 for going over one; at most ${rate} calls in any second, 429s included): ${r.limit429} over a limit, at most ${r.busiestSecond} in one second — ${verdict(r.limit429 === 0 && r.busiestSecond <= rate)}.`,
      '',
      ...(r.failed.length ? ['Failed items (first 5):', '', ...r.failed.slice(0, 5).map((f) => `- ${f}`), ''] : []),
    );
  }
  return lines;
}
