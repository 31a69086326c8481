/**
 * Tokens of KQL. Words are not split into keywords here: KQL keywords are contextual (`count` is an operator, an
 * aggregate and a common column name), so the parser decides from the word's text and position.
 */

/** Token kinds with what each one covers; `satisfies` keeps this table complete when a kind is added. */
export const TOKEN_KINDS = {
  Identifier: "a word: name, keyword or hyphenated operator (`project-away`, `!has`, `in~`)",
  Long: "an integer literal (`10`, `0x1F`)",
  Real: "a real literal (`1.5`, `1e3`)",
  Timespan: "a timespan literal with a unit suffix (`1d`, `30m`, `1.5h`, `100ms`)",
  String: "a string literal of any form; adjacent strings are separate tokens",
  TypedLiteral: "`datetime(...)`, `time(...)`/`timespan(...)` or `guid(...)` with its raw content",
  Punctuation: "an operator or punctuation mark (`==`, `(`, `|`, `..`)",
  EndOfText: "the end of the query text",
  Bad: "a character or fragment that is not KQL (reported by the lexer)",
} as const satisfies Record<string, string>;

/** One of {@link TOKEN_KINDS}. */
export type TokenKind = keyof typeof TOKEN_KINDS;

/** A token with its source position. */
export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token. For identifiers: as written (compare with `lower`). */
  readonly text: string;
  /** Lower-cased text, for case-insensitive keyword checks. */
  readonly lower: string;
  readonly start: number;
  readonly end: number;
  /** Whether whitespace or a comment precedes the token (so `T*` differs from `T *`). */
  readonly spaceBefore: boolean;
  /** For strings: the decoded value; for typed literals: the raw text inside the parentheses. */
  readonly value?: string;
}

/** Punctuation, longest first so that the lexer can match greedily. */
export const PUNCTUATION = [
  "==",
  "!=",
  "<>",
  "<=",
  ">=",
  "=~",
  "!~",
  "..",
  "=>",
  "|",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ";",
  ":",
  ".",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "!",
  "~",
  "?",
] as const;

/** Words that combine with a following `-word` into one operator name. */
export const HYPHENATED_WORDS: ReadonlySet<string> = new Set([
  "project-away",
  "project-keep",
  "project-rename",
  "project-reorder",
  "project-smart",
  "mv-expand",
  "mv-apply",
  "parse-where",
  "parse-kv",
  "make-series",
  "make-graph",
  "top-nested",
  "top-hitters",
  "sample-distinct",
  "graph-match",
  "graph-merge",
  "graph-to-table",
  "graph-shortest-paths",
  "partition-by",
]);

/** String operators that take a `!` prefix as one token (`!has`, `!contains_cs`, `!in`, `!between`). */
export const NEGATABLE_WORDS: ReadonlySet<string> = new Set([
  "has",
  "has_cs",
  "hasprefix",
  "hasprefix_cs",
  "hassuffix",
  "hassuffix_cs",
  "contains",
  "contains_cs",
  "startswith",
  "startswith_cs",
  "endswith",
  "endswith_cs",
  "in",
  "between",
  "has_any",
  "has_all",
]);

/** Words whose parenthesised content is read raw by the lexer (it is not KQL tokens: `2024-01-01 10:00`). */
export const RAW_LITERAL_WORDS: ReadonlySet<string> = new Set([
  "datetime",
  "date",
  "time",
  "timespan",
  "guid",
]);

/** Timespan unit suffixes and their length in microseconds (1 tick = 100 ns = 0.1 µs). */
export const TIMESPAN_UNITS: Readonly<Record<string, number>> = {
  d: 86_400_000_000,
  day: 86_400_000_000,
  days: 86_400_000_000,
  h: 3_600_000_000,
  hr: 3_600_000_000,
  hrs: 3_600_000_000,
  hour: 3_600_000_000,
  hours: 3_600_000_000,
  m: 60_000_000,
  min: 60_000_000,
  minute: 60_000_000,
  minutes: 60_000_000,
  s: 1_000_000,
  sec: 1_000_000,
  second: 1_000_000,
  seconds: 1_000_000,
  ms: 1_000,
  milli: 1_000,
  millis: 1_000,
  millisec: 1_000,
  millisecond: 1_000,
  milliseconds: 1_000,
  micro: 1,
  micros: 1,
  microsec: 1,
  microsecond: 1,
  microseconds: 1,
  tick: 0.1,
  ticks: 0.1,
  nano: 0.001,
  nanos: 0.001,
  nanosec: 0.001,
  nanosecond: 0.001,
  nanoseconds: 0.001,
};
