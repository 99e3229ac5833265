// The minutes preview: what importing a meeting's minutes would do, section by section, every line
// the reading could not place and why, and the names the directory does not know; Import and
// Cancel name the held import and the digest of what was read. Once imported, the same card says
// what was done, without the buttons.
import previewJson from './minutes-preview.json' with { type: 'json' };
import { CardTemplate, fitting } from './engine.ts';
import type { AdaptiveCard, Notice, Tone } from './models.ts';
import { escapeMarkdown, shownText } from './text.ts';

/** 'error': the minutes give a record that cannot be kept as it is (too long, refused); the rest goes on. */
export type PlannedResult = 'add' | 'update' | 'unchanged' | 'kept' | 'error';

export interface MinutesLineView {
  result: PlannedResult;
  /** The record as the secretariat reads it ('01.14/03/2023 JD - Circulate ...'). */
  label: string;
  /** What changes, or why the store's value is kept. */
  detail?: string;
  warnings: string[];
}

export interface MinutesSectionView {
  title: string;
  /** How many the minutes hold. */
  found: number;
  lines: MinutesLineView[];
}

export interface MinutesCardModel {
  board: string;
  /** 'dd/MM/yyyy' */
  meetingDate: string;
  /** Where it came from and who sent it: 'minutes.docx · sent by Priya Nair'. */
  source: string;
  /** 'preview' offers Import and Cancel; 'imported' says what was done. */
  state: 'preview' | 'imported';
  sections: MinutesSectionView[];
  unplaced: Array<{ text: string; why: string }>;
  /** People the minutes name whom the directory does not know. */
  unknownNames: string[];
  notice?: Notice;
  /** The held import and the digest of what was read (a preview's buttons carry them). */
  importId?: string;
  digest?: string;
}

/** Lines shown per section (fewer if the card would pass 40 KB), then "and N more". */
export const MINUTES_LINES = 12;
export const UNPLACED_LINES = 20;

const WORDS: Record<MinutesCardModel['state'], Record<PlannedResult, string>> = {
  preview: { add: 'to add', update: 'to update', unchanged: 'unchanged', kept: 'kept', error: 'not possible' },
  imported: { add: 'added', update: 'updated', unchanged: 'unchanged', kept: 'kept', error: 'not done' },
};
const LINE_WORD: Record<MinutesCardModel['state'], Record<PlannedResult, string>> = {
  preview: { add: 'Add', update: 'Update', unchanged: 'Unchanged', kept: 'Kept', error: 'Not possible' },
  imported: { add: 'Added', update: 'Updated', unchanged: 'Unchanged', kept: 'Kept', error: 'Not done' },
};
const RESULTS: readonly PlannedResult[] = ['add', 'update', 'unchanged', 'kept', 'error'];

type Counts = Record<PlannedResult, number>;

export function countResults(lines: readonly { result: PlannedResult }[]): Counts {
  const counts: Counts = { add: 0, update: 0, unchanged: 0, kept: 0, error: 0 };
  for (const l of lines) counts[l.result] += 1;
  return counts;
}

/** '6 to add, 2 unchanged' (what there is, in the card's state); 'nothing to change' when all are zero. */
export function describeCounts(counts: Counts, state: MinutesCardModel['state']): string {
  const parts = RESULTS.filter((r) => counts[r] > 0).map((r) => `${counts[r]} ${WORDS[state][r]}`);
  return parts.length ? parts.join(', ') : state === 'preview' ? 'nothing to change' : 'nothing changed';
}

interface LineData {
  text: string;
  hasDetail: boolean;
  detail: string;
  hasWarnings: boolean;
  warnings: string;
}

