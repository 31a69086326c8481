/**
 * The `--data PATH` loader of `siem kql eval`: a folder of `{Table}.ndjson`, `{Table}.json` (an array of
 * objects) and `{Table}.csv` files becomes in-memory tables. Catalog tables get the catalog's columns and types
 * (data columns the catalog does not know are added with inferred types); other tables get types inferred from
 * the values. Sentinel portal exports are accepted as they come: `TimeGenerated [UTC]` headers lose the suffix,
 * `11/27/2026, 10:00:00.000 AM` timestamps are read as UTC.
 */
import type { Table } from "../../query/eval/mod.ts";
import type { Catalog, ColumnSchema, ScalarType } from "../../query/mod.ts";
import { decodeValue, parseDatetime, type Value } from "../../query/values/mod.ts";

/** A file that could not be read or parsed: the message names the file and the problem. */
export class DataLoadError extends Error {
  override name = "DataLoadError";
}

const EXTENSIONS = [".ndjson", ".jsonl", ".json", ".csv"] as const;

/** `TimeGenerated [UTC]` → `TimeGenerated` (portal exports suffix time columns with their zone). */
export function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, "").replace(/\s*\[(UTC|Local Time)\]\s*$/i, "").trim();
}

const PORTAL_TIME =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?\s*([AP]M)$/i;

