import type { Value } from "../values/value.ts";
import { compareIpv6, type Ipv4, ipv4sInText, maskIpv4, parseIpv4, parseIpv6 } from "./ip_address.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";
import { flattenOperands } from "./string_predicates.ts";

function ipv4Of(value: Value): Ipv4 | null {
  return typeof value === "string" ? parseIpv4(value) : null;
}

function prefixArg(value: Value | undefined, max: number): number | null {
  if (value === undefined) return max;
  return typeof value === "number" && value >= 0 && value <= max ? Math.trunc(value) : null;
}

function ipv4Compare(a: Value, b: Value, prefixValue: Value | undefined): number | null {
  const ia = ipv4Of(a);
  const ib = ipv4Of(b);
  const prefix = prefixArg(prefixValue, 32);
  if (ia === null || ib === null || prefix === null) return null;
  const bits = Math.min(ia.prefix, ib.prefix, prefix);
  const ma = maskIpv4(ia.address, bits);
  const mb = maskIpv4(ib.address, bits);
  return ma === mb ? 0 : ma < mb ? -1 : 1;
}

function inRange(ip: Value, range: Value): boolean | null {
  const address = ipv4Of(ip);
  const r = ipv4Of(range);
  if (address === null || r === null) return null;
  return maskIpv4(address.address, r.prefix) === maskIpv4(r.address, r.prefix);
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((r) => parseIpv4(r)!);

function isPrivate(ip: Value): boolean | null {
  const address = ipv4Of(ip);
  if (address === null) return null;
  return PRIVATE_RANGES.some((r) => maskIpv4(address.address, r.prefix) === r.address);
}

/** A valid `has_ipv4_prefix` prefix: a full address, or one to three octets followed by a dot. */
function validPrefix(prefix: string): boolean {
  if (parseIpv4(prefix) !== null && !prefix.includes("/")) return true;
  const m = /^(\d{1,3}\.){1,3}$/.exec(prefix);
  return m !== null && prefix.split(".").slice(0, -1).every((o) => Number(o) <= 255);
}

function hasIpv4(source: Value, ips: readonly Value[]): boolean | null {
  const wanted = flattenOperands(ips).filter((v): v is string =>
    typeof v === "string" && parseIpv4(v) !== null
  );
  if (wanted.length === 0) return false;
  const found = ipv4sInText(typeof source === "string" ? source : "");
  return found.some((ip) => wanted.some((w) => parseIpv4(w)!.address === parseIpv4(ip)!.address));
}

function hasIpv4Prefix(source: Value, prefixes: readonly Value[]): boolean | null {
  const wanted = flattenOperands(prefixes).filter((v): v is string =>
    typeof v === "string" && validPrefix(v)
  );
  if (wanted.length === 0) return false;
  const found = ipv4sInText(typeof source === "string" ? source : "");
  return found.some((ip) => wanted.some((w) => w.endsWith(".") ? ip.startsWith(w) : ip === w));
}

function ipv6Compare(a: Value, b: Value, prefixValue: Value | undefined): number | null {
  const ia = typeof a === "string" ? parseIpv6(a) : null;
  const ib = typeof b === "string" ? parseIpv6(b) : null;
  const prefix = prefixArg(prefixValue, 128);
  if (ia === null || ib === null || prefix === null) return null;
  return compareIpv6(ia.groups, ib.groups, Math.min(ia.prefix, ib.prefix, prefix));
}

function formatIpv4(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** The address text of an IPv4 string or long; null when invalid. */
function ipv4Address(value: Value): Ipv4 | null {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0 && value <= 0xffffffff
      ? { address: value, prefix: 32 }
      : null;
  }
  return ipv4Of(value);
}

/** The smallest list of CIDR blocks covering the addresses from `start` to `end` inclusive. */
function rangeToCidrs(start: number, end: number): string[] {
  const out: string[] = [];
  let current = start;
  while (current <= end) {
    let size = 32;
    while (size > 0) {
      const block = 2 ** (32 - (size - 1));
      if (current % block !== 0 || current + block - 1 > end) break;
      size--;
    }
    out.push(`${formatIpv4(current)}/${size}`);
    current += 2 ** (32 - size);
  }
  return out;
}

function formatIpv6(groups: readonly number[]): string {
  // RFC 5952: lower case, leading zeros dropped, the longest run (2+) of zero groups as "::".
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return hex.slice(0, bestStart).join(":") + "::" + hex.slice(bestStart + bestLength).join(":");
}

function maskIpv6(groups: readonly number[], prefix: number): number[] {
  return groups.map((g, i) => {
    const bits = Math.max(0, Math.min(16, prefix - i * 16));
    return bits === 0 ? 0 : g & ((0xffff << (16 - bits)) & 0xffff);
  });
}

function ipv6InRange(ip: Value, range: Value): boolean | null {
  const a = typeof ip === "string" ? parseIpv6(ip) : null;
  const r = typeof range === "string" ? parseIpv6(range) : null;
  if (a === null || r === null) return null;
  return compareIpv6(a.groups, r.groups, r.prefix) === 0;
}

/** IPv4 and IPv6 functions. Invalid addresses give null, as in Kusto. */
export const NETWORK_FUNCTIONS: ScalarFunctionTable = {
  parse_ipv4: define([1, 1], "long", ([ip]) => {
    const v = ipv4Of(ip);
    return v === null ? null : maskIpv4(v.address, v.prefix);
  }),
  parse_ipv4_mask: define([2, 2], "long", ([ip, p]) => {
    const v = ipv4Of(ip);
    const prefix = prefixArg(p, 32);
    return v === null || prefix === null ? null : maskIpv4(v.address, Math.min(prefix, v.prefix));
  }),
  ipv4_compare: define([2, 3], "long", ([a, b, p]) => ipv4Compare(a, b, p)),
  ipv4_is_match: define([2, 3], "bool", ([a, b, p]) => {
    const c = ipv4Compare(a, b, p);
    return c === null ? null : c === 0;
  }),
  ipv4_is_in_range: define([2, 2], "bool", ([ip, range]) => inRange(ip, range)),
  ipv4_is_in_any_range: define([1, 64], "bool", ([ip, ...ranges]) => {
    if (ipv4Of(ip) === null) return null;
    return flattenOperands(ranges).some((r) => inRange(ip, r) === true);
  }),
  ipv4_is_private: define([1, 1], "bool", ([ip]) => isPrivate(ip)),
  ipv4_netmask_suffix: define([1, 1], "int", ([ip]) => ipv4Of(ip)?.prefix ?? null),
  has_ipv4: define([2, 2], "bool", ([s, ip]) => hasIpv4(s, [ip])),
  has_ipv4_prefix: define([2, 2], "bool", ([s, p]) => hasIpv4Prefix(s, [p])),
  has_any_ipv4: define([1, 64], "bool", ([s, ...ips]) => hasIpv4(s, ips)),
  has_any_ipv4_prefix: define([1, 64], "bool", ([s, ...prefixes]) => hasIpv4Prefix(s, prefixes)),
  format_ipv4: define([1, 2], "string", ([ip, p]) => {
    const v = ipv4Address(ip);
    const prefix = prefixArg(p ?? undefined, 32);
    return v === null || prefix === null ? "" : formatIpv4(maskIpv4(v.address, Math.min(prefix, v.prefix)));
  }, { strict: false }),
  format_ipv4_mask: define([1, 2], "string", ([ip, p]) => {
    const v = ipv4Address(ip);
    const prefix = prefixArg(p ?? undefined, 32);
    if (v === null || prefix === null) return "";
    const bits = Math.min(prefix, v.prefix);
    return `${formatIpv4(maskIpv4(v.address, bits))}/${bits}`;
  }, { strict: false }),
  ipv4_range_to_cidr_list: define([2, 2], "dynamic", ([start, end]) => {
    const a = ipv4Address(start);
    const b = ipv4Address(end);
    return a === null || b === null || a.address > b.address ? null : rangeToCidrs(a.address, b.address);
  }),
  parse_ipv6: define([1, 1], "string", ([ip]) => {
    const v = typeof ip === "string" ? parseIpv6(ip) : null;
    return v === null ? null : formatIpv6(maskIpv6(v.groups, v.prefix));
  }),
  parse_ipv6_mask: define([2, 2], "string", ([ip, p]) => {
    const v = typeof ip === "string" ? parseIpv6(ip) : null;
    const prefix = prefixArg(p, 128);
    return v === null || prefix === null ? null : formatIpv6(maskIpv6(v.groups, Math.min(v.prefix, prefix)));
  }),
  ipv6_is_in_range: define([2, 2], "bool", ([ip, range]) => ipv6InRange(ip, range)),
  ipv6_is_in_any_range: define([1, 64], "bool", ([ip, ...ranges]) => {
    if (typeof ip !== "string" || parseIpv6(ip) === null) return null;
    return flattenOperands(ranges).some((r) => ipv6InRange(ip, r) === true);
  }),
  ipv6_compare: define([2, 3], "long", ([a, b, p]) => ipv6Compare(a, b, p)),
  ipv6_is_match: define([2, 3], "bool", ([a, b, p]) => {
    const c = ipv6Compare(a, b, p);
    return c === null ? null : c === 0;
  }),
};
