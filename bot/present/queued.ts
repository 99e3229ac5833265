// The cards the bot sends on its own (the outbox's payloads), drawn at send time as they are now
// and as their reader may see them. bot/teams/delivery.ts only sends what this draws.
import { actionCard, questionCard, summaryCard, type AdaptiveCard } from '../../cards/index.ts';
import { listActions } from '../services/actions.ts';
import type { BoardContext } from '../services/board-context.ts';
import { actorOf } from '../services/identity.ts';
import type { Payload } from '../outbox/payload.ts';
import { RefusedError } from '../rules/refused.ts';
import { actionModel, summaryModel } from './actions.ts';
import { chaseCardFor } from './chase.ts';
import { viewContext } from './context.ts';
import { digestCardFor, type PapersEnv } from './papers.ts';
import { questionModel } from './questions.ts';

/** A queued card that can no longer be drawn (what it was about is gone): no retry will mend it. */
export class NothingToDraw extends Error {}

export async function drawQueued(t: BoardContext, payload: Payload, papers: PapersEnv = {}): Promise<AdaptiveCard> {
  switch (payload.type) {
    case 'summary':
      return summaryCard(
        summaryModel(
          payload.meeting,
          await listActions(t, { meeting: payload.meeting }),
          await viewContext(t, { id: 'bot', name: 'bot', channel: 'teams' }),
        ),
      );
    case 'digest':
      try {
        // A person's digest is what they may read; the channel's is everyone's, so its exempt items
        // are redacted and its Word link is to the open (publishable) form.
        const person = payload.personId ? (await t.stores.people.get(t.scope, payload.personId))?.person : undefined;
        const viewer = person ? actorOf(person, 'teams') : null;
        const documentUrl = papers.documentUrl?.(t.scope, payload.meeting, viewer ? 'full' : 'open');
        return await digestCardFor(t, payload.meeting, viewer, documentUrl, papers);
      } catch (err) {
        if (err instanceof RefusedError) throw new NothingToDraw(err.message); // the meeting left the calendar
        throw err;
      }
    case 'chase': {
      const person = await t.stores.people.get(t.scope, payload.personId);
      if (!person) throw new NothingToDraw(`person ${payload.personId} is no longer in the directory`);
      const card = await chaseCardFor(
        t,
        actorOf(person.person, 'teams'),
        payload.meeting,
        payload.actionIds ? { actionIds: payload.actionIds } : {},
      );
      if (!card)
        throw new NothingToDraw('nothing left to chase: the actions were closed or reassigned before the chaser went');
      return card;
    }
    case 'question': {
      const [question, person] = await Promise.all([
        t.stores.questions.get(t.scope, payload.questionId),
        t.stores.people.get(t.scope, payload.personId),
      ]);
      if (!question) throw new NothingToDraw(`question ${payload.questionId} no longer exists`);
      if (!person) throw new NothingToDraw(`person ${payload.personId} is no longer in the directory`);
      const viewer = actorOf(person.person, 'teams');
      return questionCard(await questionModel(t, question.question, await viewContext(t, viewer)));
    }
    case 'action': {
      const [stored, person] = await Promise.all([
        t.stores.actions.get(t.scope, payload.actionId),
        t.stores.people.get(t.scope, payload.personId),
      ]);
      if (!stored) throw new NothingToDraw(`action ${payload.actionId} no longer exists`);
      if (!person) throw new NothingToDraw(`person ${payload.personId} is no longer in the directory`);
      const viewer = actorOf(person.person, 'teams');
      return actionCard(actionModel(stored.action, await viewContext(t, viewer)));
    }
  }
}
