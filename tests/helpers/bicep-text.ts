// Bicep read as text, for tests that check infra/ where no Bicep compiler runs: a file's params, vars,
// resources, modules and outputs, and the entries of an object. It skips Bicep's strings (with ${}
// interpolation and \ escapes) and comments, so a brace or a quote inside them does not mislead it.
// It reads the plain Bicep infra/ is written in, not the whole language.

export interface BicepParam {
  type: string;
  /** The default's expression, as written. */
  defaultValue?: string;
  /** The decorators above it, as written (`@secure()`, `@allowed([...])`). */
  decorators: string[];
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The text between the braces of its declaration. */
  body: string;
}

export interface BicepFile {
  targetScope?: string;
  params: Map<string, BicepParam>;
  vars: Map<string, string>;
  resources: BicepResource[];
  modules: Map<string, { path: string; body: string }>;
  outputs: Map<string, string>;
}

const OPEN = '({[';
const CLOSE = ')}]';

/** Index just past the comment starting at `i`, or `i` when none starts there. */
function skipComment(text: string, i: number): number {
  if (text.startsWith('//', i)) {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (text.startsWith('/*', i)) {
    const end = text.indexOf('*/', i + 2);
    if (end < 0) throw new Error(`unclosed comment at offset ${i}`);
    return end + 2;
  }
  return i;
}

/** Index just past the string literal whose opening quote is at `start`. */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'") return i + 1;
    else if (c === '$' && text[i + 1] === '{') i = skipBalanced(text, i + 1);
    else i++;
  }
  throw new Error(`unclosed string at offset ${start}`);
}

/** Index just past the bracket that closes the one at `open`. */
function skipBalanced(text: string, open: number): number {
  const expected: string[] = [CLOSE[OPEN.indexOf(text[open] ?? '')] ?? ''];
  let i = open + 1;
  while (i < text.length) {
    const after = skipComment(text, i);
    if (after !== i) {
      i = after;
      continue;
    }
    const c = text[i] ?? '';
    if (c === "'") {
      i = skipString(text, i);
      continue;
    }
    if (OPEN.includes(c)) expected.push(CLOSE[OPEN.indexOf(c)] ?? '');
    else if (CLOSE.includes(c)) {
      if (expected.pop() !== c) throw new Error(`unexpected ${c} at offset ${i}`);
      if (expected.length === 0) return i + 1;
    }
    i++;
  }
  throw new Error(`unclosed ${text[open]} at offset ${open}`);
}

/** The statements of a file, or the entries of an object's body: split at line ends and commas outside brackets. */
function pieces(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const cut = (end: number): void => {
    const piece = text.slice(start, end).trim();
    if (piece) out.push(piece);
  };
  let i = 0;
  while (i < text.length) {
    const after = skipComment(text, i);
    if (after !== i) {
      cut(i);
      i = start = after;
      continue;
    }
    const c = text[i] ?? '';
    if (c === "'") i = skipString(text, i);
    else if (OPEN.includes(c)) i = skipBalanced(text, i);
    else {
      if (c === '\n' || c === ',') {
        cut(i);
        start = i + 1;
      }
      i++;
    }
  }
  cut(text.length);
  return out;
}

/** The text between the braces of an object literal. */
export function objectBody(expression: string): string {
  const text = expression.trim();
  if (!text.startsWith('{') || skipBalanced(text, 0) !== text.length) throw new Error(`not an object: ${text}`);
  return text.slice(1, -1);
}

/** An object's entries, key (unquoted) to the value's expression as written. */
export function entries(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const piece of pieces(body)) {
    const m = /^('(?:[^'\\]|\\.)*'|[A-Za-z_]\w*)\s*:\s*([\s\S]+)$/.exec(piece);
    if (!m?.[1] || !m[2]) throw new Error(`not an object entry: ${piece}`);
    out.set(m[1].replace(/^'|'$/g, ''), m[2].trim());
  }
  return out;
}

/** A string literal's text with each ${...} replaced, or undefined when the expression is no string literal. */
export function stringLiteral(expression: string, interpolate: (inner: string) => string): string | undefined {
  const text = expression.trim();
  if (!text.startsWith("'") || skipString(text, 0) !== text.length) return undefined;
  let out = '';
  let i = 1;
  while (i < text.length - 1) {
    if (text[i] === '\\') {
      out += text[i + 1];
      i += 2;
    } else if (text[i] === '$' && text[i + 1] === '{') {
      const end = skipBalanced(text, i + 1);
      out += interpolate(text.slice(i + 2, end - 1));
      i = end;
    } else out += text[i++];
  }
  return out;
}

export function readBicep(text: string): BicepFile {
  const file: BicepFile = { params: new Map(), vars: new Map(), resources: [], modules: new Map(), outputs: new Map() };
  let decorators: string[] = [];
  for (const piece of pieces(text)) {
    if (piece.startsWith('@')) {
      decorators.push(piece);
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^targetScope\s*=\s*'(\w+)'$/.exec(piece))) file.targetScope = m[1];
    else if ((m = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*([\s\S]+))?$/.exec(piece)) && m[1] && m[2])
      file.params.set(m[1], { type: m[2], ...(m[3] ? { defaultValue: m[3].trim() } : {}), decorators });
    else if ((m = /^var\s+(\w+)\s*=\s*([\s\S]+)$/.exec(piece)) && m[1] && m[2]) file.vars.set(m[1], m[2].trim());
    else if (
      (m = /^resource\s+(\w+)\s+'([^'@]+)@([^']+)'(?:\s+existing)?\s*=\s*(?:if\s*\([\s\S]*?\)\s*)?(\{[\s\S]*\})$/.exec(
        piece,
      )) &&
      m[1] &&
      m[2] &&
      m[3] &&
      m[4]
    )
      file.resources.push({ symbol: m[1], type: m[2], apiVersion: m[3], body: objectBody(m[4]) });
    else if ((m = /^module\s+(\w+)\s+'([^']+)'\s*=\s*(\{[\s\S]*\})$/.exec(piece)) && m[1] && m[2] && m[3])
      file.modules.set(m[1], { path: m[2], body: objectBody(m[3]) });
    else if ((m = /^output\s+(\w+)\s+\w+\s*=\s*([\s\S]+)$/.exec(piece)) && m[1] && m[2])
      file.outputs.set(m[1], m[2].trim());
    else throw new Error(`a statement this reader does not know: ${piece.slice(0, 80)}`);
    decorators = [];
  }
  return file;
}
