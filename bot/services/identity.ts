// Who is asking. A Teams caller is known by their Microsoft Entra object id (and tenant), never by
// the display name or anything a card carries. They are linked to the directory by email the first
// time they are seen; a link never moves to another account by email (whoever's roster entry
// carried that email would become them): that account is a stranger, and only the secretariat unlinks.
import { isAlreadyExists, isConflict } from '../../storage/errors.ts';
import type { StoredPerson } from '../../storage/people.ts';
import { formatLondon } from '../rules/dates.ts';
import { MAX_LINE } from '../rules/limits.ts';
import { mayUnlink } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import { oneLine, unsafeCharacter } from '../rules/text.ts';
import type { Actor, Channel, Person, RefusedLink } from '../rules/types.ts';
import type { Logger } from '../log.ts';
import { findPerson } from './people.ts';
import type { BoardContext } from './board-context.ts';

export interface Caller {
  aadObjectId: string;
  name: string;
  /** Email or user principal name, when the channel could tell. */
  email?: string;
  /** The Teams user id ('29:...') Teams gave with it: kept on the person, whom card refreshes name by it. */
  teamsUserId?: string;
}

/** A Teams account to link: its Entra object id, its display name (shown if it is refused), its Teams user id. */
export type Account = Pick<Caller, 'aadObjectId' | 'name' | 'teamsUserId'>;

/** The refused accounts kept on a person: the latest few, so a flood of them stays small. */
export const MAX_REFUSED_LINKS = 3;

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
  t: BoardContext,
  caller: Caller,
  channel: Channel,
  lookupEmail?: () => Promise<string | undefined>,
  log?: Logger,
): Promise<{ actor: Actor; person?: Person }> {
  const people = t.stores.people;
  const known = await people.byTeamsId(t.scope, caller.aadObjectId);
  if (known) {
    const person = await withTeamsUserId(t, known, caller);
    return { actor: actorOf(person, channel), person };
  }
  const email = caller.email ?? (await lookupEmail?.());
  if (!email) return { actor: strangerOf(caller, channel) };
  const linked = await linkByEmail(t, email, caller, log);
  return linked ? { actor: actorOf(linked, channel), person: linked } : { actor: strangerOf(caller, channel) };
}

export type LinkResult =
  /** Linked to this account, now or before. */
  | { kind: 'linked'; person: Person }
  /** Nobody in the directory is that. */
  | { kind: 'none' }
  /** The person is linked to another account: not linked, and the attempt is kept on them. */
  | { kind: 'refused'; person: Person };

/** Links the directory person with this email (any case), or with this id, to the account, unless they are linked to another. */
export async function linkAccount(
  t: BoardContext,
  who: { email: string } | { personId: string },
  account: Account,
  log?: Logger,
): Promise<LinkResult> {
  const people = t.stores.people;
  return link(
    t,
    () => ('email' in who ? people.byEmail(t.scope, who.email) : people.get(t.scope, who.personId)),
    account,
    log,
  );
}

/** The directory person with this email, linked to this account; null if there is none or they are linked to another. */
export async function linkByEmail(
  t: BoardContext,
  email: string,
  account: Account | string,
  log?: Logger,
): Promise<Person | null> {
  const result = await linkAccount(
    t,
    { email },
    typeof account === 'string' ? { aadObjectId: account, name: '' } : account,
    log,
  );
  return result.kind === 'linked' ? result.person : null;
}

const sameId = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

/** The Teams user id to keep from what Teams said, if it is one worth keeping and not the one kept. */
function newTeamsUserId(person: Person, account: Account): string | undefined {
  const id = account.teamsUserId?.trim();
  if (!id || id.length > MAX_LINE || unsafeCharacter(id) || /\s/.test(id) || id === person.teamsUserId)
    return undefined;
  return id;
}

/**
 * The linked person with the Teams user id this account came with (Teams may change it, e.g. when
 * the app is reinstalled). Not kept if someone else saved the person meanwhile: the next activity will.
 */
