// Reading a team's roster (paged) to link its members to the directory, by email first and then
// by exact name, and to keep what is needed to open a 1:1 chat with each of them later.
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import type { Logger } from '../log.ts';
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
}

const PAGE = 100;
const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

export async function syncRoster(context: TurnContext, t: BoardContext, log: Logger): Promise<RosterReport> {
  const report: RosterReport = { members: 0, linked: 0, unknown: 0, refused: 0 };
  const directory = (await t.stores.people.list(t.scope)).map((p) => p.person);
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, PAGE, token);
    for (const member of page.members) {
      report.members++;
      report[await link(t, member, directory, log)]++;
      if (member.aadObjectId) await rememberReachable(context, t, member);
    }
    token = page.continuationToken || undefined;
  } while (token);
  if (report.unknown) log.info('teams.roster_unknown', { unknown: report.unknown, board: t.scope.board });
  return report;
}

/** Links a member as a message from them would (identity.ts): never over another account's link. */
async function link(
  t: BoardContext,
  member: TeamsChannelAccount,
  directory: Person[],
  log: Logger,
): Promise<'linked' | 'unknown' | 'refused'> {
  const aad = member.aadObjectId;
  if (!aad) return 'unknown';
  if (directory.some((p) => p.aadObjectId?.toLowerCase() === aad.toLowerCase())) return 'linked';
  const account = { aadObjectId: aad, name: member.name ?? '' };
  const email = member.email ?? member.userPrincipalName;
  const byEmail = email ? await linkAccount(t, { email }, account, log) : { kind: 'none' as const };
  if (byEmail.kind !== 'none') return byEmail.kind;
  // A directory entry without an email, matched by its exact full name, only if nobody else shares it.
  const named = directory.filter((p) => !p.email && !p.aadObjectId && norm(p.name) === norm(member.name ?? ''));
  if (named.length !== 1 || !named[0]) return 'unknown';
  const byName = await linkAccount(t, { personId: named[0].id }, account, log);
  return byName.kind === 'none' ? 'unknown' : byName.kind;
}

/** Where to open a 1:1 chat with this member, unless a chat with them is already known. */
async function rememberReachable(context: TurnContext, t: BoardContext, member: TeamsChannelAccount): Promise<void> {
  const aad = member.aadObjectId as string;
  if (await t.stores.conversations.get(t.scope.tenant, 'personal', aad)) return;
  const a = context.activity;
  const tenantId: string | undefined = a.channelData?.tenant?.id ?? a.conversation?.tenantId;
  await t.stores.conversations.save(t.scope.tenant, {
    kind: 'personal',
    id: aad,
    // No conversation yet: the sender creates it from this the first time it has a card for them.
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
