// The directory as the secretariat sees it: who is in it, who the bot cannot reach yet, and the
// Teams accounts refused as someone already linked.
import { listCard, type AdaptiveCard } from '../../cards/index.ts';
import { refusedLinkLines } from '../services/identity.ts';
import type { Person } from '../rules/types.ts';

export function directoryCard(people: readonly Person[]): AdaptiveCard {
  const unreachable = people.filter((p) => !p.aadObjectId).length;
  const refused = refusedLinkLines(people);
  return listCard({
    title: `Directory: ${people.length} people`,
    intro: [
      unreachable
        ? `${unreachable} not yet reachable in Teams: add them to the board's team, or ask them to install the app.`
        : 'Everyone is reachable in Teams.',
      ...refused,
      ...(refused.length
        ? [
            'If that account is really theirs, the secretariat types unlink and their initials: the next account that comes with their email is linked.',
          ]
        : []),
    ].join('\n\n'),
    rows: people.map((p) => ({
      title: `${p.name} (${p.initials})`,
      subtitle: [p.role, p.capacity, p.aliases.length ? `also ${p.aliases.join(', ')}` : '']
        .filter(Boolean)
        .join(' · '),
      ...(p.aadObjectId ? {} : { flag: 'Not reachable yet', flagTone: 'warning' as const }),
    })),
  });
}
