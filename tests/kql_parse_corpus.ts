/**
 * A seeded generator of KQL queries for the parser's differential test, fuzz test and benchmark: well-formed
 * queries built from the constructs Sentinel rules use, and mutations of them (token deletions, duplications,
 * swaps and insertions) that are mostly ill-formed.
 */

/** A small deterministic PRNG (mulberry32), so that every run sees the same corpus for a seed. */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

const TABLES = [
  "SecurityEvent",
  "SigninLogs",
  "AuditLogs",
  "CommonSecurityLog",
  "Syslog",
  "DeviceProcessEvents",
];
const COLUMNS = [
  "Account",
  "Computer",
  "EventID",
  "IPAddress",
  "TimeGenerated",
  "ResultType",
  "Details",
  "Msg",
];
const STRING_OPS = [
  "==",
  "!=",
  "=~",
  "!~",
  "has",
  "!has",
  "has_cs",
  "!has_cs",
  "hasprefix",
  "!hasprefix",
  "hassuffix_cs",
  "contains",
  "!contains",
  "contains_cs",
  "!contains_cs",
  "startswith",
  "!startswith",
  "startswith_cs",
  "endswith",
  "!endswith",
  "endswith_cs",
  "matches regex",
];
const IN_OPS = ["in", "!in", "in~", "!in~", "has_any", "has_all"];
const CMP_OPS = ["<", "<=", ">", ">=", "==", "!=", "<>"];
const ARITH_OPS = ["+", "-", "*", "/", "%"];
const STRINGS = [
  `"abc"`,
  `'x y'`,
  `@"C:\\Windows\\"`,
  `@'a''b'`,
  `"tab\\tq\\"x"`,
  `h"secret"`,
  `"a" "b"`,
  "```multi\nline```",
];
const SCALAR_LITERALS = [
  "1",
  "42",
  "0x1F",
  "1.5",
  "1e3",
  "2.5e-2",
  "true",
  "false",
  "1d",
  "2h",
  "30m",
  "10s",
  "100ms",
  "1tick",
  "1.5h",
  "datetime(2024-01-01)",
  "datetime(2024-01-01 10:00)",
  "datetime(2024-01-01T10:00:00.123Z)",
  "datetime(null)",
  "time(1.2:00:00)",
  "time(null)",
  "timespan(00:10:00)",
  "guid(74be27de-1e4e-49d9-b579-fe0b331d3642)",
  "long(null)",
  "int(1)",
  "real(nan)",
  "real(+inf)",
  "decimal(1.0)",
  "bool(true)",
  "dynamic(null)",
  "dynamic([1, 2, 3])",
  `dynamic(["a", 'b'])`,
  `dynamic({"k": [1, {"n": null}], "b": true})`,
];
const FUNCTIONS = [
  "tostring",
  "tolower",
  "strlen",
  "isnotempty",
  "isempty",
  "toint",
  "parse_json",
  "ago",
  "not",
];

/** Generates well-formed queries. */
export class QueryGenerator {
  readonly #rng: Rng;
  #depth = 0;

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  column(): string {
    const r = this.#rng;
    if (r.chance(0.05)) return r.pick([`['Odd Name']`, `["x-y"]`]);
    return r.pick(COLUMNS);
  }

  literal(): string {
    const r = this.#rng;
    return r.chance(0.4) ? r.pick(STRINGS) : r.pick(SCALAR_LITERALS);
  }

