// The part of sax (a dependency of azurite; it ships no types) that tests/helpers/xml.ts uses:
// the strict parser with namespaces, whose tags carry qualified attributes.
declare module 'sax' {
  interface QualifiedAttribute {
    name: string;
    value: string;
    prefix: string;
    local: string;
    uri: string;
  }
  interface QualifiedTag {
    name: string;
    prefix: string;
    local: string;
    uri: string;
    attributes: Record<string, QualifiedAttribute>;
    isSelfClosing: boolean;
  }
  interface SAXParser {
    line: number;
    column: number;
    onerror: (e: Error) => void;
    onopentag: (tag: QualifiedTag) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    write(xml: string): SAXParser;
    close(): SAXParser;
  }
  const sax: { parser(strict: boolean, options?: { xmlns?: boolean; position?: boolean }): SAXParser };
  export default sax;
}
