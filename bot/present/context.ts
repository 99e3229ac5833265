// What every card model is drawn with: the board, who is looking, the directory and the calendar;
// and the two parts that action and question cards share (who redraws them, who holds them).
import type { BoardContext } from '../services/board-context.ts';
import { londonToday } from '../rules/dates.ts';
import { mayDelegate } from '../rules/permissions.ts';
import type { Actor, IsoDate, Meeting, Person, Role } from '../rules/types.ts';

/** What every view needs to know about the board and the person looking. */
export interface ViewContext {
  board: string;
  viewer: Actor;
  people: ReadonlyMap<string, Person>;
  meetings: readonly Meeting[];
  today: IsoDate;
  now: Date;
}

export async function viewContext(t: BoardContext, viewer: Actor): Promise<ViewContext> {
  const [people, meetings] = await Promise.all([t.stores.people.list(t.scope), t.stores.meetings.list(t.scope)]);
  return {
    board: t.scope.board,
    viewer,
    people: new Map(people.map((p) => [p.person.id, p.person])),
    meetings,
    today: londonToday(t.now()),
    now: t.now(),
  };
}

/**
 * Whose Teams clients redraw a card for themselves (the card's `refresh.userIds`): its holders, and
 * the roles given, by the Teams user id ('29:...') Teams showed the bot for them, which is what
 * Teams matches there (not the Entra object id). Holders first: the card keeps at most 60.
 */
export function cardRefreshUsers(
  holderIds: readonly string[],
  roleRedraws: (role: Role) => boolean,
  people: ReadonlyMap<string, Person>,
): string[] {
  const holders = new Set(holderIds);
  const everyone = [...people.values()].filter((p) => p.teamsUserId);
  return [
    ...everyone.filter((p) => holders.has(p.id)),
    ...everyone.filter((p) => !holders.has(p.id) && roleRedraws(p.role)),
  ].map((p) => p.teamsUserId as string);
}

export interface DelegationView {
  delegatedTo?: string;
  delegateChoices?: { title: string; value: string }[];
  canTakeBack?: boolean;
}

/** Who an item is delegated to, as the cards name them ('Alex Wong (AW)'); undefined when it is not. */
export function delegateName(
  item: { delegate?: { personId: string; label: string } | undefined },
  ctx: ViewContext,
): string | undefined {
  if (!item.delegate) return undefined;
  const delegate = ctx.people.get(item.delegate.personId);
  return delegate ? `${delegate.name} (${delegate.initials})` : item.delegate.label;
}

/** Who an item is delegated to, and what this viewer may do about it: hand it on (an owner), take it back. */
export function delegationView(
  item: { delegate?: { personId: string; label: string } | undefined },
  ownerIds: readonly string[],
  open: boolean,
  ctx: ViewContext,
): DelegationView {
  const delegatedTo = delegateName(item, ctx);
  const choices =
    open && mayDelegate(ctx.viewer, ownerIds, 'give').ok
      ? [...ctx.people.values()]
          .filter((p) => !ownerIds.includes(p.id) && p.id !== item.delegate?.personId)
          .map((p) => ({ title: `${p.name} (${p.initials})`, value: p.id }))
      : [];
  return {
    ...(delegatedTo ? { delegatedTo } : {}),
    ...(choices.length ? { delegateChoices: choices } : {}),
    ...(item.delegate && open && mayDelegate(ctx.viewer, ownerIds, 'takeBack').ok ? { canTakeBack: true } : {}),
  };
}
