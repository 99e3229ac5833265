// `resend XX` and `resend dd/MM/yyyy`: the chair or the secretariat sends a person's open cards
// again, or a meeting's, and is told how many are on the way and whom the others wait for.
import { resendCards } from '../outbox/resend.ts';
import { notifyLines } from '../outbox/words.ts';
import { mayEditRecord } from '../rules/permissions.ts';
import { onCommandKind, only, type CommandHandler } from './handler.ts';
import { messageReply } from './replies.ts';

export const resendCommands: CommandHandler[] = [
  onCommandKind('resend', {
    who: only(mayEditRecord, 'cards are sent again by the chair or the secretariat'),
    async run(t, _actor, command) {
      const { report, to } = await resendCards(
        t,
        'who' in command ? { who: command.who } : { meeting: command.meeting },
      );
      const none = report.toOwners + report.waiting.length + report.unreachable.length === 0;
      const text = none
        ? `No open action or question to send again to ${to}.`
        : notifyLines(report, to, 'chat').join('\n');
      return {
        replies: [messageReply('Cards sent again', text, none || report.unreachable.length ? 'warning' : 'good')],
        queued: report.queued > 0,
      };
    },
  }),
];
