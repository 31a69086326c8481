import type { Value } from "../values/value.ts";

/**
 * `parse_xml`: XML text to a dynamic value following the usual XML-to-JSON mapping Kusto documents: an element
 * becomes a property named after it; attributes become `@name` properties; an element with only text becomes that
 * string, otherwise its text goes in `#text`; repeated child elements become an array; an empty element is null.
 * Comments, processing instructions and the XML declaration are skipped. Malformed XML gives null.
 *
 * @param text The XML text.
 * @returns The dynamic value, or null when the text is not well-formed XML.
 */
export function parseXml(text: string): Value {
  const parser = new XmlReader(text);
  try {
    parser.skipMisc();
    const root = parser.element();
    parser.skipMisc();
    if (!parser.atEnd()) return null;
    return { [root.name]: root.value };
  } catch {
    // The reader signals malformed input by throwing internally; the public function never throws.
    return null;
  }
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name] ?? whole;
  });
}

class XmlReader {
  #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  atEnd(): boolean {
    return this.#pos >= this.#text.length;
  }

  #fail(): never {
    throw new SyntaxError("Malformed XML");
  }

  #skipSpace(): void {
    while (this.#pos < this.#text.length && /\s/.test(this.#text[this.#pos])) this.#pos++;
  }

  skipMisc(): void {
    while (true) {
      this.#skipSpace();
      if (this.#text.startsWith("<?", this.#pos)) this.#skipPast("?>");
      else if (this.#text.startsWith("<!--", this.#pos)) this.#skipPast("-->");
      else if (this.#text.startsWith("<!DOCTYPE", this.#pos)) this.#skipPast(">");
      else return;
    }
  }

  #skipPast(marker: string): void {
    const end = this.#text.indexOf(marker, this.#pos);
    if (end < 0) this.#fail();
    this.#pos = end + marker.length;
  }

  #name(): string {
    const m = /^[A-Za-z_:][\w:.-]*/.exec(this.#text.slice(this.#pos, this.#pos + 256));
    if (m === null) this.#fail();
    this.#pos += m[0].length;
    return m[0];
  }

  element(): { name: string; value: Value } {
    if (this.#text[this.#pos] !== "<") this.#fail();
    this.#pos++;
    const name = this.#name();
    const props: Record<string, Value> = {};
    let hasProps = false;
    while (true) {
      this.#skipSpace();
      const c = this.#text[this.#pos];
      if (c === "/" && this.#text[this.#pos + 1] === ">") {
        this.#pos += 2;
        return { name, value: hasProps ? props : null };
      }
      if (c === ">") {
        this.#pos++;
        break;
      }
      if (c === undefined) this.#fail();
      const attr = this.#name();
      this.#skipSpace();
      if (this.#text[this.#pos] !== "=") this.#fail();
      this.#pos++;
      this.#skipSpace();
      const quote = this.#text[this.#pos];
      if (quote !== '"' && quote !== "'") this.#fail();
      const end = this.#text.indexOf(quote, this.#pos + 1);
      if (end < 0) this.#fail();
      props["@" + attr] = decodeEntities(this.#text.slice(this.#pos + 1, end));
      hasProps = true;
      this.#pos = end + 1;
    }
    let textContent = "";
    while (true) {
      if (this.atEnd()) this.#fail();
      if (this.#text.startsWith("</", this.#pos)) {
        this.#pos += 2;
        if (this.#name() !== name) this.#fail();
        this.#skipSpace();
        if (this.#text[this.#pos] !== ">") this.#fail();
        this.#pos++;
        break;
      }
      if (this.#text.startsWith("<!--", this.#pos)) {
        this.#skipPast("-->");
      } else if (this.#text.startsWith("<![CDATA[", this.#pos)) {
        const end = this.#text.indexOf("]]>", this.#pos);
        if (end < 0) this.#fail();
        textContent += this.#text.slice(this.#pos + 9, end);
        this.#pos = end + 3;
      } else if (this.#text[this.#pos] === "<") {
        const child = this.element();
        hasProps = true;
        const existing = props[child.name];
        if (existing === undefined) props[child.name] = child.value;
        else if (Array.isArray(existing)) (existing as Value[]).push(child.value);
        else props[child.name] = [existing, child.value];
      } else {
        const next = this.#text.indexOf("<", this.#pos);
        const end = next < 0 ? this.#text.length : next;
        textContent += decodeEntities(this.#text.slice(this.#pos, end));
        this.#pos = end;
      }
    }
    const trimmed = textContent.trim();
    if (!hasProps) return { name, value: trimmed.length === 0 ? null : trimmed };
    if (trimmed.length > 0) props["#text"] = trimmed;
    return { name, value: props };
  }
}
