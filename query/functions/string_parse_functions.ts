import type { Value } from "../values/value.ts";
import { define, type ScalarFunctionTable, textOf } from "./scalar_function.ts";

const UTF8 = new TextEncoder();

/** Characters .NET's `HttpUtility.UrlEncode` leaves as they are (Kusto's `url_encode` follows it). */
function isUrlSafe(byte: number): boolean {
  return (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) ||
    byte === 45 || byte === 95 || byte === 46 || byte === 33 || byte === 42 || byte === 40 || byte === 41;
}

function urlEncode(text: string): string {
  let out = "";
  for (const byte of UTF8.encode(text)) {
    if (isUrlSafe(byte)) out += String.fromCharCode(byte);
    else if (byte === 32) out += "+";
    else out += "%" + (byte < 16 ? "0" : "") + byte.toString(16);
  }
  return out;
}

function urlDecode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

function base64Encode(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function base64DecodeBytes(text: string): Uint8Array | null {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function base64DecodeToString(text: string): string | null {
  const bytes = base64DecodeBytes(text);
  if (bytes === null) return null;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function parseQuery(query: string): Record<string, Value> {
  const params: Record<string, Value> = {};
  for (const pair of query.split("&")) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf("=");
    const key = urlDecode(eq < 0 ? pair : pair.slice(0, eq)) ?? pair;
    params[key] = eq < 0 ? "" : urlDecode(pair.slice(eq + 1)) ?? pair.slice(eq + 1);
  }
  return params;
}

const URL_PATTERN =
  /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s;

/** `parse_url`: the parts of an absolute URL, with the query string split into `Query Parameters`. */
function parseUrl(url: string): Value {
  const m = URL_PATTERN.exec(url.trim());
  if (m === null) return {};
  return {
    Scheme: m[1],
    Host: m[4],
    Port: m[5] ?? "",
    Path: m[6],
    Username: m[2] ?? "",
    Password: m[3] ?? "",
    "Query Parameters": parseQuery(m[7] ?? ""),
    Fragment: m[8] ?? "",
  };
}

/** `parse_path`: the parts of a Windows or POSIX file path (schemes, UNC shares and alternate data streams). */
function parsePath(path: string): Value {
  let rest = path;
  let scheme = "";
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]+):\/\//.exec(rest);
  if (schemeMatch !== null) {
    scheme = schemeMatch[1];
    rest = rest.slice(schemeMatch[0].length);
  }
  const longPrefix = /^\\\\\?\\/.exec(rest);
  const body = longPrefix === null ? rest : rest.slice(longPrefix[0].length);
  const rootMatch = /^([A-Za-z]:)/.exec(body);
  const rootPath = rootMatch === null ? "" : rootMatch[1];
  const lastSlash = Math.max(rest.lastIndexOf("\\"), rest.lastIndexOf("/"));
  let filename = rest.slice(lastSlash + 1);
  const directoryPath = lastSlash < 0 ? "" : rest.slice(0, lastSlash);
  let stream = "";
  const colon = filename.indexOf(":");
  if (colon >= 0) {
    stream = filename.slice(colon + 1);
    filename = filename.slice(0, colon);
  }
  const dirSlash = Math.max(directoryPath.lastIndexOf("\\"), directoryPath.lastIndexOf("/"));
  const directoryName = directoryPath.slice(dirSlash + 1);
  const dot = filename.lastIndexOf(".");
  return {
    Scheme: scheme,
    RootPath: rootPath,
    DirectoryPath: directoryPath,
    DirectoryName: directoryName === rootPath ? "" : directoryName,
    Filename: filename,
    Extension: dot < 0 ? "" : filename.slice(dot + 1),
    AlternateDataStreamName: stream,
  };
}

/**
 * `parse_command_line(cmd, "windows")`: splits a command line the way `CommandLineToArgvW` does: whitespace
 * separates arguments outside quotes; 2n backslashes before a quote give n backslashes and toggle quoting, 2n+1
 * give n backslashes and a literal quote; `""` inside quotes is a literal quote; other backslashes are literal. The
 * program name (first argument) takes no escapes.
 */
