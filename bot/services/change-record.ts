// The one path by which people change a versioned record (an action, a scrutiny question): apply a
// rule-checked change to fresh data (retried on conflict), and tell the caller plainly what
// happened: saved, nothing to save, or refused why.
import { RequestReusedError, type RequestMark } from '../../storage/requests.ts';
import type { Change, NamedStore, Versioned } from '../../storage/versioned.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Action } from '../rules/types.ts';
import type { BoardContext } from './board-context.ts';

/** The record under its own name: `{ action }` or `{ question }`. */
type Named<T, K extends string> = { [P in K]: T };

/**
 * What a change to a record came to, the record named as its store names it. With a draft type
 * `D`, it may also be stale: the record changed since the card was drawn, and what the person
 * typed (`draft`) is given back unapplied.
 */
export type RecordResult<T, K extends string, D = never> =
  | ({ kind: 'saved'; duplicate: boolean } & Named<T, K>)
  | ({ kind: 'unchanged' } & Named<T, K>)
  | ({ kind: 'refused'; reason: string } & Partial<Named<T, K>>)
  | ([D] extends [never] ? never : { kind: 'stale'; draft: D } & Named<T, K>);

export type ActionResult = RecordResult<Action, 'action'>;

/** What the person is told when a change was refused (a rule, or a request id used for another change); undefined for any other failure. */
export function refusalOf(err: unknown): string | undefined {
  return err instanceof RefusedError || err instanceof RequestReusedError ? err.message : undefined;
}

/** `apply` throws RefusedError to refuse and returns null when there is nothing to change. */
export async function changeRecord<T extends Versioned, H, K extends string>(
  t: BoardContext,
  store: NamedStore<T, H, K>,
  name: K,
  id: string,
  apply: (current: T) => Change<T, H> | null,
  request?: RequestMark,
): Promise<RecordResult<T, K>> {
  // A computed key widens to `string` in TypeScript's eyes; the shape is exactly Named.
  const named = (record: T): Named<T, K> => ({ [name]: record }) as Named<T, K>;
  let unchanged = false;
  try {
    const stored = await store.change(
      t.scope,
      id,
      (current) => {
        const change = apply(current);
        unchanged = change === null;
        return change;
      },
      request,
    );
    if (!stored) return { kind: 'refused', reason: `this ${name} no longer exists` };
    const record = named(stored[name]);
    if (stored.duplicate) return { kind: 'saved', duplicate: true, ...record };
    return unchanged ? { kind: 'unchanged', ...record } : { kind: 'saved', duplicate: false, ...record };
  } catch (err) {
    const reason = refusalOf(err);
    if (reason === undefined) throw err;
    const current = await store.get(t.scope, id);
    return { kind: 'refused', reason, ...(current ? named(current[name]) : {}) };
  }
}
