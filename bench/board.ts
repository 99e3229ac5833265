// A board for the Teams benchmarks, seeded the way a real one is: the directory imported from CSV,
// the app installed in the board's team (the roster sync links everyone by email and keeps what is
// needed to open a 1:1 chat with each), and the Actions Arising imported, action i owned by person
// i % owners.
import { importActions } from '../bot/services/import-actions.ts';
import { importPeople } from '../bot/services/people.ts';
import type { BoardContext } from '../bot/services/board-context.ts';
import type { Action, Actor } from '../bot/rules/types.ts';
import { TENANT } from '../tests/helpers/bot-board.ts';
import type { BotUnderTest } from '../tests/helpers/bot-harness.ts';
import {
  installationUpdate,
  postActivity,
  rosterEntry,
  teamsTeam,
  teamsUser,
  type TeamsContext,
  type TeamsUser,
} from '../tests/helpers/teams-activities.ts';

export interface BoardShape {
  /** People in the directory (and in the team). */
  people: number;
  /** The first `owners` people own the actions, in turn. */
  owners: number;
  meetings: number;
  actionsPerMeeting: number;
}

export interface SeededBoard {
  t: BoardContext;
  /** In meeting order, then number. */
  actions: Action[];
  /** The Teams user who owns each action. */
  ownerOf: Map<string, TeamsUser>;
  /** The 1:1 chat context: activities from an owner come from their personal chat with the bot. */
  dm: TeamsContext;
}

const secretariat: Actor = { id: 'bench', name: 'Bench secretariat', channel: 'cli' };

/** Four capital letters per person (initials are 1-6 letters): QAAA, QAAB, ... */
function initials(n: number): string {
  const letter = (k: number): string => String.fromCharCode(65 + (k % 26));
  return `Q${letter(Math.floor(n / 676))}${letter(Math.floor(n / 26))}${letter(n)}`;
}

const dateOf = (meeting: number): Date => new Date(Date.UTC(2025, 0, 14) + meeting * 28 * 86_400_000);
const ddmmyyyy = (d: Date): string => d.toISOString().slice(0, 10).split('-').reverse().join('/');

export async function seedBoard(bot: BotUnderTest, shape: BoardShape): Promise<SeededBoard> {
  if (shape.actionsPerMeeting > 999) throw new Error('an action number has at most 3 digits: use more meetings');
  const t = bot.context();
  const names = Array.from({ length: shape.people }, (_, n) => ({
    name: `Officer ${initials(n)}`,
    initials: initials(n),
    email: `officer.${n}@example.police.uk`,
  }));
  const csv = [
    'name,capacity,initials,aliases,email,role',
    ...names.map((p) => `${p.name},Inspector,${p.initials},,${p.email},member`),
  ].join('\n');
  const imported = await importPeople(t, csv);
  if (imported.counts.added !== shape.people) throw new Error(`directory import: ${JSON.stringify(imported.counts)}`);

  const people = names.map((p) => teamsUser(p.name, { email: p.email }));
  const team = teamsTeam('PAM board');
  const dm: TeamsContext = { serviceUrl: bot.channel.serviceUrl, tenantId: TENANT };
  bot.channel.setRoster(
    team.id,
    people.map((u) => rosterEntry(u, TENANT)),
  );
  const installer = people[0];
  if (!installer) throw new Error('a board needs people');
  const installed = await postActivity(bot.url, installationUpdate(installer, 'team', 'add', { ...dm, team }), {
    timeoutMs: 600_000,
  });
  if (installed.status !== 200) throw new Error(`team install answered ${installed.status}`);

  // One import per meeting, as the secretariat pastes each meeting's table.
  for (let m = 0; m < shape.meetings; m++) {
    const lines: string[] = [];
    for (let k = 1; k <= shape.actionsPerMeeting; k++) {
      const owner = names[(m * shape.actionsPerMeeting + k - 1) % shape.owners];
      lines.push(
        `${String(k).padStart(2, '0')}.${ddmmyyyy(dateOf(m))}\t${owner?.initials} - Report on the performance measure ${k} of this meeting to the next`,
      );
    }
    const report = await importActions(t, `Actions Arising\n${lines.join('\n')}\n`, { actor: secretariat });
    if (report.counts.error !== 0 || report.counts.imported !== lines.length)
      throw new Error(`actions import: ${JSON.stringify(report.counts)}`);
  }

  const actions = await t.stores.actions.listAll(t.scope);
  const byEmail = new Map(names.map((p, n) => [p.email, people[n]]));
  const byPersonId = new Map(
    (await t.stores.people.list(t.scope)).map((p) => [
      p.person.id,
      p.person.email ? byEmail.get(p.person.email) : undefined,
    ]),
  );
  const ownerOf = new Map<string, TeamsUser>();
  for (const a of actions) {
    const owner = a.owners.length === 1 && a.owners[0]?.personId ? byPersonId.get(a.owners[0].personId) : undefined;
    if (!owner) throw new Error(`action ${a.id}: owner "${a.ownerText}" not resolved to one person`);
    ownerOf.set(a.id, owner);
  }
  return { t, actions, ownerOf, dm };
}
