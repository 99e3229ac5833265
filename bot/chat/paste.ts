// The paste card: `minutes`, `import`, `scrutiny for` and `deep dives` typed without their text
// answer with a card holding a multi-line box, and its button runs the same handler as the typed
// command, with the pasted text.
import { messageCard, type Notice } from '../../cards/index.ts';
import { VERB } from '../../cards/verbs.ts';
import { pastedCommand, type CommandKind, type PasteKind } from '../rules/commands.ts';
import { parseIsoDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import { pasteCardFor } from '../present/paste.ts';
import { textOf } from './card-inputs.ts';
import { onCommandKind, type CardHandler, type CommandHandler } from './handler.ts';
import { answered, cardNotice, cardReply, type CardOutcome, type CommandOutcome } from './replies.ts';

const PASTE_KINDS: readonly PasteKind[] = ['minutes', 'import', 'scrutiny', 'deepDives'];
const pasteKindOf = (v: unknown): PasteKind | undefined => PASTE_KINDS.find((k) => k === v);

/** A command's answer as the card pressed: its first card (each pasted command answers with one). */
function asCardOutcome(outcome: CommandOutcome): CardOutcome {
  const first = outcome.replies[0];
  const card =
    first && 'card' in first
      ? first.card
      : messageCard({ title: 'Done', text: first && 'text' in first ? first.text : 'Done.' });
  return { card, ...(outcome.queued ? { queued: true } : {}) };
}

/** The handlers of the paste card, given the registry's lookup of the commands it runs. */
export function pasteHandlers(lookup: (kind: CommandKind) => CommandHandler | undefined): {
  command: CommandHandler;
  button: CardHandler;
} {
  const target = (what: PasteKind): CommandHandler => {
    const handler = lookup(what);
    if (!handler) throw new Error(`no handler for the command "${what}"`);
    return handler;
  };

  const command = onCommandKind('paste', {
    async run(t, actor, { what, meeting }) {
      // Whoever may not use the command is told so now, not after pasting.
      const may = target(what).who?.(actor);
      if (may && !may.ok) throw new RefusedError(may.reason);
      return answered(cardReply(pasteCardFor(t.scope.board, what, meeting ? { meeting } : {})));
    },
  });

  const button: CardHandler = {
    verb: VERB.pasteSubmit,
    async run(t, actor, { data }) {
      const what = pasteKindOf(data.command);
      if (!what) return cardNotice('Not understood', 'This card does not say what the pasted text is for.');
      const text = textOf(data.text) ?? '';
      const meeting = parseIsoDate(textOf(data.meeting) ?? '') ?? undefined;
      // Refused or not understood: the card again, with what was typed, so nothing is lost.
      const again = (notice: Notice): CardOutcome => ({
        card: pasteCardFor(t.scope.board, what, { text, ...(meeting ? { meeting } : {}), notice }),
      });
      const pasted = pastedCommand(what, text, meeting);
      if (pasted.kind === 'invalid') return again({ tone: 'attention', text: `Not sent: ${pasted.message}.` });
      const handler = target(what);
      const may = handler.who?.(actor);
      if (may && !may.ok) return cardNotice('Not available', may.reason);
      try {
        return asCardOutcome(await handler.run(t, actor, pasted, {}));
      } catch (err) {
        if (err instanceof RefusedError) return again({ tone: 'attention', text: `Not done: ${err.message}.` });
        throw err;
      }
    },
  };

  return { command, button };
}