interface MinutesData {
  hasNotice: boolean;
  notice: { tone: Tone; text: string } | null;
  title: string;
  subtitle: string;
  headline: string;
  totals: Array<{ title: string; value: string }>;
  sections: Array<{ heading: string; counts: string; lines: LineData[]; hasMore: boolean; moreText: string }>;
  hasUnplaced: boolean;
  unplacedHeading: string;
  unplaced: Array<{ text: string; why: string }>;
  hasMoreUnplaced: boolean;
  moreUnplaced: string;
  hasUnknown: boolean;
  unknownNames: string;
  canImport: boolean;
  board: string;
  importId: string | null;
  digest: string | null;
}

const template = new CardTemplate<MinutesData>(previewJson);

export function minutesCard(m: MinutesCardModel): AdaptiveCard {
  const attempts = [
    { lines: MINUTES_LINES, unplaced: UNPLACED_LINES, chars: 300 },
    { lines: 6, unplaced: 10, chars: 160 },
    { lines: 3, unplaced: 5, chars: 100 },
    { lines: 1, unplaced: 2, chars: 60 },
    { lines: 0, unplaced: 0, chars: 60 },
  ];
  return fitting(attempts.map((a) => () => template.expand(minutesData(m, a.lines, a.unplaced, a.chars))));
}

const more = (n: number, what: string): string => `and ${n.toLocaleString('en-GB')} ${what}`;

function minutesData(m: MinutesCardModel, lines: number, unplaced: number, chars: number): MinutesData {
  const all = m.sections.flatMap((s) => s.lines);
  const totals = countResults(all);
  const canImport = m.state === 'preview' && m.importId !== undefined && m.digest !== undefined;
  const shownUnplaced = m.unplaced.slice(0, unplaced);
  const hiddenUnplaced = m.unplaced.length - shownUnplaced.length;
  return {
    hasNotice: m.notice !== undefined,
    notice: m.notice ? { tone: m.notice.tone, text: shownText(m.notice.text, 1_000) } : null,
    title: `Minutes of the meeting of ${escapeMarkdown(m.meetingDate)}`,
    subtitle: `${escapeMarkdown(m.board)} · ${shownText(m.source, 200)}`,
    headline:
      m.state === 'preview'
        ? 'Nothing is changed until you press **Import**. Check what the minutes would do:'
        : `Imported: ${describeCounts(totals, 'imported')}.`,
    // 'Not possible' only when some record is: the other four always, zero or not.
    totals: RESULTS.filter((r) => r !== 'error' || totals.error > 0).map((r) => ({
      title: LINE_WORD[m.state][r],
      value: totals[r].toLocaleString('en-GB'),
    })),
    sections: m.sections.map((s) => {
      const shown = s.lines.slice(0, lines);
      const hidden = s.lines.length - shown.length;
      return {
        heading: `${shownText(s.title, 120)} · ${s.found.toLocaleString('en-GB')} found`,
        counts: describeCounts(countResults(s.lines), m.state),
        lines: shown.map((l) => ({
          text: `**${LINE_WORD[m.state][l.result]}** · ${shownText(l.label, chars)}`,
          hasDetail: Boolean(l.detail?.trim()),
          detail: l.detail ? shownText(l.detail, chars) : '',
          hasWarnings: l.warnings.length > 0,
          warnings: shownText(l.warnings.join(' · '), chars),
        })),
        hasMore: hidden > 0,
        moreText: more(hidden, 'more'),
      };
    }),
    hasUnplaced: m.unplaced.length > 0,
    unplacedHeading: `Not placed: ${m.unplaced.length.toLocaleString('en-GB')} line${m.unplaced.length === 1 ? '' : 's'}`,
    unplaced: shownUnplaced.map((u) => ({ text: shownText(u.text, chars), why: shownText(u.why, chars) })),
    hasMoreUnplaced: hiddenUnplaced > 0,
    moreUnplaced: more(hiddenUnplaced, 'more'),
    hasUnknown: m.unknownNames.length > 0,
    unknownNames: shownText(m.unknownNames.join(', '), 2_000),
    canImport,
    board: m.board,
    importId: canImport ? (m.importId ?? null) : null,
    digest: canImport ? (m.digest ?? null) : null,
  };
}
