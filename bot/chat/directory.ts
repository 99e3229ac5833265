// The directory, kept by the secretariat: `people` (who is in it, who cannot be reached yet and the
// cards waiting for them) and `unlink XX` (forget a Teams account so the next one with that email is linked).
import { describeUnlink, unlinkPerson } from '../services/identity.ts';
import { mayEditRecord, mayUnlink } from '../rules/permissions.ts';
import { directoryCard } from '../present/directory.ts';
import { waitingOnBoard } from '../outbox/queue.ts';
import { onCommandKind, only, type CommandHandler } from './handler.ts';
import { answered, cardReply, messageReply } from './replies.ts';

export const directoryCommands: CommandHandler[] = [
  onCommandKind('people', {
    who: only(mayEditRecord, 'the directory is kept by the secretariat'),
    async run(t) {
      const people = (await t.stores.people.list(t.scope)).map((p) => p.person);
      return answered(cardReply(directoryCard(people, await waitingOnBoard(t))));
    },
  }),
  onCommandKind('unlink', {
    who: mayUnlink,
    run: async (t, actor, command) =>
      answered(messageReply('Unlinked', describeUnlink(await unlinkPerson(t, actor, command.who)), 'good')),
  }),
];
