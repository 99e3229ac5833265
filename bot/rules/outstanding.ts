// What is outstanding, as the chair asks it before and at a meeting: every open action by owner,
// with what needs attention flagged. Pure: the records and today's date in, the view out.
import { londonToday } from './dates.ts';
import type { Action, IsoDate, Meeting, Person } from './types.ts';
import { isOpen } from './statuses.ts';

export interface OutstandingItem {
  action: Action;
  /** Past its due date and neither completed nor a standing item. */
  overdue: boolean;
  /** No reply from its owners since the meeting that last looked at it. */
  noReply: boolean;
  /** The owner says it is done: the meeting can discharge it. */
  readyToDischarge: boolean;
}

export interface OutstandingGroup {
  owner: string;
  personId?: string;
  items: OutstandingItem[];
}

export interface Outstanding {
  groups: OutstandingGroup[];
  counts: { open: number; overdue: number; noReply: number; readyToDischarge: number };
}

/** The latest meeting held on or before `today`. */
export function lastMeetingHeld(meetings: readonly Meeting[], today: IsoDate): IsoDate | undefined {
  // One pass, no sort: assess() asks this for every action.
  let latest: IsoDate | undefined;
  for (const m of meetings) if (m.date <= today && (latest === undefined || m.date > latest)) latest = m.date;
  return latest;
}

export function assess(a: Action, meetings: readonly Meeting[], today: IsoDate): OutstandingItem {
  const held = lastMeetingHeld(meetings, today);
  const since = held && held > a.meeting ? held : a.meeting;
  const waiting = a.status !== 'completed' && a.status !== 'standing';
  return {
    action: a,
    overdue: waiting && a.due !== undefined && a.due < today,
    noReply: a.status !== 'standing' && (a.repliedAt === undefined || londonToday(new Date(a.repliedAt)) < since),
    readyToDischarge: a.status === 'completed',
  };
}

export function outstanding(
  actions: readonly Action[],
  people: ReadonlyMap<string, Person>,
  meetings: readonly Meeting[],
  today: IsoDate,
): Outstanding {
  const items = actions.filter((a) => isOpen(a.status)).map((a) => assess(a, meetings, today));
  const groups = new Map<string, OutstandingGroup>();
  for (const item of items) {
    // An action with two owners is listed under each: the chair asks each of them.
    const owners = item.action.owners.length ? item.action.owners : [{ label: 'No owner' }];
    for (const o of owners) {
      const person = o.personId ? people.get(o.personId) : undefined;
      const groupKey = person ? `p:${person.id}` : `l:${o.label.toLowerCase()}`;
      const group = groups.get(groupKey) ?? {
        owner: person ? person.name : o.label,
        ...(person ? { personId: person.id } : {}),
        items: [],
      };
      group.items.push(item);
      groups.set(groupKey, group);
    }
  }
  return {
    groups: [...groups.values()].sort((a, b) => a.owner.localeCompare(b.owner, 'en-GB')),
    counts: {
      open: items.length,
      overdue: items.filter((i) => i.overdue).length,
      noReply: items.filter((i) => i.noReply).length,
      readyToDischarge: items.filter((i) => i.readyToDischarge).length,
    },
  };
}
