// Marking an action or a scrutiny question exempt from publication (the chair or the secretariat),
// with the exemption's name. Who then sees what is decided in bot/rules/exempt.ts alone.
import { applyPatch } from '../rules/changes.ts';
import { mayMarkExempt } from '../rules/exempt.ts';
import { keptLine } from '../rules/limits.ts';
import { RefusedError } from '../rules/refused.ts';
import type { Action, Actor, Exemption, Question } from '../rules/types.ts';
import { showAction } from './actions.ts';
import { changeRecord } from './change-record.ts';
import { questionChange } from './question-reply.ts';
import type { BoardContext } from './board-context.ts';

function exemptionOf(t: BoardContext, actor: Actor, name: string): Exemption {
  const ok = mayMarkExempt(actor);
  if (!ok.ok) throw new RefusedError(ok.reason);
  const exemption = keptLine("the exemption's name", name);
  if (exemption === '') throw new RefusedError('name the exemption, e.g. "FOIA s.31 (law enforcement)"');
  return { exemption, by: actor.name, at: t.now().toISOString() };
}

/** `REF` as the minutes write it (or the action's id). */
export async function markActionExempt(t: BoardContext, actor: Actor, ref: string, name: string): Promise<Action> {
  const exempt = exemptionOf(t, actor, name);
  const { action } = await showAction(t, ref);
  const result = await changeRecord(t, t.stores.actions, 'action', action.id, (a) =>
    applyPatch(a, { exempt }, actor, t.now().toISOString()),
  );
  if (result.kind === 'refused') throw new RefusedError(result.reason);
  return result.action;
}

export async function markQuestionExempt(
  t: BoardContext,
  actor: Actor,
  questionId: string,
  name: string,
): Promise<Question> {
  const exempt = exemptionOf(t, actor, name);
  const result = await changeRecord(
    t,
    t.stores.questions,
    'question',
    questionId,
    questionChange(t, actor, () => ({ exempt })),
  );
  if (result.kind === 'refused') throw new RefusedError(result.reason);
  return result.question;
}
