// Before and after a meeting, in the chat: the digest preview for the papers, the review card on
// which the meeting's decisions are recorded in one go, and marking an item exempt from publication.
import { messageCard, reviewInput } from '../../cards/index.ts';
import { VERB } from '../../cards/verbs.ts';
import { calendarOf, noNextMeeting } from '../services/calendar.ts';
import type { Decision } from '../services/decide.ts';
import { markActionExempt, markQuestionExempt } from '../services/exempt.ts';
import { applyReview } from '../services/review.ts';
import { londonToday } from '../rules/dates.ts';
import { mayMarkExempt } from '../rules/exempt.ts';
import { lastMeetingHeld } from '../rules/meetings.ts';
import { isLead, mayEditRecord } from '../rules/permissions.ts';
import { formatRef, formatUkDate } from '../rules/refs.ts';
import { RefusedError } from '../rules/refused.ts';
import { digestCardFor, reviewCardFor } from '../present/papers.ts';
import { onCommandKind, only, type CardHandler, type CommandHandler } from './handler.ts';
import { byNumber } from './questions.ts';
import { answered, cardReply, messageReply } from './replies.ts';

const DECISIONS: readonly Decision[] = ['discharged', 'carried_forward', 'standing'];

const REVIEW_WHO = 'the meeting’s decisions are recorded by the chair or the secretariat';

export const papersCommands: CommandHandler[] = [
  onCommandKind('digest', {
    who: only(isLead, 'the digest is prepared for the chair, the secretariat and the scrutiny lead'),
    async run(t, actor, command, env) {
      const { coming, held } = await calendarOf(t);
      const date = command.meeting ?? coming[0]?.date;
      if (!date) throw new RefusedError(noNextMeeting(held, 'digest'));
      return answered(cardReply(await digestCardFor(t, date, actor, env.documentUrl?.(t.scope, date), env)));
    },
  }),
  onCommandKind('review', {
    who: only(mayEditRecord, REVIEW_WHO),
    async run(t, actor, command) {
      const meetings = await t.stores.meetings.list(t.scope);
      const date = command.meeting ?? lastMeetingHeld(meetings, londonToday(t.now()));
      if (!date) throw new RefusedError('no meeting has been held yet');
      return answered(cardReply(await reviewCardFor(t, actor, date)));
    },
  }),
  onCommandKind('exempt', {
    who: mayMarkExempt,
    async run(t, actor, command) {
      if (/^Q\d/i.test(command.target)) {
        const q = await markQuestionExempt(t, actor, (await byNumber(t, command.target)).id, command.exemption);
        return answered(
          messageReply(
            'Exempt',
            `${q.number} is exempt under ${q.exempt?.exemption ?? command.exemption}: only its respondent, delegate, the chair, the secretariat and the scrutiny lead see its text.`,
            'good',
          ),
        );
      }
      const a = await markActionExempt(t, actor, command.target, command.exemption);
      return answered(
        messageReply(
          'Exempt',
          `${formatRef(a.ref)} is exempt under ${a.exempt?.exemption ?? command.exemption}: only its owners, delegate, the chair, the secretariat and the scrutiny lead see its text.`,
          'good',
        ),
      );
    },
  }),
];

/** `review.apply`: the choices on the review card, one per action it listed. */
const applyReviewCard: CardHandler = {
  verb: VERB.reviewApply,
  async run(t, actor, { data, requestId }) {
    const meeting =
      typeof data.meeting === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.meeting) ? data.meeting : undefined;
    const ids = typeof data.items === 'string' ? data.items.split(' ').filter(Boolean) : [];
    if (!meeting || ids.length > 200)
      return {
        card: messageCard({
          title: 'Not understood',
          text: 'This review card does not say which meeting it is for.',
          tone: 'attention',
        }),
      };
    const decisions = ids.flatMap((actionId, n) => {
      const to = DECISIONS.find((d) => d === data[reviewInput(n)]);
      return to ? [{ actionId, to }] : [];
    });
    try {
      // applyReview refuses whoever may not record the meeting's decisions, before anything is drawn.
      const results = await applyReview(t, actor, meeting, decisions, requestId);
      const refused = results.filter((r) => r.result.kind === 'refused');
      const saved = results.length - refused.length;
      const text = `${saved} decision${saved === 1 ? '' : 's'} recorded for the meeting of ${formatUkDate(meeting)}.${refused.length ? ` ${refused.length} not recorded: ${refused.map((r) => (r.result.kind === 'refused' ? r.result.reason : '')).join('; ')}.` : ''}`;
      return {
        card: await reviewCardFor(t, actor, meeting, { tone: refused.length ? 'warning' : 'good', text }),
      };
    } catch (err) {
      if (!(err instanceof RefusedError)) throw err;
      return { card: messageCard({ title: 'Not recorded', text: err.message, tone: 'attention' }) };
    }
  },
};

export const papersButtons: CardHandler[] = [applyReviewCard];
