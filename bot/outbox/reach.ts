// Whether the bot can send a directory person anything, and why not: one check and one wording
// for every card queued (owners, respondents, delegates, chasers, digests). A card for someone not
// reachable yet waits in the outbox for them (release.ts sends it once they are).
import type { OutboxTarget } from '../../storage/outbox.ts';
import type { Person, Scope } from '../rules/types.ts';

export const NOT_IN_DIRECTORY = 'not in the directory';
/** Known, but never seen in Teams: no conversation to send to yet. */
export const NOT_REACHABLE = 'not yet reachable in Teams';
/** What makes someone reachable, for the reports people read. */
export const REACH_ADVICE = 'add them to the board’s team, or ask them to install the app';
/** What happens to a card that waits, said of the person it waits for. */
export const ON_REACH = 'they will get it as soon as they are reachable in Teams';

export type Reach = { ok: true; target: OutboxTarget } | { ok: false; reason: string };

/** Where a person's cards go (their 1:1 chat, opened on demand), or why they cannot. */
export function reachOf(tenant: string, person: Person | undefined): Reach {
  if (!person) return { ok: false, reason: NOT_IN_DIRECTORY };
  if (!person.aadObjectId) return { ok: false, reason: NOT_REACHABLE };
  return { ok: true, target: { kind: 'person', tenant, aadObjectId: person.aadObjectId } };
}

/** Where a directory person's card goes: to them if they are reachable, else waiting for them. */
export function targetFor(scope: Scope, person: Person): OutboxTarget {
  const reach = reachOf(scope.tenant, person);
  return reach.ok ? reach.target : { kind: 'waiting', tenant: scope.tenant, board: scope.board, personId: person.id };
}

/** Thrown by a delivery that finds no way to the person yet: the sender puts the item back to wait for them. */
export class NotYetReachable extends Error {
  constructor(readonly waitFor: Extract<OutboxTarget, { kind: 'waiting' }>) {
    super(`${NOT_REACHABLE}: waiting for them`);
  }
}
