// Reading a team's roster (paged) to link its members to the directory, by email first and then
// by exact name, to keep what is needed to open a 1:1 chat with each of them later, and to send
// each member linked the cards that were waiting for them.
import { TeamsInfo, type ChannelAccount, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { Logger } from '../log.ts';
import { releaseWaiting } from '../outbox/release.ts';
import { linkAccount } from '../services/identity.ts';
import type { BoardContext } from '../services/board-context.ts';
import type { Person } from '../rules/types.ts';

export interface RosterReport {
  members: number;
  linked: number;
  /** Members the directory has no entry for (they can still use the bot for help). */
  unknown: number;
  /** Members whose email is a directory person's who is linked to another account: not linked (see identity.ts). */
  refused: number;
  /** Cards that were waiting for the members linked, now on their way. */
  released: number;
}

const PAGE = 100;
const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

export async function syncRoster(context: TurnContext, t: BoardContext, log: Logger): Promise<RosterReport> {
  const report: RosterReport = { members: 0, linked: 0, unknown: 0, refused: 0, released: 0 };
  const directory = (await t.stores.people.list(t.scope)).map((p) => p.person);
  // Whom cards wait for, read once: most members have none.
  const waitedFor = new Set(
    (await t.stores.outbox.waiting(t.scope.tenant, t.scope.board)).flatMap((i) =>
      i.target.kind === 'waiting' ? [i.target.personId] : [],
    ),
  );
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, PAGE, token);
    for (const member of page.members) {
      report.members++;
      const linked = await link(t, member, directory, log);
      report[linked.kind]++;
      if (member.aadObjectId) await rememberReachable(context, t, member);
      // Linked, and a chat with them can be opened: what waited for them goes now (for someone linked
      // just now, whatever waits, even a card written since the list above was read).
      if (linked.kind === 'linked' && (linked.now || waitedFor.has(linked.person.id)))
        report.released += await releaseWaiting(t, linked.person);
    }
    token = page.continuationToken || undefined;
  } while (token);
  if (report.unknown) log.info('teams.roster_unknown', { unknown: report.unknown, board: t.scope.board });
  return report;
}

/** `now`: linked by this read of the roster. */
type Linked = { kind: 'linked'; person: Person; now: boolean } | { kind: 'unknown' | 'refused' };

/** Links a member as a message from them would (identity.ts): never over another account's link. */
async function link(t: BoardContext, member: TeamsChannelAccount, directory: Person[], log: Logger): Promise<Linked> {
  const aad = member.aadObjectId;
  if (!aad) return { kind: 'unknown' };
  const account = { aadObjectId: aad, name: member.name ?? '', teamsUserId: member.id };
  const known = directory.find((p) => p.aadObjectId?.toLowerCase() === aad.toLowerCase());
  if (known) {
    // Linked before: only its Teams user id may be new.
    if (known.teamsUserId === member.id) return { kind: 'linked', person: known, now: false };
    const again = await linkAccount(t, { personId: known.id }, account, log);
    return { kind: 'linked', person: again.kind === 'linked' ? again.person : known, now: false };
  }
  const email = member.email ?? member.userPrincipalName;
  const byEmail = email ? await linkAccount(t, { email }, account, log) : { kind: 'none' as const };
  if (byEmail.kind === 'linked') return { ...byEmail, now: true };
  if (byEmail.kind === 'refused') return { kind: 'refused' };
  // A directory entry without an email, matched by its exact full name, only if nobody else shares it.
  const named = directory.filter((p) => !p.email && !p.aadObjectId && norm(p.name) === norm(member.name ?? ''));
  if (named.length !== 1 || !named[0]) return { kind: 'unknown' };
  const byName = await linkAccount(t, { personId: named[0].id }, account, log);
  if (byName.kind === 'linked') return { ...byName, now: true };
  return { kind: byName.kind === 'none' ? 'unknown' : 'refused' };
}

/**
 * Where to open a 1:1 chat with this member (seen in a roster, or writing in a channel or group
 * chat), unless a chat with them is already known: the sender opens it the first time it has a card.
 */
export async function rememberReachable(
  context: TurnContext,
  t: BoardContext,
  member: Pick<ChannelAccount, 'id' | 'name' | 'aadObjectId'>,
): Promise<void> {
  const aad = member.aadObjectId;
  if (!aad || (await t.stores.conversations.get(t.scope.tenant, 'personal', aad))) return;
  const a = context.activity;
  const tenantId: string | undefined = a.channelData?.tenant?.id ?? a.conversation?.tenantId;
  await t.stores.conversations.save(t.scope.tenant, {
    kind: 'personal',
    id: aad,
    reference: JSON.stringify({
      serviceUrl: a.serviceUrl,
      channelId: a.channelId,
      bot: a.recipient,
      user: { id: member.id, name: member.name, aadObjectId: aad },
      tenantId,
    }),
    updatedAt: new Date().toISOString(),
  });
}