  /** A scalar expression. */
  scalar(): string {
    const r = this.#rng;
    this.#depth++;
    try {
      if (this.#depth > 4) return r.chance(0.5) ? this.column() : this.literal();
      switch (r.int(14)) {
        case 0:
          return this.literal();
        case 1:
          return this.column();
        case 2:
          return `${this.column()} ${r.pick(STRING_OPS)} ${r.pick(STRINGS)}`;
        case 3:
          return `${this.column()} ${r.pick(CMP_OPS)} ${this.scalar()}`;
        case 4:
          return `${this.scalar()} ${r.pick(ARITH_OPS)} ${this.scalar()}`;
        case 5:
          return `${this.scalar()} ${r.pick(["and", "or"])} ${this.scalar()}`;
        case 6:
          return `(${this.scalar()})`;
        case 7:
          return `${r.pick(FUNCTIONS)}(${this.scalar()})`;
        case 8:
          return `${this.column()} ${r.pick(IN_OPS)} (${this.literal()}, ${this.literal()})`;
        case 9:
          return `${this.column()} ${
            r.pick(["between", "!between"])
          } (${this.literal()} .. ${this.literal()})`;
        case 10:
          return `${this.column()}.${r.pick(["a", "b", "['c d']"])}${r.chance(0.5) ? "[0]" : `['k']`}`;
        case 11:
          return `-${this.column()}`;
        case 12:
          return `iff(${this.scalar()}, ${this.literal()}, ${this.literal()})`;
        default:
          return `case(${this.scalar()}, 1, ${this.scalar()}, 2, 3)`;
      }
    } finally {
      this.#depth--;
    }
  }

  aggregate(): string {
    const r = this.#rng;
    const c = this.column();
    return r.pick([
      "count()",
      `dcount(${c})`,
      `make_set(${c}, 100)`,
      `arg_max(TimeGenerated, *)`,
      `min(${c})`,
      `countif(${this.scalar()})`,
      `sum(${c})`,
    ]);
  }

  assignments(): string {
    const r = this.#rng;
    const n = 1 + r.int(3);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(r.chance(0.7) ? `N${i} = ${this.scalar()}` : this.column());
    return parts.join(", ");
  }

  operator(): string {
    const r = this.#rng;
    switch (r.int(26)) {
      case 0:
      case 1:
        return `where ${this.scalar()}`;
      case 2:
        return `extend ${this.assignments()}`;
      case 3:
        return `project ${this.assignments()}`;
      case 4:
        return `project-away ${this.column()}, Extra*`;
      case 5:
        return `project-rename New = ${this.column()}`;
      case 6:
        return `summarize ${
          r.chance(0.3) ? "hint.strategy=shuffle " : ""
        }C = ${this.aggregate()}, ${this.aggregate()}` +
          (r.chance(0.7) ? ` by ${this.column()}, bin(TimeGenerated, 1h)` : "");
      case 7:
        return `top ${1 + r.int(10)} by ${this.column()} ${r.pick(["asc", "desc", ""])} ${
          r.pick(["nulls first", "nulls last", ""])
        }`;
      case 8:
        return `${r.pick(["sort", "order"])} by ${this.column()} ${
          r.pick(["asc", "desc", ""])
        }, ${this.column()}`;
      case 9:
        return `${r.pick(["take", "limit"])} ${1 + r.int(100)}`;
      case 10:
        return `distinct ${r.chance(0.2) ? "*" : `${this.column()}, ${this.column()}`}`;
      case 11:
        return "count";
      case 12:
        return `join ${
          r.pick(["", "kind=inner ", "kind=leftouter ", "kind=leftanti ", "kind=innerunique "])
        }(${this.source()}) on ${
          r.chance(0.5) ? this.column() : `$left.${this.column()} == $right.${this.column()}`
        }`;
      case 13:
        return `union ${r.chance(0.5) ? "isfuzzy=true " : ""}${this.source()}, (${this.source()} | take 1)`;
      case 14:
        return `lookup kind=leftouter (${this.source()}) on ${this.column()}`;
      case 15:
        return `parse ${this.column()} with * "user=" User:string " " Rest`;
      case 16:
        return `parse kind=regex ${this.column()} with @"(\\d+)" N:long`;
      case 17:
        return `mv-expand ${r.chance(0.5) ? "with_itemindex=i " : ""}${this.column()} to typeof(string)` +
          (r.chance(0.3) ? " limit 10" : "");
      case 18:
        return `mv-apply x = ${this.column()} to typeof(long) on (summarize m = max(x))`;
      case 19:
        return `make-series c = count() default = 0 on TimeGenerated from ago(7d) to now() step 1h by ${this.column()}`;
      case 20:
        return `evaluate bag_unpack(${this.column()})`;
      case 21:
        return "serialize";
      case 22:
        return `extend (a, b) = f(${this.column()})`;
      case 23:
        return `project-reorder ${this.column()}, N*`;
      case 24:
        return `render timechart with (title = "t")`;
      default:
        return `sample ${1 + r.int(5)}`;
    }
  }

  source(): string {
    const r = this.#rng;
    switch (r.int(6)) {
      case 0:
        return `datatable(a:string, b:long) ["x", 1, "y", 2]`;
      case 1:
        return `union Device*, ${r.pick(TABLES)}`;
      case 2:
        return `range x from 1 to 10 step 1`;
      default:
        return r.pick(TABLES);
    }
  }

  /** A whole query: optional lets, then a source and a few operators. */
  query(): string {
    const r = this.#rng;
    const parts: string[] = [];
    if (r.chance(0.4)) parts.push(`let threshold = ${this.literal()};`);
    if (r.chance(0.2)) parts.push(`let f = (T:(*), n:long = 5) { T | take n };`);
    if (r.chance(0.2)) {
      parts.push(`let Recent = materialize(${r.pick(TABLES)} | where TimeGenerated > ago(1h));`);
    }
    let body = this.source();
    const n = 1 + r.int(5);
    for (let i = 0; i < n; i++) body += `\n| ${this.operator()}`;
    parts.push(body);
    return parts.join("\n");
  }
}

/** Split text into rough tokens (words, strings, punctuation) for mutation. */
function roughTokens(text: string): string[] {
  return text.match(/@?"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[A-Za-z_][\w-]*|\d+(?:\.\d+)?\w*|\s+|[^\s\w]/g) ??
    [];
}

const INSERTS = [
  "|",
  "(",
  ")",
  ",",
  "=",
  "==",
  "by",
  "on",
  "where",
  "[",
  "]",
  "..",
  "'",
  "*",
  ";",
  "let",
  "!",
];

/** Mutate a query once: delete, duplicate or swap a token, or insert a stray one. */
export function mutate(text: string, rng: Rng): string {
  const tokens = roughTokens(text);
  const indexes = tokens.map((t, i) => (/^\s+$/.test(t) ? -1 : i)).filter((i) => i >= 0);
  if (indexes.length === 0) return text;
  const i = rng.pick(indexes);
  switch (rng.int(4)) {
    case 0:
      tokens.splice(i, 1);
      break;
    case 1:
      tokens.splice(i, 0, tokens[i], " ");
      break;
    case 2: {
      const j = rng.pick(indexes);
      [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
      break;
    }
    default:
      tokens.splice(i, 0, rng.pick(INSERTS), " ");
  }
  return tokens.join("");
}
