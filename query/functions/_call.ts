import type { ScalarType } from "../symbols/types.ts";
import type { Value } from "../values/value.ts";
import { SCALAR_FUNCTIONS } from "./scalar_functions.ts";

/** Test helper: calls a scalar function by name, with string argument types unless given. */
export function call(
  name: string,
  args: readonly Value[],
  options: { argTypes?: readonly ScalarType[]; now?: number; random?: () => number } = {},
): Value {
  const fn = SCALAR_FUNCTIONS[name];
  if (fn === undefined) throw new Error(`Unknown function '${name}'`);
  if (args.length < fn.minArgs || args.length > fn.maxArgs) throw new Error(`Bad arity for '${name}'`);
  return fn.invoke(args, {
    now: options.now ?? 0,
    argTypes: options.argTypes ?? args.map((a) => typeof a === "string" ? "string" : "dynamic"),
    random: options.random ?? (() => 0.5),
  });
}
