/**
 * The part of STIX 2.1 patterning that indicator feeds use for atomic indicators: observation expressions
 * `[object:path = 'value' ...]` joined by `OR`/`AND`, inside each comparisons joined by `OR`/`AND`. Each
 * alternative becomes the `ThreatIntelligenceIndicator` columns it sets; anything else is left out.
 */

/** Columns of `ThreatIntelligenceIndicator` an observable sets. */
export type IndicatorFields = Record<string, string | number>;

/** STIX hash names to Sentinel's `FileHashType` spelling. */
const HASH_TYPES: Readonly<Record<string, string>> = {
  "MD5": "MD5",
  "SHA-1": "SHA1",
  "SHA1": "SHA1",
  "SHA-256": "SHA256",
  "SHA256": "SHA256",
  "SHA-512": "SHA512",
  "SHA512": "SHA512",
  "SHA3-256": "SHA3-256",
  "SSDEEP": "SSDEEP",
};

/** The columns one `object:path = value` comparison sets, or undefined when it maps to none. */
function fieldsOf(object: string, path: string, value: string): IndicatorFields | undefined {
  const cidr = value.includes("/");
  switch (`${object}:${path}`) {
    case "ipv4-addr:value":
    case "ipv6-addr:value":
      return cidr ? { NetworkCidrBlock: value } : { NetworkIP: value };
    case "domain-name:value":
      return { DomainName: value };
    case "url:value":
      return { Url: value };
    case "email-addr:value":
    case "email-message:from_ref.value":
    case "email-message:sender_ref.value":
      return { EmailSenderAddress: value };
    case "email-message:subject":
      return { EmailSubject: value };
    case "email-message:to_refs[*].value":
      return { EmailRecipient: value };
    case "network-traffic:dst_ref.value":
      return cidr ? { NetworkDestinationCidrBlock: value } : { NetworkDestinationIP: value };
    case "network-traffic:src_ref.value":
      return cidr ? { NetworkSourceCidrBlock: value } : { NetworkSourceIP: value };
    case "network-traffic:dst_port":
      return Number.isInteger(Number(value)) ? { NetworkDestinationPort: Number(value) } : undefined;
    case "network-traffic:src_port":
      return Number.isInteger(Number(value)) ? { NetworkSourcePort: Number(value) } : undefined;
    case "file:name":
      return { FileName: value };
    case "file:size":
      return Number.isInteger(Number(value)) ? { FileSize: Number(value) } : undefined;
    case "autonomous-system:number":
      return Number.isInteger(Number(value)) ? { NetworkDestinationAsn: Number(value) } : undefined;
    case "mutex:name":
      return { FileMutexName: value };
  }
  const hash = /^hashes\.(?:'([^']+)'|"([^"]+)"|([A-Za-z0-9-]+))$/.exec(path);
  if (object === "file" && hash) {
    const name = (hash[1] ?? hash[2] ?? hash[3]).toUpperCase();
    return { FileHashType: HASH_TYPES[name] ?? name, FileHashValue: value };
  }
  return undefined;
}

/** Split on a keyword outside quotes and brackets, e.g. the `OR`s of `a = 'x OR y' OR b = 'z'`. */
function splitTop(text: string, keyword: "OR" | "AND"): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === "'") quote = false;
      continue;
    }
    if (c === "'") quote = true;
    else if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    else if (
      depth === 0 && text.startsWith(keyword, i) && /\s/.test(text[i - 1] ?? "") &&
      /\s/.test(text[i + keyword.length] ?? "")
    ) {
      parts.push(text.slice(start, i));
      start = i + keyword.length;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

const COMPARISON =
  /^([a-z0-9-]+):([A-Za-z0-9_.'"*\[\]-]+)\s*(=|LIKE|MATCHES|IN)\s*(?:'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?))$/;

/** One observation's alternatives (split on OR), each the merge of its AND-ed comparisons. */
function observation(text: string): IndicatorFields[] {
  const out: IndicatorFields[] = [];
  for (const alternative of splitTop(text, "OR")) {
    let fields: IndicatorFields = {};
    for (const comparison of splitTop(alternative.replace(/^\((.*)\)$/s, "$1"), "AND")) {
      const m = COMPARISON.exec(comparison);
      // Only equality names an observable; LIKE/MATCHES describe many and are not an exact IoC.
      if (!m || m[3] !== "=") continue;
      const value = m[4] !== undefined ? m[4].replace(/\\(.)/g, "$1") : m[5];
      const mapped = fieldsOf(m[1], m[2], value);
      if (mapped) fields = { ...fields, ...mapped };
    }
    if (Object.keys(fields).length > 0) out.push(fields);
  }
  return out;
}

/**
 * The observables of a STIX pattern, one entry per alternative.
 *
 * @param pattern the indicator's `pattern`
 * @returns the columns each alternative sets (empty when nothing maps to a column)
 * @example
 * ```ts
 * import { stixObservables } from "./stix_pattern.ts";
 * stixObservables("[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'evil.example']");
 * // [{ NetworkIP: "198.51.100.7" }, { DomainName: "evil.example" }]
 * ```
 */
export function stixObservables(pattern: string): IndicatorFields[] {
  const out: IndicatorFields[] = [];
  // Observation expressions: `[...]`, possibly joined by OR/AND/FOLLOWEDBY and qualified (WITHIN, REPEATS).
  const observations = pattern.match(/\[(?:[^\]'\\]|'(?:[^'\\]|\\.)*'|\\.)*\]/g) ?? [];
  for (const o of observations) out.push(...observation(o.slice(1, -1).trim()));
  return out;
}
