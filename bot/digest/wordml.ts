// WordprocessingML (the XML inside a .docx) written as strings: the few elements the action log
// uses. Writing the markup directly, rather than building an object tree first, is what keeps a
// 10,000-row log quick. Every piece of text goes through xmlText.
import { xmlText } from './xml.ts';

/** The main WordprocessingML namespace, and the relationships one (for r:id). */
export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export interface RunStyle {
  bold?: boolean;
  /** Half-points: 20 is 10pt. */
  size?: number;
}

export interface ParagraphStyle {
  /** A paragraph style's id from styles.xml, such as 'Heading1'. */
  style?: string;
  keepNext?: boolean;
  /** Space above, in twentieths of a point. */
  before?: number;
  align?: 'left' | 'center' | 'right';
}

/** A run's properties (<w:rPr>), '' for none. Cheap to call once and reuse for many runs. */
export function runProps(s: RunStyle): string {
  const bold = s.bold ? '<w:b/><w:bCs/>' : '';
  const size = s.size !== undefined ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : '';
  return bold || size ? `<w:rPr>${bold}${size}</w:rPr>` : '';
}

/** A paragraph's properties (<w:pPr>), '' for none, in the order the schema requires. */
export function paragraphProps(s: ParagraphStyle): string {
  const inner = [
    s.style ? `<w:pStyle w:val="${xmlText(s.style)}"/>` : '',
    s.keepNext ? '<w:keepNext/>' : '',
    s.before !== undefined ? `<w:spacing w:before="${s.before}"/>` : '',
    s.align ? `<w:jc w:val="${s.align}"/>` : '',
  ].join('');
  return inner ? `<w:pPr>${inner}</w:pPr>` : '';
}

// Word drops spaces at either end of a <w:t>, and may fold runs of them, unless told to keep them.
const SPACES_TO_KEEP = /^\s|\s$|\s\s/;

function textElement(text: string): string {
  return SPACES_TO_KEEP.test(text) ? `<w:t xml:space="preserve">${text}</w:t>` : `<w:t>${text}</w:t>`;
}

/** One line of text as a run; a tab becomes Word's own tab rather than a stray character. */
export function run(line: string, rPr = ''): string {
  const text = xmlText(line);
  const body = text.includes('\t') ? text.split('\t').map(textElement).join('<w:tab/>') : textElement(text);
  return `<w:r>${rPr}${body}</w:r>`;
}

const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/;

/** A paragraph per line of the text, as Word itself writes an Enter inside a table cell. */
export function paragraphs(text: string, rPr = '', pPr = ''): string {
  let out = '';
  for (const line of LINE_BREAK.test(text) ? text.split(LINE_BREAK) : [text])
    out += `<w:p>${pPr}${run(line, rPr)}</w:p>`;
  return out;
}

/** A paragraph of runs already written (with run()), for mixing styles or fields in one line. */
export function paragraphOf(runs: string, pPr = ''): string {
  return `<w:p>${pPr}${runs}</w:p>`;
}

/** A simple field (PAGE, NUMPAGES) that Word fills in when it lays the page out. */
export function field(instruction: 'PAGE' | 'NUMPAGES', rPr = ''): string {
  return `<w:fldSimple w:instr=" ${instruction} "><w:r>${rPr}<w:t>1</w:t></w:r></w:fldSimple>`;
}
