// The review card: after a meeting, every action it reviewed with a decision to record
// (discharge, carry forward, standing item), sent back in one go. Input `decision_<n>` answers
// the n-th id in the button's `items`, so the data says which action each choice is for.
import reviewJson from './review.json' with { type: 'json' };
import { CardTemplate, fitting } from './engine.ts';
import type { AdaptiveCard, Notice, Tone } from './models.ts';
import { escapeMarkdown, shownText } from './text.ts';

export interface ReviewItemView {
  actionId: string;
  ref: string;
  text: string;
  owners: string[];
  statusLabel: string;
}

export interface ReviewCardModel {
  board: string;
  /** The meeting's key ('2023-04-11'), sent back with the decisions. */
  meeting: string;
  /** 'dd/MM/yyyy' */
  meetingDate: string;
  items: ReviewItemView[];
  notice?: Notice;
}

export const REVIEW_ITEMS = 40;
export const reviewInput = (n: number): string => `decision_${n}`;

interface ReviewData {
  hasNotice: boolean;
  notice: { tone: Tone; text: string } | null;
  title: string;
  subtitle: string;
  board: string;
  meeting: string;
  isEmpty: boolean;
  hasItems: boolean;
  items: Array<{ heading: string; text: string; input: string }>;
  ids: string;
  hasMore: boolean;
  moreText: string;
}

const template = new CardTemplate<ReviewData>(reviewJson);

export function reviewCard(m: ReviewCardModel): AdaptiveCard {
  const limits = [REVIEW_ITEMS, 30, 20, 10, 5, 1];
  return fitting(limits.map((n) => () => template.expand(reviewData(m, n))));
}

function reviewData(m: ReviewCardModel, limit: number): ReviewData {
  const shownItems = m.items.slice(0, limit);
  const hidden = m.items.length - shownItems.length;
  return {
    hasNotice: m.notice !== undefined,
    notice: m.notice ? { tone: m.notice.tone, text: shownText(m.notice.text, 1_000) } : null,
    title: `Decisions of the meeting of ${escapeMarkdown(m.meetingDate)}`,
    subtitle: `${escapeMarkdown(m.board)} · ${m.items.length} action${m.items.length === 1 ? '' : 's'} reviewed`,
    board: m.board,
    meeting: m.meeting,
    isEmpty: m.items.length === 0,
    hasItems: shownItems.length > 0,
    items: shownItems.map((i, n) => ({
      heading: [shownText(i.ref, 60), shownText(i.owners.join(', '), 120), shownText(i.statusLabel, 40)].join(' · '),
      text: shownText(i.text, 200),
      input: reviewInput(n),
    })),
    // A space-separated list: the template's data binding keeps strings as they are.
    ids: shownItems.map((i) => i.actionId).join(' '),
    hasMore: hidden > 0,
    moreText: `and ${hidden} more: record these first, then send review again`,
  };
}
