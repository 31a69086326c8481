/**
 * Punycode (RFC 3492) for `punycode_from_string` / `punycode_to_string`: the bootstring encoding of Unicode labels
 * into ASCII. Written out because the scalar functions may not depend on a runtime's `node:punycode`.
 */

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_CODE_POINT = 0x10ffff;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitChar(d: number): string {
  return String.fromCharCode(d < 26 ? 97 + d : 22 + d);
}

function charDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 22;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return BASE;
}

/**
 * Encodes a Unicode string as Punycode (without the `xn--` prefix).
 *
 * @param input The Unicode text.
 * @returns The ASCII encoding, or null on overflow.
 * @example
 * ```ts
 * punycodeEncode("bücher"); // "bcher-kva"
 * ```
 */
export function punycodeEncode(input: string): string | null {
  const points = Array.from(input, (c) => c.codePointAt(0)!);
  let output = points.filter((p) => p < 128).map((p) => String.fromCharCode(p)).join("");
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += "-";
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < points.length) {
    const m = Math.min(...points.filter((p) => p >= n));
    if (m - n > (Number.MAX_SAFE_INTEGER - delta) / (handled + 1)) return null;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const p of points) {
      if (p < n) delta++;
      if (p === n) {
        let q = delta;
        for (let k = BASE;; k += BASE) {
          const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
          if (q < t) break;
          output += digitChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += digitChar(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/**
 * Decodes Punycode (without the `xn--` prefix) to Unicode.
 *
 * @param input The ASCII encoding.
 * @returns The Unicode text, or null when the input is not valid Punycode.
 * @example
 * ```ts
 * punycodeDecode("bcher-kva"); // "bücher"
 * ```
 */
export function punycodeDecode(input: string): string | null {
  const dash = input.lastIndexOf("-");
  const output: number[] = [];
  for (let i = 0; i < Math.max(0, dash); i++) {
    const code = input.charCodeAt(i);
    if (code >= 128) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = dash > 0 ? dash + 1 : 0; at < input.length;) {
    const oldI = i;
    let w = 1;
    for (let k = BASE;; k += BASE) {
      if (at >= input.length) return null;
      const digit = charDigit(input.charCodeAt(at++));
      if (digit >= BASE) return null;
      i += digit * w;
      if (i > Number.MAX_SAFE_INTEGER) return null;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    bias = adapt(i - oldI, output.length + 1, oldI === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > MAX_CODE_POINT) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}
