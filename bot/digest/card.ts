// The digest as a Teams card: Digest -> the card's presentational model (cards/ knows nothing of
// the tracker), then cards/ lays it out.
import {
  digestCard as drawDigestCard,
  type AdaptiveCard,
  type DigestCardModel,
  type DigestItemView,
  type Tone,
} from '../../cards/index.ts';
import { formatLondon, londonToday } from '../rules/dates.ts';
import type { Digest, DigestItem, Proposal } from '../rules/digest-model.ts';
import { shownCounts } from '../rules/flags.ts';
import { formatUkDate } from '../rules/refs.ts';
import { owesUpdate } from '../rules/statuses.ts';
import { listsQuestions, statusText } from './text.ts';

const PROPOSAL_TONE: Partial<Record<Proposal, Tone>> = {
  'propose discharge': 'good',
  overdue: 'attention',
  'no reply since the meeting': 'warning',
};

function itemView(i: DigestItem): DigestItemView {
  // The open form's exempt item: its reference and "Exempt under ...", nothing else.
  if (i.withheld !== undefined) return { ref: i.ref, text: i.withheld, owners: [], status: '' };
  const tone = PROPOSAL_TONE[i.proposal];
  // The proposal names the most pressing flag; an overdue item with no reply either says both.
  const flags: NonNullable<DigestItemView['flags']> =
    i.proposal === 'overdue' && i.noReply ? [{ text: 'No reply since the meeting', tone: 'warning' }] : [];
  return {
    ref: i.ref,
    text: i.text,
    owners: i.owners,
    status: statusText(i),
    ...(tone ? { statusTone: tone } : {}),
    ...(i.due && owesUpdate(i.status) ? { due: i.due } : {}),
    ...(flags.length > 0 ? { flags } : {}),
  };
}

export interface DigestCardOptions {
  /** The board's display name, when it differs from its key. */
  boardName?: string;
  /** Items shown at most (default 30). */
  limit?: number;
  /** Where the Word action log is, for the card's button. */
  documentUrl?: string;
  /** Where the open minutes of a meeting are (for the chair and the secretariat, who publish them). */
  openMinutes?: { url: string; meetingDate: string };
}

export function digestCardModel(d: Digest, opts: DigestCardOptions = {}): DigestCardModel {
  const m = d.meeting;
  return {
    board: d.board,
    ...(opts.boardName ? { boardName: opts.boardName } : {}),
    meetingDate: m.dateText,
    ...(m.time ? { meetingTime: m.time } : {}),
    ...(m.location ? { location: m.location } : {}),
    ...(m.focus ? { focus: m.focus } : {}),
    ...(m.deepDive ? { deepDive: m.deepDive } : {}),
    // Compiled after its meeting, the digest reads its flags as they stood on the day: it says so.
    asAt:
      d.counts.asAt < londonToday(new Date(d.compiledAt))
        ? `${formatUkDate(d.counts.asAt)}, the day of the meeting`
        : formatLondon(d.compiledAt),
    // As the papers count them: outstanding apart from completed (answered), awaiting the meeting.
    counts: {
      actions: shownCounts(d.counts.actions),
      ...(listsQuestions(d) ? { questions: shownCounts(d.counts.questions) } : {}),
    },
    groups: d.groups.map((g) => ({ title: g.title, items: g.items.map(itemView) })),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    ...(opts.documentUrl ? { documentUrl: opts.documentUrl } : {}),
    ...(opts.openMinutes ? { openMinutes: opts.openMinutes } : {}),
  };
}

/** The digest's card, ready to send. */
export function digestCard(d: Digest, opts: DigestCardOptions = {}): AdaptiveCard {
  return drawDigestCard(digestCardModel(d, opts));
}