async function withTeamsUserId(t: BoardContext, stored: StoredPerson, account: Account): Promise<Person> {
  const teamsUserId = newTeamsUserId(stored.person, account);
  if (!teamsUserId) return stored.person;
  const next = { ...stored.person, teamsUserId };
  try {
    await t.stores.people.save(t.scope, next, stored);
    return next;
  } catch (err) {
    if (isConflict(err)) return stored.person;
    throw err;
  }
}

/** Records the Teams id on the person `find` reads, if they have none; refuses (and keeps) another one. */
async function link(
  t: BoardContext,
  find: () => Promise<StoredPerson | null>,
  account: Account,
  log?: Logger,
): Promise<LinkResult> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const stored = await find();
    if (!stored) return { kind: 'none' };
    const { person } = stored;
    if (sameId(person.aadObjectId, account.aadObjectId))
      return { kind: 'linked', person: await withTeamsUserId(t, stored, account) };
    const teamsUserId = newTeamsUserId(person, account);
    const next = person.aadObjectId
      ? withRefused(person, account, t.now())
      : { ...person, aadObjectId: account.aadObjectId, ...(teamsUserId ? { teamsUserId } : {}) };
    try {
      if (next !== person) await t.stores.people.save(t.scope, next, stored);
    } catch (err) {
      // 409: this Teams id is linked to someone else; 412: someone else saved the person first.
      if (isAlreadyExists(err)) return { kind: 'none' };
      if (isConflict(err)) continue;
      throw err;
    }
    if (!person.aadObjectId) return { kind: 'linked', person: next };
    log?.warn('identity.link_refused', {
      tenant: t.scope.tenant,
      board: t.scope.board,
      personId: person.id,
      linkedTo: person.aadObjectId,
      account: account.aadObjectId,
    });
    return { kind: 'refused', person: next };
  }
  return { kind: 'none' };
}

/** The person with this refused account kept (once per account, the latest few), or the same person if it is kept already. */
function withRefused(person: Person, account: Account, now: Date): Person {
  const kept = person.refusedLinks ?? [];
  if (kept.some((r) => sameId(r.aadObjectId, account.aadObjectId))) return person;
  // A display name comes from Teams, not from us: kept only if it is text, and on one line.
  const name = unsafeCharacter(account.name) ? '' : oneLine(account.name).slice(0, MAX_LINE);
  const entry: RefusedLink = { aadObjectId: account.aadObjectId, name, at: now.toISOString() };
  return { ...person, refusedLinks: [...kept, entry].slice(-MAX_REFUSED_LINKS) };
}

/** What the secretariat reads of the refused accounts: a line each, oldest first. */
export function refusedLinkLines(people: readonly Person[]): string[] {
  return people.flatMap((p) =>
    (p.refusedLinks ?? []).map(
      (r) =>
        `Another Teams account (${r.name || 'no name'}) tried to sign in as ${p.name} (${p.initials}) on ${formatLondon(r.at)}: not linked.`,
    ),
  );
}

/**
 * Forgets a person's Teams account (the secretariat's decision, e.g. after a refused account that
 * is really theirs): the next account that comes with their email is linked. `who` is an email,
 * initials, an alias or a name. The refused accounts kept on them, and their Teams user id, go too:
 * they were about that link.
 */
export async function unlinkPerson(
  t: BoardContext,
  actor: Actor,
  who: string,
): Promise<{ person: Person; was?: string }> {
  const ok = mayUnlink(actor);
  if (!ok.ok) throw new RefusedError(ok.reason);
  for (let attempt = 1; ; attempt++) {
    const stored = await findPerson(t, who);
    const { aadObjectId: was, refusedLinks, teamsUserId: _teamsUserId, ...rest } = stored.person;
    if (!was && !refusedLinks) return { person: stored.person };
    try {
      return { person: (await t.stores.people.save(t.scope, rest, stored)).person, ...(was ? { was } : {}) };
    } catch (err) {
      if (!isConflict(err) || attempt >= 5) throw err;
    }
  }
}

/** What the secretariat is told after unlinkPerson. */
export function describeUnlink({ person, was }: { person: Person; was?: string }): string {
  const who = `${person.name} (${person.initials})`;
  return was
    ? `${who} is no longer linked to a Teams account: the next account that comes with their email is linked.`
    : `${who} was not linked to a Teams account.`;
}
