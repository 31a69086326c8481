import assert from "node:assert/strict";
import { FunctionRegistry } from "./function_registry.ts";
import { defineFunctions, parseSignature } from "./function_symbol.ts";
import { accepts, commonType, resolveCall } from "./resolve_call.ts";

const registry = FunctionRegistry.builtin();

Deno.test("FunctionRegistry.builtin has the functions real rules call, with their kinds", () => {
  const scalars = ["tostring", "isnotempty", "ago", "bin", "parse_json", "extract", "strcat", "iff", "split"];
  const aggregates = ["count", "dcount", "make_set", "arg_max", "min", "max", "countif", "percentiles"];
  for (const name of scalars) assert.equal(registry.get(name)?.kind, "scalar", name);
  for (const name of aggregates) assert.equal(registry.get(name)?.kind, "aggregate", name);
  assert.equal(registry.get("ToLower"), undefined);
  assert.equal(registry.get("arraylength")?.name, "array_length");
  assert.ok(!registry.all().some((f) => f.name === "arraylength"));
  assert.equal(registry.suggest("ToLower"), "tolower");
});

Deno.test("FunctionRegistry marks non-deterministic and window functions", () => {
  assert.equal(registry.get("now")?.deterministic, false);
  assert.equal(registry.get("rand")?.deterministic, false);
  assert.equal(registry.get("tolower")?.deterministic, true);
  assert.equal(registry.get("prev")?.needsSerialized, true);
  assert.equal(registry.get("make_set")?.resultPrefix, "set");
  assert.equal(registry.get("dcount")?.resultPrefix, "dcount");
});

Deno.test("resolveCall computes result types from argument types", () => {
  const call = (name: string, ...args: Parameters<typeof resolveCall>[1]) => {
    const r = resolveCall(registry.get(name)!, args);
    return r.ok ? r.type : r.problem;
  };
  assert.equal(call("bin", "datetime", "timespan"), "datetime");
  assert.equal(call("bin", "long", "int"), "long");
  assert.equal(call("sum", "int"), "long");
  assert.equal(call("sum", "real"), "real");
  assert.equal(call("iff", "bool", "string", "string"), "string");
  assert.equal(call("iff", "bool", "int", "real"), "real");
  assert.equal(call("max", "datetime"), "datetime");
  assert.equal(call("count"), "long");
  assert.equal(call("extract", "string", "long", "string"), "string");
  assert.equal(call("strcat", "string", "long", "datetime"), "string");
  assert.equal(call("tolower", "dynamic"), "string");
});

Deno.test("resolveCall reports arity and argument type problems", () => {
  assert.deepEqual(resolveCall(registry.get("tolower")!, []), {
    ok: false,
    problem: { kind: "arity", min: 1, max: 1 },
  });
  assert.deepEqual(resolveCall(registry.get("ago")!, ["string"]), {
    ok: false,
    problem: { kind: "argumentType", index: 0, expected: "timespan", actual: "string" },
  });
  const substring = resolveCall(registry.get("substring")!, ["string", "long", "long", "long"]);
  assert.equal(substring.ok, false);
});

Deno.test("accepts widens numbers and lets dynamic through", () => {
  assert.ok(accepts("real", "int"));
  assert.ok(accepts("long", "dynamic"));
  assert.ok(accepts("summable", "timespan"));
  assert.ok(!accepts("timespan", "string"));
  assert.ok(!accepts("bool", "long"));
  assert.equal(commonType(["int", "long"]), "long");
  assert.equal(commonType(["string", "long"]), "dynamic");
});

Deno.test("parseSignature and defineFunctions read the signature format and reject typos", () => {
  const { name, signature, flags } = parseSignature("f(a:string, b?:long, c:any...): $0 | nondeterministic");
  assert.equal(name, "f");
  assert.deepEqual(signature.parameters.map((p) => [p.name, p.type, p.optional, p.variadic]), [
    ["a", "string", false, false],
    ["b", "long", true, false],
    ["c", "any", true, true],
  ]);
  assert.deepEqual(flags, ["nondeterministic"]);
  assert.throws(() => parseSignature("f(a:strng): string"), /Invalid parameter type/);
  assert.throws(() => defineFunctions("scalar", ["f(): string | fast"]), /Invalid flag/);
});
