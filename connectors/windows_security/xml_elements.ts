/**
 * A small non-validating XML reader, enough for Windows Event XML: elements, attributes, text, entities, CDATA;
 * comments, processing instructions and DOCTYPE are skipped. Iterative (no recursion) with a depth limit, and it
 * never throws: malformed input gives a reason and an offset.
 */

/** An element: its local name (namespace prefix dropped), attributes, text and child elements. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
  /** Offset of the element's `<` in the document. */
  readonly start: number;
  /** Offset just after its closing tag (set when the element closes). */
  end: number;
}

/** The outcome of reading a document. */
export type XmlResult = { readonly ok: true; readonly roots: XmlElement[] } | {
  readonly ok: false;
  readonly message: string;
  readonly offset: number;
};

const MAX_DEPTH = 64;
const NAME = /[A-Za-z_:][\w:.-]*/y;
const ATTRIBUTE = /\s*([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/**
 * Read the top-level elements of an XML text (several are allowed, as an export may hold many events).
 *
 * @param text The XML.
 * @returns The root elements or the first problem.
 * @example
 * ```ts
 * const result = readXml('<Event><EventID>4624</EventID></Event>');
 * result.ok && result.roots[0].children[0].text; // "4624"
 * ```
 */
export function readXml(text: string): XmlResult {
  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (stack.length > 0) stack[stack.length - 1].text += decodeEntities(chunk);
    else if (chunk.trim() !== "") return fail(i, "Unexpected text outside an element");
    if (lt === -1) break;
    i = lt;
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end === -1) return fail(i, "Unterminated comment");
      i = end + 3;
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = text.indexOf("]]>", i + 9);
      if (end === -1) return fail(i, "Unterminated CDATA section");
      if (stack.length > 0) stack[stack.length - 1].text += text.slice(i + 9, end);
      i = end + 3;
    } else if (text.startsWith("<?", i) || text.startsWith("<!", i)) {
      const end = text.indexOf(">", i);
      if (end === -1) return fail(i, "Unterminated declaration");
      i = end + 1;
    } else if (text.startsWith("</", i)) {
      NAME.lastIndex = i + 2;
      const name = NAME.exec(text)?.[0];
      const end = text.indexOf(">", i);
      const open = stack.pop();
      if (!name || end === -1) return fail(i, "Malformed closing tag");
      if (!open || open.name !== localName(name)) {
        return fail(i, `Mismatched closing tag "${name}"${open ? `: expected "${open.name}"` : ""}`);
      }
      i = end + 1;
      open.end = i;
    } else {
      const tagStart = i;
      NAME.lastIndex = i + 1;
      const name = NAME.exec(text)?.[0];
      if (!name) return fail(i, "Malformed opening tag");
      i = i + 1 + name.length;
      const attributes: Record<string, string> = {};
      for (;;) {
        ATTRIBUTE.lastIndex = i;
        const attribute = ATTRIBUTE.exec(text);
        if (!attribute) break;
        attributes[localName(attribute[1])] = decodeEntities(attribute[2] ?? attribute[3]);
        i = ATTRIBUTE.lastIndex;
      }
      while (i < text.length && /\s/.test(text[i])) i++;
      const selfClosing = text.startsWith("/>", i);
      if (!selfClosing && text[i] !== ">") return fail(i, `Malformed tag "${name}"`);
      i += selfClosing ? 2 : 1;
      const element: XmlElement = {
        name: localName(name),
        attributes,
        children: [],
        text: "",
        start: tagStart,
        end: i,
      };
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else roots.push(element);
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) return fail(i, `XML nested deeper than ${MAX_DEPTH} levels`);
        stack.push(element);
      }
    }
  }
  if (stack.length > 0) return fail(text.length, `Unclosed element "${stack[stack.length - 1].name}"`);
  return { ok: true, roots };
}

/**
 * The first child element with this local name.
 *
 * @param element The parent.
 * @param name The child's local name.
 * @returns The child or undefined.
 * @example
 * ```ts
 * const result = readXml("<a><b>x</b></a>");
 * result.ok && childNamed(result.roots[0], "b")?.text; // "x"
 * ```
 */
export function childNamed(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((child) => child.name === name);
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#")) {
      const code = entity[1] === "x" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[entity] ?? whole;
  });
}

function fail(offset: number, message: string): XmlResult {
  return { ok: false, message, offset };
}
