// A meeting's minutes as a card: the plan a preview found (with Import and Cancel on the held
// import), or what Import applied.
import { minutesCard, type AdaptiveCard, type Notice } from '../../cards/index.ts';
import type { SetAsideLine } from '../minutes/document.ts';
import type { MinutesPreview } from '../services/minutes/import.ts';
import { formatUkDate } from '../rules/refs.ts';

export interface MinutesCardOptions {
  board: string;
  /** Where the minutes came from, and who sent them: 'minutes.docx · sent by Priya Nair'. */
  source: string;
  /** A preview's held import (its buttons name it); absent once imported. */
  held?: { id: string; digest: string };
  notice?: Notice;
  /** Lines of a copy the readers set aside as its artefacts (a page number): shown with the unplaced. */
  setAside?: readonly SetAsideLine[];
}

export function minutesCardFor(plan: MinutesPreview, opts: MinutesCardOptions): AdaptiveCard {
  return minutesCard({
    board: opts.board,
    meetingDate: formatUkDate(plan.meeting),
    source: opts.source,
    state: opts.held ? 'preview' : 'imported',
    sections: plan.sections.map((s) => ({
      title: s.title,
      found: s.found,
      lines: s.records.map((r) => ({
        result: r.result,
        label: r.label,
        ...(r.detail ? { detail: r.detail } : {}),
        warnings: r.warnings,
      })),
    })),
    unplaced: [
      ...plan.unplaced.map((u) => ({ text: u.text, why: u.why })),
      ...(opts.setAside ?? []).map((l) => ({ text: l.text, why: `line ${l.line}, set aside: ${l.reason}` })),
    ],
    unknownNames: plan.notInDirectory,
    ...(opts.notice ? { notice: opts.notice } : {}),
    ...(opts.held ? { importId: opts.held.id, digest: opts.held.digest } : {}),
  });
}
