// Initials as the minutes write them: 'Jane Doe' is JD, 'Sam Carter-Lee' is SCL. Ranks and titles
// are not part of them ('Ch Supt Jane Doe' is still JD).
import { normaliseText } from './text.ts';

/**
 * Ranks and titles that can precede a name. Abbreviations written in capitals ('DI', 'CC') only
 * count when written in capitals, so 'Di Smith' keeps her first name.
 */
export const RANKS: readonly string[] = [
  // Chief officers
  'Chief Constable',
  'Deputy Chief Constable',
  'Assistant Chief Constable',
  'CC',
  'DCC',
  'ACC',
  'Commander',
  'Cdr',
  // Superintendents
  'Detective Chief Superintendent',
  'Chief Superintendent',
  'Det Ch Supt',
  'Det Chief Supt',
  'Ch Supt',
  'Chief Supt',
  'C/Supt',
  'C Supt',
  'DCS',
  'Detective Superintendent',
  'Superintendent',
  'Det Supt',
  'Supt',
  'DSU',
  // Inspectors
  'Detective Chief Inspector',
  'Chief Inspector',
  'Det Ch Insp',
  'Ch Insp',
  'Chief Insp',
  'C/Insp',
  'DCI',
  'CI',
  'Detective Inspector',
  'Inspector',
  'Det Insp',
  'Insp',
  'DI',
  // Sergeants and constables
  'Detective Sergeant',
  'Police Sergeant',
  'Sergeant',
  'Det Sgt',
  'Sgt',
  'DS',
  'PS',
  'Detective Constable',
  'Police Constable',
  'Constable',
  'Det Con',
  'DC',
  'PC',
  'PCSO',
  // Titles
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Mx',
  'Dr',
  'Prof',
  'Professor',
  'Sir',
  'Dame',
  'Lord',
  'Lady',
  'Cllr',
  'Councillor',
  'Rev',
  'Revd',
];

// Longest first, so 'Ch Supt' wins over a shorter rank that happens to share its first word.
const RANK_WORDS = [...RANKS].map((r) => r.split(' ')).sort((a, b) => b.length - a.length);

// Post-nominal letters (honours) sometimes follow a senior officer's name: 'Martin Jelley QPM'.
const POST_NOMINALS = new Set(['QPM', 'KPM', 'OBE', 'MBE', 'CBE', 'DL', 'JP', 'KC', 'QC']);

function wordIs(word: string, rankWord: string): boolean {
  // 'T/Supt' and 'A/Insp' (temporary, acting) are the same rank.
  const w = word.replace(/^[TA]\//, '').replace(/\.$/, '');
  return /^[A-Z]{2,5}$/.test(rankWord) ? w === rankWord : w.toLowerCase() === rankWord.toLowerCase();
}

/**
 * Splits a leading rank or title off a name: 'Ch Supt Doe' -> { rank: 'Ch Supt', rest: 'Doe' }.
 * A name that is only a rank keeps it (there would be nothing left to be the person).
 */
export function stripRank(name: string): { rank?: string; rest: string } {
  // 'C.Supt Ben Smith', 'Ch.Supt Ben Smith': an abbreviated rank written without its space.
  const words = normaliseText(name)
    .replace(/^([A-Za-z]{1,3})\.(?=[A-Za-z])/, '$1. ')
    .split(' ')
    .filter((w) => w !== '');
  for (const rank of RANK_WORDS) {
    if (words.length <= rank.length) continue;
    if (rank.every((r, i) => wordIs(words[i] ?? '', r))) {
      return { rank: words.slice(0, rank.length).join(' '), rest: words.slice(rank.length).join(' ') };
    }
  }
  return { rest: words.join(' ') };
}

/** The initials of a person's name, upper case: 'Sam Carter-Lee' -> 'SCL', "Mary O'Neill" -> 'MO'. */
export function initialsOf(name: string): string {
  const bare = normaliseText(name.replace(/\([^)]*\)/g, ' '));
  const words = stripRank(bare).rest.split(' ');
  while (words.length > 1 && POST_NOMINALS.has(words[words.length - 1] ?? '')) words.pop();
  let out = '';
  for (const word of words) {
    // A hyphenated surname gives one letter per part; an apostrophe does not split (O'Neill).
    for (const part of word.split(/[-\u2010\u2011]/)) {
      const letter = /\p{L}/u.exec(part);
      if (letter) out += letter[0];
    }
  }
  return out.toUpperCase();
}
