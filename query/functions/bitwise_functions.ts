import { define, type ScalarFunctionTable } from "./scalar_function.ts";
import type { Value } from "../values/value.ts";

/**
 * Bitwise functions on 64-bit signed integers. JavaScript's bit operators work on 32 bits, so the work is done in
 * BigInt and the result converted back (exact up to 2^53, like every long in the number value model).
 */
function long(value: Value): bigint | null {
  return typeof value === "number" && Number.isInteger(value) ? BigInt.asIntN(64, BigInt(value)) : null;
}

function binary(op: (a: bigint, b: bigint) => bigint) {
  return define([2, 2], "long", ([a, b]) => {
    const x = long(a);
    const y = long(b);
    return x === null || y === null ? null : Number(BigInt.asIntN(64, op(x, y)));
  });
}

/** `binary_and`, `binary_or`, `binary_xor`, `binary_not`, shifts and `bitset_count_ones`. */
export const BITWISE_FUNCTIONS: ScalarFunctionTable = {
  binary_and: binary((a, b) => a & b),
  binary_or: binary((a, b) => a | b),
  binary_xor: binary((a, b) => a ^ b),
  // Shift counts follow .NET's long shifts, which use the low 6 bits of the count.
  binary_shift_left: binary((a, b) => a << (b & 63n)),
  binary_shift_right: binary((a, b) => a >> (b & 63n)),
  binary_not: define([1, 1], "long", ([a]) => {
    const x = long(a);
    return x === null ? null : Number(BigInt.asIntN(64, ~x));
  }),
  bitset_count_ones: define([1, 1], "int", ([a]) => {
    const x = long(a);
    if (x === null) return null;
    let bits = BigInt.asUintN(64, x);
    let count = 0;
    while (bits > 0n) {
      count += Number(bits & 1n);
      bits >>= 1n;
    }
    return count;
  }),
};
