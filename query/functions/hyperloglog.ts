import { valueKey } from "../values/equality.ts";
import type { Value } from "../values/value.ts";

/**
 * HyperLogLog distinct counting with Kusto's accuracy levels, mergeable and serializable.
 *
 * Accuracy level → registers (2^p) → standard error 1.04/√m, matching the errors Kusto documents:
 * 0 → 2^12 (1.6%), 1 (default) → 2^14 (0.8%), 2 → 2^16 (0.4%), 3 → 2^17 (0.28%), 4 → 2^18 (0.2%).
 *
 * Values are hashed to 53 bits (two 32-bit multiply-xorshift lanes over the value's key). A sketch starts sparse:
 * the distinct hashes themselves, which count exactly; past m/8 hashes (where registers become smaller) it turns
 * into dense registers. The dense estimate is Ertl's improved raw estimator ("New cardinality estimation
 * algorithms for HyperLogLog sketches", 2017), which needs no empirical bias tables and is unbiased across the
 * small and large ranges. Both forms merge exactly: sparse by set union, dense by register maximum, so the sketch
 * of a union is the same whatever way its parts were combined.
 */

/** Register count exponents by Kusto accuracy level (0-4). */
export const HLL_PRECISIONS = [12, 14, 16, 17, 18] as const;
/** Kusto's default `dcount` accuracy level. */
export const DEFAULT_ACCURACY = 1;
const HASH_BITS = 53;

/** A sketch: sparse (a set of 53-bit hashes) or dense (one byte per register). */
export interface HllSketch {
  readonly p: number;
  sparse: Set<number> | null;
  registers: Uint8Array | null;
}

/** The serialized form of a sketch: what `hll()` returns and checkpoints store. */
export interface HllJson {
  readonly hll: 1;
  readonly p: number;
  /** Sorted distinct hashes (sparse form). */
  readonly sparse?: number[];
  /** Base64 registers (dense form). */
  readonly dense?: string;
}

/** The precision for an accuracy level; out-of-range levels fall back to the default, as Kusto clamps them. */
export function precisionFor(accuracy: Value | undefined): number {
  const level = typeof accuracy === "number" ? Math.trunc(accuracy) : DEFAULT_ACCURACY;
  return HLL_PRECISIONS[level >= 0 && level <= 4 ? level : DEFAULT_ACCURACY];
}

/** A new, empty sketch. */
export function newSketch(p: number): HllSketch {
  return { p, sparse: new Set(), registers: null };
}

/** A 53-bit hash of a string (two independent 32-bit lanes, finalised with avalanche multiplies). */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function registerOf(hash: number, p: number): { index: number; rank: number } {
  const q = HASH_BITS - p;
  const scale = 2 ** q;
  const index = Math.floor(hash / scale);
  const w = hash - index * scale;
  const hi = Math.floor(w / 4294967296);
  const bits = hi > 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(w >>> 0);
  return { index, rank: q - bits + 1 };
}

function densify(sketch: HllSketch): void {
  const registers = new Uint8Array(2 ** sketch.p);
  for (const hash of sketch.sparse!) {
    const { index, rank } = registerOf(hash, sketch.p);
    if (rank > registers[index]) registers[index] = rank;
  }
  sketch.sparse = null;
  sketch.registers = registers;
}

function addHash(sketch: HllSketch, hash: number): void {
  if (sketch.sparse !== null) {
    sketch.sparse.add(hash);
    if (sketch.sparse.size > 2 ** sketch.p / 8) densify(sketch);
    return;
  }
  const { index, rank } = registerOf(hash, sketch.p);
  if (rank > sketch.registers![index]) sketch.registers![index] = rank;
}

/** Adds a value (nulls are not counted, as in Kusto). */
export function addValue(sketch: HllSketch, value: Value): void {
  if (value === null) return;
  addHash(sketch, hash53(valueKey(value)));
}

/** Merges `b` into `a` (same precision; a lower precision wins otherwise by re-adding nothing finer). */
export function mergeInto(a: HllSketch, b: HllSketch): HllSketch {
  if (a.p !== b.p) {
    // Sketches of different accuracy: fold into the coarser one so the result stays a valid sketch.
    const [coarse, fine] = a.p < b.p ? [a, b] : [b, a];
    const target = cloneSketch(coarse);
    if (fine.sparse !== null) { for (const h of fine.sparse) addHash(target, h); }
    else {
      if (target.sparse !== null) densify(target);
      const shift = fine.p - coarse.p;
      fine.registers!.forEach((rank, index) => {
        if (rank === 0) return;
        const i = index >>> shift;
        // The bits dropped from the index move into the rank's leading bits.
        const low = index & ((1 << shift) - 1);
        const r = low === 0 ? rank + shift : shift - (32 - Math.clz32(low)) + 1;
        if (r > target.registers![i]) target.registers![i] = r;
      });
    }
    return target;
  }
  if (b.sparse !== null) {
    for (const h of b.sparse) addHash(a, h);
    return a;
  }
  if (a.sparse !== null) densify(a);
  const ra = a.registers!;
  const rb = b.registers!;
  for (let i = 0; i < ra.length; i++) if (rb[i] > ra[i]) ra[i] = rb[i];
  return a;
}

function cloneSketch(s: HllSketch): HllSketch {
  return {
    p: s.p,
    sparse: s.sparse === null ? null : new Set(s.sparse),
    registers: s.registers === null ? null : s.registers.slice(),
  };
}

function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  while (true) {
    x *= x;
    const previous = z;
    z += x * y;
    y += y;
    if (z === previous) return z;
  }
}

function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  while (true) {
    x = Math.sqrt(x);
    const previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
    if (z === previous) return z / 3;
  }
}

/** The estimated number of distinct values. */
export function estimate(sketch: HllSketch): number {
  if (sketch.sparse !== null) return sketch.sparse.size;
  const registers = sketch.registers!;
  const m = registers.length;
  const q = HASH_BITS - sketch.p;
  const histogram = new Array<number>(q + 2).fill(0);
  for (let i = 0; i < m; i++) histogram[registers[i]]++;
  let z = m * tau(1 - histogram[q + 1] / m);
  for (let k = q; k >= 1; k--) z = 0.5 * (z + histogram[k]);
  z += m * sigma(histogram[0] / m);
  return Math.round(m * m / (2 * Math.LN2) / z);
}

/** The JSON form of a sketch. */
export function sketchToJson(sketch: HllSketch): HllJson {
  if (sketch.sparse !== null) {
    return {
      hll: 1,
      p: sketch.p,
      sparse: [...sketch.sparse].sort((a, b) => a - b),
    };
  }
  let binary = "";
  for (const b of sketch.registers!) binary += String.fromCharCode(b);
  return { hll: 1, p: sketch.p, dense: btoa(binary) };
}

/** Reads the JSON form of a sketch; null when the value is not one (e.g. user data passed to `dcount_hll`). */
export function sketchFromJson(json: Value | HllJson): HllSketch | null {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const o = json as Partial<HllJson>;
  if (o.hll !== 1 || typeof o.p !== "number" || !(HLL_PRECISIONS as readonly number[]).includes(o.p)) {
    return null;
  }
  if (Array.isArray(o.sparse)) return { p: o.p, sparse: new Set(o.sparse as number[]), registers: null };
  if (typeof o.dense !== "string") return null;
  try {
    const binary = atob(o.dense);
    if (binary.length !== 2 ** o.p) return null;
    const registers = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) registers[i] = binary.charCodeAt(i);
    return { p: o.p, sparse: null, registers };
  } catch {
    return null;
  }
}
