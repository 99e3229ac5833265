// The directory as the secretariat sees it: who is in it, who the bot cannot reach yet and the
// cards waiting for them, and the Teams accounts refused as someone already linked.
import { listCard, type AdaptiveCard } from '../../cards/index.ts';
import type { Waiting } from '../outbox/queue.ts';
import { waitingSentence } from '../outbox/words.ts';
import { refusedLinkLines } from '../services/identity.ts';
import type { Person } from '../rules/types.ts';

export function directoryCard(people: readonly Person[], waiting: readonly Waiting[] = []): AdaptiveCard {
  const unreachable = people.filter((p) => !p.aadObjectId).length;
  const refused = refusedLinkLines(people);
  const cards = new Map(waiting.map((w) => [w.personId, w.cards]));
  const waits = (p: Person): string => {
    const n = cards.get(p.id) ?? 0;
    return n ? `${n} card${n === 1 ? '' : 's'} waiting` : '';
  };
  return listCard({
    title: `Directory: ${people.length} people`,
    intro: [
      unreachable
        ? `${unreachable} not yet reachable in Teams: add them to the board's team, or ask them to install the app.`
        : 'Everyone is reachable in Teams.',
      ...(waiting.length ? [waitingSentence(waiting)] : []),
      ...refused,
      ...(refused.length
        ? [
            'If that account is really theirs, the secretariat types unlink and their initials: the next account that comes with their email is linked.',
          ]
        : []),
    ].join('\n\n'),
    rows: people.map((p) => {
      const flag = [p.aadObjectId ? '' : 'Not reachable yet', waits(p)].filter(Boolean).join(': ');
      return {
        title: `${p.name} (${p.initials})`,
        subtitle: [p.role, p.capacity, p.aliases.length ? `also ${p.aliases.join(', ')}` : '']
          .filter(Boolean)
          .join(' · '),
        ...(flag ? { flag, flagTone: 'warning' as const } : {}),
      };
    }),
  });
}
