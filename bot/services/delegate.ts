// Delegation: an owner hands an action (or a respondent a question) to a colleague from the
// directory, who may then reply; the owner stays accountable, and may take it back (as may the
// chair and the secretariat). The change is one history entry; the delegate gets the card, or,
// not reachable in Teams yet, gets it from the outbox as soon as they are.
import { applyPatch } from '../rules/changes.ts';
import { mayDelegate } from '../rules/permissions.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Actor, Delegation } from '../rules/types.ts';
import { requestMark, type RequestMark } from '../../storage/requests.ts';
import { changeRecord, type ActionResult } from './change-record.ts';
import { queueDelegateCard } from '../outbox/queue.ts';
import { questionChange, type QuestionResult } from './question-reply.ts';
import type { BoardContext } from './board-context.ts';

/** A hand-over saved, and whether the delegate's card waits for them (not reachable in Teams yet). */
export interface HandedOver {
  delegateWaits?: boolean;
}

export interface DelegateRequest {
  id: string;
  /** The delegate's directory id; absent: take it back. */
  toPersonId?: string;
  requestId?: string;
}

/** The Delegation to record, or a refusal: a directory person who is not already accountable. */
async function delegationTo(
  t: BoardContext,
  actor: Actor,
  ownerIds: readonly string[],
  toPersonId: string,
): Promise<Delegation> {
  const person = (await t.stores.people.get(t.scope, toPersonId))?.person;
  if (!person) throw new RefusedError('that person is not in the directory');
  if (ownerIds.includes(person.id)) throw new RefusedError(`${person.name} is already accountable for it`);
  if (!actor.personId) throw new RefusedError('only its owner can hand it to a colleague');
  return { personId: person.id, label: person.initials, byPersonId: actor.personId };
}

/** The request a hand-over (or taking back) makes: the same colleague asked again is a retry. */
const delegation = (actor: Actor, req: DelegateRequest): RequestMark | undefined =>
  requestMark(req.requestId, actor.id, req.toPersonId ? 'delegate' : 'takeBack', { to: req.toPersonId });

/** The delegation asked for (null: taken back), if the actor may ask it; throws RefusedError if not. */
async function checkedDelegation(
  t: BoardContext,
  actor: Actor,
  owners: string[],
  req: DelegateRequest,
  delegated: boolean,
): Promise<Delegation | null> {
  const ok = mayDelegate(actor, owners, req.toPersonId ? 'give' : 'takeBack');
  if (!ok.ok) throw new RefusedError(ok.reason);
  if (req.toPersonId) return delegationTo(t, actor, owners, req.toPersonId);
  if (!delegated) throw new RefusedError('it is not delegated');
  return null;
}

export async function delegateAction(
  t: BoardContext,
  actor: Actor,
  req: DelegateRequest,
): Promise<ActionResult & HandedOver> {
  const current = await t.stores.actions.get(t.scope, req.id);
  if (!current) return { kind: 'refused', reason: 'this action no longer exists' };
  const owners = current.action.owners.flatMap((o) => (o.personId ? [o.personId] : []));
  let delegate: Delegation | null;
  try {
    delegate = await checkedDelegation(t, actor, owners, req, Boolean(current.action.delegate));
  } catch (err) {
    if (err instanceof RefusedError) return { kind: 'refused', reason: err.message, action: current.action };
    throw err;
  }
  const result = await changeRecord(
    t,
    t.stores.actions,
    'action',
    req.id,
    (a) => applyPatch(a, { delegate }, actor, t.now().toISOString()),
    delegation(actor, req),
  );
  if (result.kind === 'saved' && delegate) {
    const sent = await queueDelegateCard(
      t,
      delegate.personId,
      { type: 'action', board: t.scope.board, actionId: req.id, personId: delegate.personId },
      req.id,
    );
    if (sent === 'waiting') return { ...result, delegateWaits: true };
  }
  return result;
}

export async function delegateQuestion(
  t: BoardContext,
  actor: Actor,
  req: DelegateRequest,
): Promise<QuestionResult & HandedOver> {
  const current = await t.stores.questions.get(t.scope, req.id);
  if (!current) return { kind: 'refused', reason: 'this question no longer exists' };
  const owners = current.question.respondent.personId ? [current.question.respondent.personId] : [];
  let delegate: Delegation | null;
  try {
    delegate = await checkedDelegation(t, actor, owners, req, Boolean(current.question.delegate));
  } catch (err) {
    if (err instanceof RefusedError) return { kind: 'refused', reason: err.message, question: current.question };
    throw err;
  }
  const result = await changeRecord(
    t,
    t.stores.questions,
    'question',
    req.id,
    questionChange(t, actor, () => ({ delegate })),
    delegation(actor, req),
  );
  if (result.kind === 'saved' && delegate) {
    const sent = await queueDelegateCard(
      t,
      delegate.personId,
      { type: 'question', board: t.scope.board, questionId: req.id, personId: delegate.personId },
      req.id,
    );
    if (sent === 'waiting') return { ...result, delegateWaits: true };
  }
  return result;
}
