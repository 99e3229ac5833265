// Cards waiting for a person go on their way the moment the bot can reach them: a team's roster
// read, a member added, a personal install, their first message (bot/teams), and at start for
// anyone reached while no process could release their cards (a restart between the two). Each card
// moves from waiting to queued on its ETag, so it is released once however many try at once.
import type { BoardContext, Stores } from '../services/board-context.ts';
import type { Logger } from '../log.ts';
import type { Person } from '../rules/types.ts';
import { reachOf } from './reach.ts';

/** Puts the person's waiting cards on their way, if they are reachable now; how many went. */
export async function releaseWaiting(t: BoardContext, person: Person): Promise<number> {
  const reach = reachOf(t.scope.tenant, person);
  if (!reach.ok) return 0;
  const waiting = await t.stores.outbox.waiting(t.scope.tenant, t.scope.board, person.id);
  let released = 0;
  for (const item of waiting) if (await t.stores.outbox.reopen(item.id, ['waiting'], reach.target, t.now())) released++;
  return released;
}

/** Every waiting card whose person is reachable by now, on its way (at start); how many went. */
export async function releaseReachable(
  stores: Stores,
  log: Logger,
  now: () => Date = () => new Date(),
): Promise<number> {
  const people = new Map<string, { tenant: string; board: string; personId: string }>();
  for (const item of await stores.outbox.list('waiting', Number.MAX_SAFE_INTEGER)) {
    if (item.target.kind !== 'waiting') continue;
    const { tenant, board, personId } = item.target;
    people.set(JSON.stringify([tenant, board, personId]), { tenant, board, personId });
  }
  let released = 0;
  for (const { tenant, board, personId } of people.values()) {
    const scope = { tenant, board };
    const person = (await stores.people.get(scope, personId))?.person;
    if (!person) continue;
    const n = await releaseWaiting({ scope, stores, now }, person);
    if (n > 0) log.info('outbox.released', { tenant, board, personId, cards: n, at: 'start' });
    released += n;
  }
  return released;
}
