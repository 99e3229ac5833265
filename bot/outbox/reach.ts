// Whether the bot can send a directory person anything, and why not: one check and one wording
// for every card queued (owners, respondents, delegates, chasers, digests).
import type { OutboxTarget } from '../../storage/outbox.ts';
import type { Person } from '../rules/types.ts';

export const NOT_IN_DIRECTORY = 'not in the directory';
/** Known, but never seen in Teams: no conversation to send to yet. */
export const NOT_REACHABLE = 'not yet reachable in Teams';
/** What makes someone reachable, for the reports people read. */
export const REACH_ADVICE = 'add them to the board’s team, or ask them to install the app';

export type Reach = { ok: true; target: OutboxTarget } | { ok: false; reason: string };

/** Where a person's cards go (their 1:1 chat, opened on demand), or why they cannot. */
export function reachOf(tenant: string, person: Person | undefined): Reach {
  if (!person) return { ok: false, reason: NOT_IN_DIRECTORY };
  if (!person.aadObjectId) return { ok: false, reason: NOT_REACHABLE };
  return { ok: true, target: { kind: 'person', tenant, aadObjectId: person.aadObjectId } };
}
