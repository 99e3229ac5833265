// List numbering: the label Word draws before a list paragraph ('I.', 'ii.', '1.', a bullet), which is
// not in the paragraph's text. Read from numbering.xml and the paragraph styles in styles.xml.
import { attr, walkXml } from './docx-package.ts';

interface Level {
  start: number;
  format: string;
  text: string;
  /** Legal numbering: every level shown as a decimal ('1.1.'). */
  legal: boolean;
}

interface List {
  /** Lists that share a counter share a key: the nums of one abstract list continue each other unless restarted. */
  counter: string;
  levels: Map<number, Level>;
}

/** Where a paragraph style puts its paragraphs in a list. */
interface StyleNumbering {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

const ROMAN: ReadonlyArray<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  let out = '';
  for (const [value, numeral] of ROMAN) for (; n >= value; n -= value) out += numeral;
  return out;
}

/** Word's letters: a..z, then aa..zz, aaa... */
const letters = (n: number): string => String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerLetter':
      return letters(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      // decimal, and the rarer formats (ordinal, cardinal text...) as the number they count
      return String(n);
  }
}

/** Numbering as numbering.xml and styles.xml define it; `label` counts the paragraphs in document order. */
export class ListNumbering {
  private readonly counts = new Map<string, number[]>();

  constructor(
    private readonly lists: ReadonlyMap<string, List> = new Map(),
    private readonly styles: ReadonlyMap<string, StyleNumbering> = new Map(),
  ) {}

  /** The list a paragraph of this style is in, following basedOn (a loop in the styles ends the search). */
  private styleNumbering(styleId: string | undefined): { numId?: string; ilvl?: number } {
    const found: { numId?: string; ilvl?: number } = {};
    for (let id = styleId, hops = 0; id !== undefined && hops < 20; hops++) {
      const style = this.styles.get(id);
      if (!style) break;
      found.numId ??= style.numId;
      found.ilvl ??= style.ilvl;
      id = style.basedOn;
    }
    return found;
  }

  /** The label of the next paragraph with this numbering, counting it; undefined when it is not in a list. */
  label(own: { numId?: string; ilvl?: number; styleId?: string }): string | undefined {
    const style = this.styleNumbering(own.styleId);
    const numId = own.numId ?? style.numId;
    const ilvl = own.ilvl ?? style.ilvl ?? 0;
    const list = numId === undefined || numId === '0' ? undefined : this.lists.get(numId);
    const level = list?.levels.get(ilvl);
    if (!list || !level) return undefined;
    const counts = this.counts.get(list.counter) ?? [];
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl] + 1;
    counts.length = ilvl + 1; // a deeper level starts again under the next paragraph of this one
    this.counts.set(list.counter, counts);
    if (level.format === 'bullet') return '•';
    if (level.format === 'none') return undefined;
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const at = list.levels.get(k);
      return formatNumber(counts[k] ?? at?.start ?? 1, level.legal ? 'decimal' : (at?.format ?? 'decimal'));
    });
    return label.trim() === '' ? undefined : label.trim();
  }
}

export const intOf = (v: string | undefined): number | undefined => {
  const n = v === undefined ? NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
};

/** numbering.xml: each num's levels (its abstract list's, with the num's own overrides). */
export function readNumbering(xml: string): Map<string, List> {
  const abstracts = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstractId?: string; starts: Map<number, number>; levels: Map<number, Level> }>();
  let levels: Map<number, Level> | undefined; // the levels being read: an abstract list's, or a num's overrides
  let level: Level | undefined;
  let num: { abstractId?: string; starts: Map<number, number>; levels: Map<number, Level> } | undefined;
  let overrideLevel: number | undefined;
  walkXml(xml, 'word/numbering.xml', {
    open: (tag) => {
      const val = attr(tag, 'w:val');
      switch (tag.name) {
        case 'w:abstractNum':
          levels = new Map();
          abstracts.set(attr(tag, 'w:abstractNumId') ?? '', levels);
          break;
        case 'w:num':
          num = { starts: new Map(), levels: new Map() };
          nums.set(attr(tag, 'w:numId') ?? '', num);
          break;
        case 'w:abstractNumId':
          if (num) num.abstractId = val;
          break;
        case 'w:lvlOverride':
          overrideLevel = intOf(attr(tag, 'w:ilvl'));
          if (num) levels = num.levels;
          break;
        case 'w:startOverride':
          if (num && overrideLevel !== undefined) num.starts.set(overrideLevel, intOf(val) ?? 1);
          break;
        case 'w:lvl':
          level = { start: 1, format: 'decimal', text: '', legal: false };
          levels?.set(intOf(attr(tag, 'w:ilvl')) ?? 0, level);
          break;
        case 'w:start':
          if (level) level.start = intOf(val) ?? 1;
          break;
        case 'w:numFmt':
          if (level && val) level.format = val;
          break;
        case 'w:lvlText':
          if (level) level.text = val ?? '';
          break;
        case 'w:isLgl':
          if (level) level.legal = val !== '0' && val !== 'false';
          break;
      }
    },
    close: (name) => {
      if (name === 'w:lvl') level = undefined;
      else if (name === 'w:abstractNum' || name === 'w:lvlOverride') levels = undefined;
      else if (name === 'w:num') num = undefined;
    },
  });
  const lists = new Map<string, List>();
  for (const [numId, n] of nums) {
    const base = abstracts.get(n.abstractId ?? '') ?? new Map<number, Level>();
    const merged = new Map([...base, ...n.levels]);
    for (const [ilvl, start] of n.starts) {
      const at = merged.get(ilvl);
      if (at) merged.set(ilvl, { ...at, start });
    }
    // A num that restarts a level counts on its own; the others continue their abstract list.
    const restarts = n.starts.size > 0 || n.levels.size > 0;
    lists.set(numId, { counter: restarts ? `num ${numId}` : `abstract ${n.abstractId ?? ''}`, levels: merged });
  }
  return lists;
}

/** styles.xml: the paragraph styles that put their paragraphs in a list. */
export function readStyleNumbering(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  let style: StyleNumbering | undefined;
  let inPPrChange = 0;
  walkXml(xml, 'word/styles.xml', {
    open: (tag) => {
      const val = attr(tag, 'w:val');
      if (tag.name === 'w:style') {
        style = attr(tag, 'w:type') === 'paragraph' ? {} : undefined;
        if (style) styles.set(attr(tag, 'w:styleId') ?? '', style);
      } else if (tag.name === 'w:pPrChange') inPPrChange++;
      else if (!style || inPPrChange > 0) return;
      else if (tag.name === 'w:basedOn') style.basedOn = val;
      else if (tag.name === 'w:numId') style.numId = val;
      else if (tag.name === 'w:ilvl') style.ilvl = intOf(val);
    },
    close: (name) => {
      if (name === 'w:style') style = undefined;
      else if (name === 'w:pPrChange') inPPrChange--;
    },
  });
  return styles;
}
