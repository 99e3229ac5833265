// Reading actions: the lists the secretariat and chair ask for, and one action with its history.
import { couldBe, resolveOwner } from '../rules/owners.ts';
import { minutesOrder, refCandidates, refKey } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import { isOpen } from '../rules/statuses.ts';
import type { Action, HistoryEntry, IsoDate, Person } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

export interface ActionFilter {
  open?: boolean;
  /** Initials, an alias or a name as the minutes write it. */
  owner?: string;
  meeting?: IsoDate;
}

export async function listActions(t: BoardContext, filter: ActionFilter = {}): Promise<Action[]> {
  const { actions, people } = t.stores;
  let ownedBy: ((a: Action) => boolean) | undefined;
  let personId: string | undefined;
  if (filter.owner) {
    const directory = (await people.list(t.scope)).map((p) => p.person);
    const r = resolveOwner(filter.owner, directory);
    if (r.kind === 'ambiguous') {
      throw new RefusedError(couldBe(r, filter.owner));
    }
    if (r.kind === 'person') {
      personId = r.personId;
      ownedBy = (a) => a.owners.some((o) => o.personId === r.personId);
    } else {
      const label = filter.owner.trim().toLowerCase();
      ownedBy = (a) => a.owners.some((o) => !o.personId && o.label.toLowerCase() === label);
    }
  }
  // Read the narrowest index that answers the question: one person's open actions come
  // straight from the owner index, a meeting's from its key range, the open list from its own.
  const rows = await (personId && filter.open && !filter.meeting
    ? actions.listOpenFor(t.scope, personId)
    : filter.meeting
      ? actions.listForMeeting(t.scope, filter.meeting)
      : filter.open
        ? actions.listOpen(t.scope)
        : actions.listAll(t.scope));
  return rows
    .filter((a) => !filter.open || isOpen(a.status))
    .filter((a) => !ownedBy || ownedBy(a))
    .sort(minutesOrder);
}

export interface ActionDetail {
  action: Action;
  history: HistoryEntry[];
  owners: Array<{ label: string; person?: Person }>;
}

/**
 * One action by its reference as the minutes write it (or as typed, a dot for the space or the
 * reverse: see refCandidates), or by its id (for `N/A` actions).
 */
export async function showAction(t: BoardContext, refOrId: string): Promise<ActionDetail> {
  const refs = refCandidates(refOrId);
  if (refs[0]?.shape === 'none')
    throw new RefusedError('N/A actions have no reference of their own: use the id that `actions list` shows');
  const ids = refs.length
    ? refs.flatMap((r) => (r.shape === 'none' ? [] : [refKey(r, r.meeting, '')]))
    : [refOrId.trim()];
  let stored = null;
  for (const id of ids) {
    stored = await t.stores.actions.get(t.scope, id);
    if (stored) break;
  }
  if (!stored) throw new RefusedError(`no action ${refOrId.trim()} on ${t.scope.board}`);
  const id = stored.action.id;
  const [history, people] = await Promise.all([t.stores.actions.history(t.scope, id), t.stores.people.list(t.scope)]);
  const byId = new Map(people.map((p) => [p.person.id, p.person]));
  const owners = stored.action.owners.map((o) => {
    const person = o.personId ? byId.get(o.personId) : undefined;
    return person ? { label: o.label, person } : { label: o.label };
  });
  return { action: stored.action, history, owners };
}
