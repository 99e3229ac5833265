// Who is asking. A Teams caller is known by their Microsoft Entra object id (and tenant), never by
// the display name or anything a card carries. The first time someone is seen, they are linked to
// the directory by email (Teams gives it through the roster), and from then on by their id.
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { Actor, Channel, Person } from '../tracker/types.ts';
import type { Tracker } from './tracker.ts';

export interface Caller {
  aadObjectId: string;
  name: string;
  /** Email or user principal name, when the channel could tell. */
  email?: string;
}

export function actorOf(person: Person, channel: Channel): Actor {
  return { id: person.id, name: person.name, personId: person.id, role: person.role, channel };
}

/** Somebody the directory does not know: they may ask for help, and nothing else. */
export function strangerOf(caller: Caller, channel: Channel): Actor {
  return { id: `aad:${caller.aadObjectId}`, name: caller.name, channel };
}

/**
 * The directory person behind a Teams caller, linking them by email on first sight.
 * `lookupEmail` is asked only when the caller is not yet linked and gave no email.
 */
export async function identify(
  t: Tracker,
  caller: Caller,
  channel: Channel,
  lookupEmail?: () => Promise<string | undefined>,
): Promise<{ actor: Actor; person?: Person }> {
  const people = t.stores.people;
  const known = await people.byTeamsId(t.scope, caller.aadObjectId);
  if (known) return { actor: actorOf(known.person, channel), person: known.person };
  const email = caller.email ?? (await lookupEmail?.());
  if (!email) return { actor: strangerOf(caller, channel) };
  const linked = await linkByEmail(t, email, caller.aadObjectId);
  return linked ? { actor: actorOf(linked, channel), person: linked } : { actor: strangerOf(caller, channel) };
}

/** Records the Teams id of the directory person with this email; null if there is none. */
export async function linkByEmail(t: Tracker, email: string, aadObjectId: string): Promise<Person | null> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const stored = await t.stores.people.byEmail(t.scope, email);
    if (!stored) return null;
    if (stored.person.aadObjectId?.toLowerCase() === aadObjectId.toLowerCase()) return stored.person;
    try {
      return (await t.stores.people.save(t.scope, { ...stored.person, aadObjectId }, stored)).person;
    } catch (err) {
      // 412: someone else saved the person first; 409: this Teams id is linked to someone else.
      if (isAlreadyExists(err)) return null;
      if (!isConflict(err)) throw err;
    }
  }
  return null;
}
