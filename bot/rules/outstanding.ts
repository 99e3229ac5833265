// What is outstanding, as the chair asks it before and at a meeting: every open action by owner,
// with what needs attention flagged (flags.ts), and the counts, questions apart. Pure: the records
// and the day in, the view out.
import { actionFlags, countFlags, questionFlags, type BoardCounts, type Flags } from './flags.ts';
import type { Action, IsoDate, Meeting, Person, Question } from './types.ts';

export interface OutstandingItem extends Flags {
  action: Action;
}

export interface OutstandingGroup {
  owner: string;
  personId?: string;
  items: OutstandingItem[];
}

export interface Outstanding {
  groups: OutstandingGroup[];
  counts: BoardCounts;
}

export function outstanding(
  actions: readonly Action[],
  people: ReadonlyMap<string, Person>,
  meetings: readonly Meeting[],
  today: IsoDate,
  questions: readonly Question[] = [],
): Outstanding {
  const items = actions.map((a) => ({ action: a, ...actionFlags(a, meetings, today) })).filter((i) => i.open);
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
  const flagged = [
    ...items.map((i) => ({ ...i, kind: 'action' as const, id: i.action.id })),
    ...questions.map((q) => ({ ...questionFlags(q, today), kind: 'question' as const, id: q.id })),
  ];
  return {
    groups: [...groups.values()].sort((a, b) => a.owner.localeCompare(b.owner, 'en-GB')),
    counts: countFlags(flagged, today),
  };
}