function parseCommandLine(cmd: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = cmd.length;
  const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";
  while (i < n && isSpace(cmd[i])) i++;
  if (i >= n) return args;
  let program = "";
  if (cmd[i] === '"') {
    const end = cmd.indexOf('"', i + 1);
    program = cmd.slice(i + 1, end < 0 ? n : end);
    i = end < 0 ? n : end + 1;
  }
  while (i < n && !isSpace(cmd[i])) program += cmd[i++];
  args.push(program);
  while (true) {
    while (i < n && isSpace(cmd[i])) i++;
    if (i >= n) break;
    let arg = "";
    let quoted = false;
    while (i < n && (quoted || !isSpace(cmd[i]))) {
      const c = cmd[i];
      if (c === "\\") {
        let slashes = 0;
        while (cmd[i] === "\\") {
          slashes++;
          i++;
        }
        if (cmd[i] === '"') {
          arg += "\\".repeat(Math.floor(slashes / 2));
          if (slashes % 2 === 1) {
            arg += '"';
            i++;
          }
        } else {
          arg += "\\".repeat(slashes);
        }
      } else if (c === '"') {
        if (quoted && cmd[i + 1] === '"') {
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else {
        arg += c;
        i++;
      }
    }
    args.push(arg);
  }
  return args;
}

/** `parse_csv`: the fields of one CSV record; quoted fields may hold commas, newlines and doubled quotes. */
function parseCsv(text: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      break; // only the first record is read
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/** Encoding and parsing string functions: URLs, base64, paths and command lines. */
export const STRING_PARSE_FUNCTIONS: ScalarFunctionTable = {
  url_encode: define([1, 1], "string", ([s], c) => urlEncode(textOf(s, c.argTypes[0])), { strict: false }),
  url_encode_component: define([1, 1], "string", ([s], c) => urlEncode(textOf(s, c.argTypes[0])), {
    strict: false,
  }),
  url_decode: define([1, 1], "string", ([s], c) => urlDecode(textOf(s, c.argTypes[0])), { strict: false }),
  base64_encode_tostring: define(
    [1, 1],
    "string",
    ([s], c) => base64Encode(UTF8.encode(textOf(s, c.argTypes[0]))),
    { strict: false },
  ),
  base64_decode_tostring: define(
    [1, 1],
    "string",
    ([s], c) => base64DecodeToString(textOf(s, c.argTypes[0])),
    {
      strict: false,
    },
  ),
  base64_decode_toarray: define([1, 1], "dynamic", ([s], c) => {
    const bytes = base64DecodeBytes(textOf(s, c.argTypes[0]));
    return bytes === null ? null : Array.from(bytes);
  }, { strict: false }),
  base64_encode_fromarray: define([1, 1], "string", ([a]) => {
    if (!Array.isArray(a) || !a.every((b) => typeof b === "number" && b >= 0 && b <= 255)) return null;
    return base64Encode(Uint8Array.from(a as number[]));
  }),
  parse_url: define([1, 1], "dynamic", ([s], c) => parseUrl(textOf(s, c.argTypes[0])), { strict: false }),
  parse_urlquery: define([1, 1], "dynamic", ([s], c) => {
    const query = textOf(s, c.argTypes[0]);
    return { "Query Parameters": parseQuery(query.startsWith("?") ? query.slice(1) : query) };
  }, { strict: false }),
  parse_path: define([1, 1], "dynamic", ([s], c) => parsePath(textOf(s, c.argTypes[0])), { strict: false }),
  parse_csv: define([1, 1], "dynamic", ([s], c) => parseCsv(textOf(s, c.argTypes[0])), { strict: false }),
  unicode_codepoints_from_string: define([1, 1], "dynamic", ([s], c) => {
    return Array.from(textOf(s, c.argTypes[0]), (ch) => ch.codePointAt(0)!);
  }, { strict: false }),
  unicode_codepoints_to_string: define([1, 1], "string", ([a]) => {
    if (!Array.isArray(a)) return null;
    if (!a.every((v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0x10ffff)) return null;
    return String.fromCodePoint(...(a as number[]));
  }),
  parse_command_line: define([2, 2], "dynamic", ([s, kind], c) => {
    if (typeof kind !== "string" || kind.toLowerCase() !== "windows") return null;
    return parseCommandLine(textOf(s, c.argTypes[0]));
  }, { strict: false }),
};
