import {
  toBool,
  toDatetime,
  toDynamic,
  toGuid,
  toInt,
  toLong,
  toReal,
  toTimespan,
} from "../values/convert.ts";
import { toKqlString } from "../values/to_string.ts";
import { parseXml } from "./parse_xml.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";

/** Conversion functions; `tostring` of null is `""`, the others return null for null or unconvertible input. */
export const CONVERSION_FUNCTIONS: ScalarFunctionTable = {
  tostring: define([1, 1], "string", ([v], c) => toKqlString(v, c.argTypes[0]), { strict: false }),
  toint: define([1, 1], "int", ([v], c) => toInt(v, c.argTypes[0])),
  tolong: define([1, 1], "long", ([v], c) => toLong(v, c.argTypes[0])),
  toreal: define([1, 1], "real", ([v], c) => toReal(v, c.argTypes[0])),
  todouble: define([1, 1], "real", ([v], c) => toReal(v, c.argTypes[0])),
  todecimal: define([1, 1], "decimal", ([v], c) => toReal(v, c.argTypes[0])),
  tobool: define([1, 1], "bool", ([v]) => toBool(v)),
  toboolean: define([1, 1], "bool", ([v]) => toBool(v)),
  toguid: define([1, 1], "guid", ([v]) => toGuid(v)),
  todatetime: define([1, 1], "datetime", ([v], c) => toDatetime(v, c.argTypes[0])),
  totimespan: define([1, 1], "timespan", ([v], c) => toTimespan(v, c.argTypes[0])),
  todynamic: define([1, 1], "dynamic", ([v]) => toDynamic(v)),
  toobject: define([1, 1], "dynamic", ([v]) => toDynamic(v)),
  parse_json: define([1, 1], "dynamic", ([v]) => toDynamic(v)),
  parse_xml: define([1, 1], "dynamic", ([v]) => typeof v === "string" ? parseXml(v) : null),
};
