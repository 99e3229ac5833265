// `raise SR - Do something`: one new action for the latest meeting, numbered after the ones it
// already has. Numbers are taken with a create-only write, so two people raising at once get
// two actions, never one overwriting the other.
import { isAlreadyExists } from '../../storage/errors.ts';
import { newAction } from '../rules/changes.ts';
import { londonToday } from '../rules/dates.ts';
import { dueFor, lastMeetingHeld } from '../rules/meetings.ts';
import { resolveOwner, splitOwnerLine } from '../rules/owners.ts';
import { mayEditRecord } from '../rules/permissions.ts';
import { refKey } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import { normaliseText } from '../rules/text.ts';
import type { Action, ActionRef, Actor } from '../rules/types.ts';
import { ownerFrom } from './import-actions.ts';
import type { BoardContext } from './board-context.ts';

/** `from.questionId`: the scrutiny question the action arose from (the action keeps the link). */
export async function raiseAction(
  t: BoardContext,
  actor: Actor,
  line: string,
  from: { questionId?: string } = {},
): Promise<{ action: Action; warnings: string[] }> {
  const allowed = mayEditRecord(actor);
  if (!allowed.ok) throw new RefusedError(allowed.reason);
  const split = splitOwnerLine(normaliseText(line));
  if ('error' in split) throw new RefusedError(`${split.error}, e.g. "raise SR - Consider adding action taken rates"`);
  const meetings = await t.stores.meetings.list(t.scope);
  const now = t.now();
  const meeting = lastMeetingHeld(meetings, londonToday(now));
  if (!meeting)
    throw new RefusedError('no meeting has been held yet: add one first (meeting add, or import its actions)');

  const directory = (await t.stores.people.list(t.scope)).map((p) => p.person);
  const resolved = split.labels.map((label) => ownerFrom(label, resolveOwner(label, directory)));
  const taken = (await t.stores.actions.listForMeeting(t.scope, meeting)).flatMap((a) =>
    a.ref.shape === 'numbered' ? [a.ref.number] : [],
  );
  const due = dueFor(meetings, meeting);
  for (let number = Math.max(0, ...taken) + 1; number <= 999; number++) {
    const ref: ActionRef = { shape: 'numbered', meeting, number };
    const created = newAction(
      {
        id: refKey(ref, meeting, split.text),
        ref,
        meeting,
        owners: resolved.map((r) => r.owner),
        ownerText: split.ownerText,
        ownerForm: split.ownerForm,
        text: split.text,
        ...(due ? { due } : {}),
        ...(from.questionId ? { questionId: from.questionId } : {}),
      },
      actor,
      now.toISOString(),
    );
    try {
      await t.stores.actions.create(t.scope, created.next, created.history);
      return { action: created.next, warnings: resolved.flatMap((r) => (r.warning ? [r.warning] : [])) };
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
  throw new RefusedError('this meeting already has 999 actions');
}
