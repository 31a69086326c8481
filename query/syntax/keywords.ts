/**
 * Words Kusto reserves: they can only be used as names when bracketed (`['desc']`). Measured against Kusto's own
 * parser (tests/kql_parse_differential_test.ts): which words are refused depends on the position.
 */

const TYPE_WORDS = [
  "dynamic",
  "datetime",
  "date",
  "string",
  "long",
  "int",
  "int64",
  "uint",
  "real",
  "double",
  "float",
  "decimal",
  "time",
  "timespan",
  "uniqueid",
  "boolean",
  "char",
];

const OPERATOR_WORDS = [
  "and",
  "or",
  "between",
  "like",
  "notlike",
  "likecs",
  "notlikecs",
  "has_any",
  "has_all",
  "has_cs",
  "hasprefix",
  "hasprefix_cs",
  "hassuffix",
  "hassuffix_cs",
  "contains_cs",
  "containscs",
  "startswith",
  "startswith_cs",
  "endswith",
  "endswith_cs",
];

const OPTION_WORDS = ["isfuzzy", "flags", "bagexpansion", "with_itemindex", "simple", "relaxed"];

const CLAUSE_WORDS = ["asc", "desc", "first", "last", "project", "union", "others"];

/** Words that cannot be a column or variable reference in an expression (`where desc == 1` is an error). */
export const RESERVED_IN_EXPRESSIONS: ReadonlySet<string> = new Set([
  ...TYPE_WORDS,
  ...OPERATOR_WORDS,
  ...OPTION_WORDS,
  ...CLAUSE_WORDS,
  "has",
  "contains",
  "in",
  "by",
  "to",
  "of",
  "where",
  "set",
  "datatable",
  "externaldata",
  "materialize",
  "toscalar",
  "print",
  "search",
  "find",
  "as",
  "invoke",
  "sample",
]);

/** Words that cannot be the target of an assignment (`extend kind = 1` is an error). */
export const RESERVED_AS_ASSIGNMENT_TARGET: ReadonlySet<string> = new Set([
  ...TYPE_WORDS,
  ...OPERATOR_WORDS,
  ...OPTION_WORDS,
  ...CLAUSE_WORDS,
  "kind",
  "withsource",
  "true",
  "false",
]);

/** Words that cannot be declared with `let`. */
export const RESERVED_AS_LET_NAME: ReadonlySet<string> = new Set([
  ...RESERVED_IN_EXPRESSIONS,
  ...RESERVED_AS_ASSIGNMENT_TARGET,
]);

/** Scalar type names accepted in declarations (`x:long`, `typeof(string)`), aliases included. */
export const TYPE_NAMES: ReadonlySet<string> = new Set([
  "bool",
  "boolean",
  "int",
  "int32",
  "long",
  "int64",
  "real",
  "double",
  "decimal",
  "string",
  "datetime",
  "date",
  "timespan",
  "time",
  "guid",
  "uniqueid",
  "dynamic",
]);
