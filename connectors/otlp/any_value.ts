import type { JsonValue } from "../connector.ts";

/**
 * An OTLP AnyValue (`{"stringValue":…}`, `{"intValue":"…"}`, `{"kvlistValue":{"values":[…]}}`, …) as a plain JSON
 * value. int64 values arrive as strings; they become numbers when exact, else stay strings. Nesting is walked with
 * an explicit stack, so a hostile depth cannot overflow.
 *
 * @param value The AnyValue.
 * @returns The JSON value (null for an empty or unknown AnyValue).
 * @example
 * ```ts
 * anyValue({ kvlistValue: { values: [{ key: "a", value: { intValue: "7" } }] } }); // { a: 7 }
 * ```
 */
export function anyValue(value: unknown): JsonValue {
  const root: { result: JsonValue } = { result: null };
  const pending: Array<{ value: unknown; assign: (result: JsonValue) => void; depth: number }> = [
    { value, assign: (result) => (root.result = result), depth: 0 },
  ];
  while (pending.length > 0) {
    const { value: current, assign, depth } = pending.pop()!;
    if (current === null || typeof current !== "object" || depth > 64) {
      assign(null);
      continue;
    }
    const any = current as Record<string, unknown>;
    if ("stringValue" in any) assign(typeof any.stringValue === "string" ? any.stringValue : null);
    else if ("boolValue" in any) assign(typeof any.boolValue === "boolean" ? any.boolValue : null);
    else if ("intValue" in any) assign(int64(any.intValue));
    else if ("doubleValue" in any) {
      assign(typeof any.doubleValue === "number" ? any.doubleValue : Number(any.doubleValue));
    } else if ("bytesValue" in any) assign(typeof any.bytesValue === "string" ? any.bytesValue : null);
    else if ("arrayValue" in any) {
      const values = (any.arrayValue as { values?: unknown[] } | null)?.values ?? [];
      const array: JsonValue[] = new Array(Array.isArray(values) ? values.length : 0).fill(null);
      assign(array);
      if (Array.isArray(values)) {
        values.forEach((item, i) =>
          pending.push({ value: item, assign: (r) => (array[i] = r), depth: depth + 1 })
        );
      }
    } else if ("kvlistValue" in any) {
      const object: Record<string, JsonValue> = {};
      assign(object);
      const values = (any.kvlistValue as { values?: unknown[] } | null)?.values ?? [];
      pushKeyValues(values, object, depth, pending);
    } else assign(null);
  }
  return root.result;
}

/**
 * A KeyValue list (`[{"key","value":AnyValue}]`) as a JSON object.
 *
 * @param list The list (anything else gives an empty object).
 * @returns The object.
 * @example
 * ```ts
 * keyValues([{ key: "service.name", value: { stringValue: "api" } }]); // { "service.name": "api" }
 * ```
 */
export function keyValues(list: unknown): Record<string, JsonValue> {
  const object: Record<string, JsonValue> = {};
  if (!Array.isArray(list)) return object;
  for (const item of list) {
    if (item === null || typeof item !== "object" || typeof (item as { key?: unknown }).key !== "string") {
      continue;
    }
    object[(item as { key: string }).key] = anyValue((item as { value?: unknown }).value);
  }
  return object;
}

type Pending = Array<{ value: unknown; assign: (result: JsonValue) => void; depth: number }>;

function pushKeyValues(
  values: unknown,
  object: Record<string, JsonValue>,
  depth: number,
  pending: Pending,
): void {
  if (!Array.isArray(values)) return;
  for (const item of values) {
    if (item === null || typeof item !== "object" || typeof (item as { key?: unknown }).key !== "string") {
      continue;
    }
    const key = (item as { key: string }).key;
    object[key] = null;
    pending.push({
      value: (item as { value?: unknown }).value,
      assign: (r) => (object[key] = r),
      depth: depth + 1,
    });
  }
}

function int64(value: unknown): JsonValue {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
}
