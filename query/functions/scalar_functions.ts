import { ARRAY_FUNCTIONS } from "./array_functions.ts";
import { BITWISE_FUNCTIONS } from "./bitwise_functions.ts";
import { DIGEST_FUNCTIONS } from "./digest_functions.ts";
import { ENCODING_FUNCTIONS } from "./encoding_functions.ts";
import { GEO_FUNCTIONS } from "./geo_functions.ts";
import { JSON_PATH_FUNCTIONS } from "./json_path_functions.ts";
import { TIMEZONE_FUNCTIONS } from "./timezone_functions.ts";
import { CONVERSION_FUNCTIONS } from "./conversion_functions.ts";
import { DATETIME_FUNCTIONS } from "./datetime_functions.ts";
import { DYNAMIC_FUNCTIONS } from "./dynamic_functions.ts";
import { HASH_FUNCTIONS } from "./hash_functions.ts";
import { LOGIC_FUNCTIONS } from "./logic_functions.ts";
import { MATH_FUNCTIONS } from "./math_functions.ts";
import { NETWORK_FUNCTIONS } from "./network_functions.ts";
import type { ScalarFunctionTable } from "./scalar_function.ts";
import { SERIES_FUNCTIONS } from "./series_functions.ts";
import { STRING_FUNCTIONS } from "./string_functions.ts";
import { STRING_PARSE_FUNCTIONS } from "./string_parse_functions.ts";
import { HLL_SCALAR_FUNCTIONS } from "./hll_functions.ts";

/**
 * Every built-in scalar function by lower-case KQL name. Kusto's old names (`makeset` style) are aggregates and
 * live in the aggregate table; deprecated scalar aliases (`iff`, `todouble`, `pack`) are listed here.
 */
export const SCALAR_FUNCTIONS: ScalarFunctionTable = Object.freeze({
  ...STRING_FUNCTIONS,
  ...STRING_PARSE_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...DYNAMIC_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...NETWORK_FUNCTIONS,
  ...HASH_FUNCTIONS,
  ...SERIES_FUNCTIONS,
  ...HLL_SCALAR_FUNCTIONS,
  ...BITWISE_FUNCTIONS,
  ...TIMEZONE_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...DIGEST_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...GEO_FUNCTIONS,
  ...JSON_PATH_FUNCTIONS,
  // Older spellings Kusto still accepts.
  parsejson: CONVERSION_FUNCTIONS.parse_json,
  base64_encodestring: STRING_PARSE_FUNCTIONS.base64_encode_tostring,
  base64_decodestring: STRING_PARSE_FUNCTIONS.base64_decode_tostring,
  totime: CONVERSION_FUNCTIONS.totimespan,
  datepart: DATETIME_FUNCTIONS.datetime_part,
  strcat_array: DYNAMIC_FUNCTIONS.array_strcat,
  array_iif: ARRAY_FUNCTIONS.array_iff,
});
