// What people are told about cards sent on the bot's own initiative: how many are on the way, whom
// the others wait for and what will happen to them, whom no card can go to. One wording for the
// chat's and the CLI's reports, `people` and `outstanding`.
import type { NotifyReport, Waiting } from './queue.ts';
import { ON_REACH, REACH_ADVICE } from './reach.ts';

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The most people a sentence names; the rest are counted. */
const NAMED = 8;

/** 'Kim Patel (KP)', or with several people 'Kim Patel (KP, 2 cards), Alex Wong (AW, 1 card) and 3 others'. */
export function whoWaits(waiting: readonly Waiting[]): string {
  const named = waiting
    .slice(0, NAMED)
    .map((w) =>
      waiting.length === 1 ? `${w.name} (${w.initials})` : `${w.name} (${w.initials}, ${count(w.cards, 'card')})`,
    );
  const others = waiting.length - named.length;
  const all = others > 0 ? [...named, count(others, 'other')] : named;
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} and ${all.at(-1) ?? ''}` : (all[0] ?? '');
}

/** The cards waiting, for whom, and what will happen to them. */
export function waitingSentence(waiting: readonly Waiting[]): string {
  const cards = waiting.reduce((n, w) => n + w.cards, 0);
  const when =
    waiting.length === 1
      ? `${count(cards, 'card')}, sent as soon as they are reachable in Teams`
      : `${count(cards, 'card')}, each sent as soon as its person is reachable in Teams`;
  return `Waiting for ${whoWaits(waiting)}: ${when} (${REACH_ADVICE}).`;
}

/**
 * A report's lines: the cards on their way to `to` ('owners', 'respondents', a person), those
 * waiting, and whom no card can go to. `cli`: the CLI only queues, a running server sends.
 */
export function notifyLines(report: NotifyReport, to: string, how: 'chat' | 'cli'): string[] {
  const n = report.toOwners;
  const head =
    n > 0
      ? how === 'cli'
        ? `${count(n, 'card')} queued for ${to}: a running server sends them.`
        : `${count(n, 'card')} on the way to ${to}.`
      : report.waiting.length
        ? undefined
        : report.alreadySent
          ? `No new card for ${to}: theirs were sent or queued before (${how === 'cli' ? 'cards resend' : 'resend'} and someone's initials, or a meeting's date, sends them again).`
          : `No card for ${to}.`;
  const notSent = how === 'cli' ? 'not sent to' : 'Not sent to';
  return [
    ...(head ? [head] : []),
    ...(report.waiting.length ? [waitingSentence(report.waiting)] : []),
    ...new Set(report.unreachable.map((u) => `${notSent} ${u.owner}: ${u.reason}`)),
  ];
}

/** What an owner (or respondent) is told on handing an item to `label`, whose card may wait for them. */
export function handedOver(label: string, waits: boolean, can: 'reply' | 'answer'): string {
  return `Handed to ${label}: ${waits ? ON_REACH : `they can ${can}`}; you stay accountable.`;
}
