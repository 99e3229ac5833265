// The digest as Markdown (GitHub-flavoured tables): for a wiki page, an email, or a quick look
// in the terminal (`npm run tracker -- digest --meeting dd/MM/yyyy`).
import type { Digest, DigestItem } from '../tracker/digest-model.ts';
import { countsLine, digestTitle, meetingLine, ownersText, statusLines, updateText } from './text.ts';

const CELL_SPECIAL = /[\\|\r\n\u2028\u2029]/;
const CELL_ESCAPES = /\\|\||\r\n?|\n|\u2028|\u2029/g;

/**
 * A table cell: a backslash and a pipe escaped (so `|` cannot end the cell and `\|` stays as
 * written), line breaks as `<br>` (a table row is one line), surrounding blanks trimmed.
 */
export function mdCell(s: string): string {
  const text = s.trim();
  // One pass, and none at all for the usual cell with nothing to escape.
  const cell = CELL_SPECIAL.test(text) ? text.replace(CELL_ESCAPES, (c) => (c === '\\' ? '\\\\' : c === '|' ? '\\|' : '<br>')) : text;
  return cell === '' ? ' ' : cell;
}

/** Text outside a table (title, meeting line): one line, whatever it was given. */
function mdLine(s: string): string {
  return s.replace(/\s*(\r\n?|\n|\u2028|\u2029)\s*/g, ' ').trim();
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(mdCell).join(' | ')} |`;
}

function itemRow(i: DigestItem): string {
  return row([i.ref, i.text, ownersText(i.owners), updateText(i) || '—', statusLines(i).join('\n')]);
}

export function digestMarkdown(d: Digest): string {
  const lines = [`# ${mdLine(digestTitle(d))}`, '', mdLine(meetingLine(d)), '', mdLine(countsLine(d))];
  if (d.groups.length === 0) lines.push('', 'No actions are open.');
  for (const g of d.groups) {
    lines.push('', `## ${mdLine(g.title)}`, '', '| Ref | Action | Owner | Update | Status |', '| --- | --- | --- | --- | --- |');
    for (const i of g.items) lines.push(itemRow(i));
  }
  return lines.join('\n') + '\n';
}