/** Read a datetime in ISO 8601, RFC 822 or the Sentinel portal's `M/D/YYYY, h:mm:ss.fff AM` form (UTC). */
export function parsePortalDatetime(text: string): number | null {
  const m = PORTAL_TIME.exec(text.trim());
  if (m === null) return parseDatetime(text);
  const [, month, day, year, hour, minute, second, fraction, half] = m;
  let h = Number(hour) % 12;
  if (half.toUpperCase() === "PM") h += 12;
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}T${
    String(h).padStart(2, "0")
  }:${minute}:${second}${fraction === undefined ? "" : "." + fraction}Z`;
  return parseDatetime(iso);
}

/** Parse CSV text (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Records (objects by header) from a file's text; throws {@link DataLoadError} naming the file. */
export function parseRecords(file: string, text: string): Record<string, unknown>[] {
  const lower = file.toLowerCase();
  if (lower.endsWith(".csv")) {
    const [header, ...body] = parseCsv(text);
    if (header === undefined) return [];
    const names = header.map(normalizeHeader);
    return body.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ""])));
  }
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return [];
  const records: unknown[] = [];
  if (lower.endsWith(".json") && (trimmed.startsWith("[") || !trimmed.includes("\n"))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw new DataLoadError(`Cannot read '${file}': invalid JSON: ${(error as Error).message}`);
    }
    if (Array.isArray(parsed)) records.push(...parsed);
    else records.push(parsed);
  } else {
    trimmed.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        records.push(JSON.parse(line));
      } catch (error) {
        throw new DataLoadError(
          `Cannot read '${file}' line ${i + 1}: invalid JSON: ${(error as Error).message}`,
        );
      }
    });
  }
  return records.map((r, i) => {
    if (r === null || typeof r !== "object" || Array.isArray(r)) {
      throw new DataLoadError(`Cannot read '${file}': record ${i + 1} is not a JSON object`);
    }
    return Object.fromEntries(
      Object.entries(r as Record<string, unknown>).map(([k, v]) => [normalizeHeader(k), v]),
    );
  });
}

/** Decode one raw field for a column type (strings from CSV included). */
export function decodeField(raw: unknown, type: ScalarType, fromCsv: boolean): Value {
  if (raw === undefined || raw === null) return type === "string" ? "" : null;
  if (typeof raw === "string") {
    if (type === "string") return raw;
    if (raw === "" && type !== "dynamic") return null;
    if (type === "datetime") return parsePortalDatetime(raw);
    if (type === "dynamic" && fromCsv) {
      const t = raw.trim();
      if (t.startsWith("{") || t.startsWith("[")) return decodeValue(t, "dynamic");
      return raw === "" ? null : raw;
    }
  }
  if (type === "datetime" && typeof raw === "number") return null;
  return decodeValue(raw, type);
}

const INTEGER = /^-?\d{1,15}$/;
const REAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The type of a data column from its values (CSV strings are looked into). */
export function inferColumnType(values: readonly unknown[]): ScalarType {
  let type: ScalarType | undefined;
  const merge = (t: ScalarType) => {
    if (type === undefined || type === t) type = t;
    else if ((type === "long" && t === "real") || (type === "real" && t === "long")) type = "real";
    else type = type === "dynamic" || t === "dynamic" ? "dynamic" : "string";
  };
  for (const v of values) {
    if (v === null || v === undefined || v === "") continue;
    if (typeof v === "boolean") merge("bool");
    else if (typeof v === "number") merge(Number.isInteger(v) ? "long" : "real");
    else if (typeof v === "object") merge("dynamic");
    else if (typeof v === "string") {
      if (INTEGER.test(v)) merge("long");
      else if (REAL.test(v)) merge("real");
      else if (/^(true|false)$/i.test(v)) merge("bool");
      else if (/\d/.test(v) && /[-/:]/.test(v) && parsePortalDatetime(v) !== null) merge("datetime");
      else merge("string");
    }
  }
  return type ?? "string";
}

/**
 * Build a table from parsed records.
 *
 * @param name the table name (the file name without extension)
 * @param records the records
 * @param options the catalog (for known tables) and whether values came from CSV text
 */
export function tableFromRecords(
  name: string,
  records: readonly Record<string, unknown>[],
  options: { catalog: Catalog; fromCsv: boolean },
): Table {
  const known = options.catalog.get(name)?.columns ?? [];
  const seen = new Set(known.map((c) => c.name));
  const extra: string[] = [];
  for (const r of records) {
    for (const key of Object.keys(r)) {
      if (!seen.has(key)) {
        seen.add(key);
        extra.push(key);
      }
    }
  }
  const columns: ColumnSchema[] = [
    ...known,
    ...extra.map((key) => ({ name: key, type: inferColumnType(records.map((r) => r[key])) })),
  ];
  const rows = records.map((r) => columns.map((c) => decodeField(r[c.name], c.type, options.fromCsv)));
  return { columns, rows };
}

/** The table name of a data file, or `undefined` when the extension is not a data format. */
export function tableNameOf(file: string): string | undefined {
  const lower = file.toLowerCase();
  const ext = EXTENSIONS.find((e) => lower.endsWith(e));
  return ext === undefined ? undefined : file.slice(0, file.length - ext.length);
}

/**
 * Load every data file of a folder (or one file).
 *
 * @param path a folder of `{Table}.ndjson|.json|.csv` files, or one such file
 * @param catalog the table catalog that types known tables
 * @returns the tables by name; throws {@link DataLoadError} for a missing folder or an unreadable file
 */
export async function loadDataFolder(path: string, catalog: Catalog): Promise<Map<string, Table>> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(path);
  } catch (error) {
    throw new DataLoadError(`Cannot read data folder '${path}': ${(error as Error).message}`);
  }
  const files: { name: string; path: string }[] = [];
  if (stat.isFile) files.push({ name: path.split("/").pop()!, path });
  else {
    for await (const entry of Deno.readDir(path)) {
      if (entry.isFile && tableNameOf(entry.name) !== undefined) {
        files.push({ name: entry.name, path: `${path.replace(/\/$/, "")}/${entry.name}` });
      }
    }
  }
  files.sort((a, b) => a.name.localeCompare(b.name));
  const tables = new Map<string, Table>();
  for (const file of files) {
    const table = tableNameOf(file.name);
    if (table === undefined) {
      throw new DataLoadError(`Cannot read '${file.path}': expected .ndjson, .json or .csv`);
    }
    let text: string;
    try {
      text = await Deno.readTextFile(file.path);
    } catch (error) {
      throw new DataLoadError(`Cannot read '${file.path}': ${(error as Error).message}`);
    }
    const records = parseRecords(file.path, text);
    const loaded = tableFromRecords(table, records, {
      catalog,
      fromCsv: file.name.toLowerCase().endsWith(".csv"),
    });
    if (tables.has(table)) {
      throw new DataLoadError(`Cannot load '${file.path}': table '${table}' comes from two files`);
    }
    tables.set(table, loaded);
  }
  return tables;
}
