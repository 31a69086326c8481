/**
 * The built-in function registry: every scalar and aggregate function as data (name, kind, signatures,
 * return type rule, determinism). Both back ends key their implementations by the same names.
 *
 * @example
 * ```ts
 * import { FunctionRegistry } from "./mod.ts";
 * FunctionRegistry.builtin().get("make_set")?.resultPrefix; // "set"
 * ```
 * @module
 */
export {
  defineFunctions,
  type FunctionKind,
  type FunctionSymbol,
  type ParameterSymbol,
  type ParameterType,
  parseSignature,
  type ReturnRule,
  type SignatureSymbol,
} from "./function_symbol.ts";
export { FUNCTION_ALIASES, FunctionRegistry } from "./function_registry.ts";
export { SCALAR_FUNCTIONS } from "./scalar_functions.ts";
export { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";
export {
  accepts,
  type CallProblem,
  type CallResolution,
  commonType,
  resolveCall,
  returnType,
  widestNumeric,
} from "./resolve_call.ts";
export {
  functionDeclarationText,
  isPlainName,
  parameterListText,
  type StoredFunction,
  type StoredParameter,
} from "./stored_function.ts";
