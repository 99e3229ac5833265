// Strict XML for tests of the Word document: sax in strict mode with namespaces (a real parser,
// which refuses a stray '<' or '&', an unknown entity, a mismatched or unclosed tag, text outside
// the root and an unbound prefix, the mistakes Word refuses a file for), plus what sax lets
// through: a second root element and characters XML 1.0 forbids. The result is a small tree.
import sax from 'sax';

export interface XmlElement {
  /** The qualified name as written, 'w:p'. */
  name: string;
  /** By qualified name, values unescaped. */
  attributes: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The document element; throws on anything that is not well-formed, namespace-correct XML 1.0. */
export function parseXml(xml: string, what = 'xml'): XmlElement {
  const bad = FORBIDDEN.exec(xml);
  if (bad)
    throw new Error(
      `${what}: character U+${(bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase()} at ${bad.index} is not allowed in XML 1.0`,
    );
  const parser = sax.parser(true, { xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.onerror = (e) => {
    throw new Error(
      `${what}: ${e.message.split('\n')[0] ?? ''} (line ${parser.line + 1}, column ${parser.column + 1})`,
    );
  };
  parser.onopentag = (tag) => {
    const element: XmlElement = { name: tag.name, attributes: {}, children: [] };
    for (const a of Object.values(tag.attributes)) element.attributes[a.name] = a.value;
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error(`${what}: a second root element <${tag.name}>`);
    else root = element;
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (text) => {
    stack.at(-1)?.children.push(text);
  };
  parser.write(xml).close();
  if (!root) throw new Error(`${what}: no root element`);
  return root;
}

/** Every element named `name` below `e`, in document order (not looking inside a match). */
export function findAll(e: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of e.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    else findAll(c, name, out);
  }
  return out;
}

/** The direct children of `e` named `name`. */
export function childrenNamed(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** All the text inside `e`. */
export function textContent(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textContent(c))).join('');
}
