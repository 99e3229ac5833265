// The answer when a card action failed on our side (storage unreachable, say): the person is told
// plainly whether it was saved, and what they typed comes back so nothing is lost.
import { messageCard, type AdaptiveCard } from '../../cards/index.ts';
import { STATUS_LABEL } from '../rules/statuses.ts';
import { replyInputs } from './card-inputs.ts';

/** How a card action failed on our side: whether anything was written, and whether storage was out of reach. */
export interface Failure {
  wroteNothing: boolean;
  storageUnreachable: boolean;
}

const FAILED_TEXT = {
  notSaved: {
    unreachable: 'Nothing was saved: the tracker could not reach its storage just now.',
    ours: 'Nothing was saved: something went wrong on our side (it has been logged).',
  },
  unconfirmed: {
    unreachable: 'I could not confirm this was saved: the tracker lost touch with its storage.',
    ours: 'Something went wrong on our side (it has been logged), and I cannot tell whether this was saved.',
  },
};

export function failedCard(data: Record<string, unknown>, failure: Failure): AdaptiveCard {
  const inputs = replyInputs(data);
  const typed = [
    ...(inputs?.status
      ? [
          {
            title: 'Status you chose',
            value: STATUS_LABEL[inputs.status as keyof typeof STATUS_LABEL] ?? inputs.status,
          },
        ]
      : []),
    ...(inputs?.note ? [{ title: 'What you wrote', value: inputs.note }] : []),
  ];
  const why = failure.storageUnreachable ? 'unreachable' : 'ours';
  return messageCard({
    title: failure.wroteNothing ? 'Not saved' : 'Not confirmed',
    text: failure.wroteNothing
      ? `${FAILED_TEXT.notSaved[why]} In a minute, say "mine" for your cards and send it again.`
      : `${FAILED_TEXT.unconfirmed[why]} In a minute, say "mine" to see whether it was before sending it again.`,
    tone: 'attention',
    ...(typed.length ? { facts: typed } : {}),
  });
}
