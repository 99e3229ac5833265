// The one path by which people change an action: apply a rule-checked change to fresh data (retried
// on conflict), and tell the caller plainly what happened: saved, nothing to save, or refused why.
import type { ActionChange } from '../../storage/actions.ts';
import { RequestReusedError, type RequestMark } from '../../storage/requests.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Action } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

export type ChangeResult =
  | { kind: 'saved'; action: Action; duplicate: boolean }
  | { kind: 'unchanged'; action: Action }
  | { kind: 'refused'; reason: string; action?: Action };

/** What the person is told when a change was refused (a rule, or a request id used for another change); undefined for any other failure. */
export function refusalOf(err: unknown): string | undefined {
  return err instanceof RefusedError || err instanceof RequestReusedError ? err.message : undefined;
}

/** `apply` throws RefusedError to refuse and returns null when there is nothing to change. */
export async function changeAction(
  t: BoardContext,
  actionId: string,
  apply: (current: Action) => ActionChange | null,
  request?: RequestMark,
): Promise<ChangeResult> {
  let unchanged = false;
  try {
    const stored = await t.stores.actions.change(
      t.scope,
      actionId,
      (current) => {
        const change = apply(current);
        unchanged = change === null;
        return change;
      },
      request,
    );
    if (!stored) return { kind: 'refused', reason: 'this action no longer exists' };
    if (stored.duplicate) return { kind: 'saved', action: stored.action, duplicate: true };
    return unchanged
      ? { kind: 'unchanged', action: stored.action }
      : { kind: 'saved', action: stored.action, duplicate: false };
  } catch (err) {
    const reason = refusalOf(err);
    if (reason === undefined) throw err;
    const current = await t.stores.actions.get(t.scope, actionId);
    return { kind: 'refused', reason, ...(current ? { action: current.action } : {}) };
  }
}
