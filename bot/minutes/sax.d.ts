// The part of sax (it ships no types) that the Word reader (bot/minutes/docx.ts) and the tests' strict
// XML (tests/helpers/xml.ts) use. With `xmlns: true` a tag's attributes are qualified objects; without
// it they are plain strings.
declare module 'sax' {
  export interface QualifiedAttribute {
    name: string;
    value: string;
    prefix: string;
    local: string;
    uri: string;
  }
  export interface QualifiedTag {
    name: string;
    prefix: string;
    local: string;
    uri: string;
    attributes: Record<string, QualifiedAttribute>;
    isSelfClosing: boolean;
  }
  export interface Tag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
  }
  export interface SAXParser<T = Tag> {
    line: number;
    column: number;
    onerror: (e: Error) => void;
    onopentag: (tag: T) => void;
    onclosetag: (name: string) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    /** A <!DOCTYPE ...> (with any entity declarations in it), as written. */
    ondoctype: (doctype: string) => void;
    /** Any other <!...> declaration, such as an <!ENTITY ...> outside a DOCTYPE. */
    onsgmldeclaration: (declaration: string) => void;
    write(xml: string): SAXParser<T>;
    close(): SAXParser<T>;
  }
  export interface Options {
    position?: boolean;
    trim?: boolean;
    normalize?: boolean;
  }
  const sax: {
    parser(strict: boolean, options: Options & { xmlns: true }): SAXParser<QualifiedTag>;
    parser(strict: boolean, options?: Options & { xmlns?: false }): SAXParser<Tag>;
  };
  export default sax;
}
