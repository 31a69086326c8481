/** IPv4 and IPv6 address parsing shared by the networking functions. */

/** An IPv4 address as an unsigned 32-bit number with its prefix length (32 when none was given). */
export interface Ipv4 {
  readonly address: number;
  readonly prefix: number;
}

const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** Parses `a.b.c.d` or `a.b.c.d/n`; null when malformed or out of range. */
export function parseIpv4(text: string): Ipv4 | null {
  const m = IPV4_PATTERN.exec(text.trim());
  if (m === null) return null;
  let address = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    address = address * 256 + octet;
  }
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return null;
  return { address, prefix };
}

/** The address with all bits past `prefix` cleared. */
export function maskIpv4(address: number, prefix: number): number {
  if (prefix <= 0) return 0;
  if (prefix >= 32) return address;
  const hostBits = 2 ** (32 - prefix);
  return Math.floor(address / hostBits) * hostBits;
}

/** An IPv6 address as eight 16-bit groups with its prefix length (128 when none was given). */
export interface Ipv6 {
  readonly groups: readonly number[];
  readonly prefix: number;
}

function parseGroups(text: string): number[] | null {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === null || part.includes("/")) return null;
      groups.push(Math.floor(v4.address / 65536), v4.address % 65536);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

/** Parses IPv6 text (`::` compression, an embedded IPv4 tail, `/n`); an IPv4 address maps to `::ffff:a.b.c.d`. */
export function parseIpv6(text: string): Ipv6 | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  const body = slash < 0 ? trimmed : trimmed.slice(0, slash);
  let prefix = 128;
  if (slash >= 0) {
    const p = trimmed.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > 128) return null;
    prefix = Number(p);
  }
  if (!body.includes(":")) {
    const v4 = parseIpv4(body);
    if (v4 === null) return null;
    return {
      groups: [0, 0, 0, 0, 0, 0xffff, Math.floor(v4.address / 65536), v4.address % 65536],
      prefix: slash < 0 ? 128 : Math.min(128, 96 + prefix),
    };
  }
  const doubleColon = body.indexOf("::");
  let groups: number[] | null;
  if (doubleColon < 0) {
    groups = parseGroups(body);
    if (groups === null || groups.length !== 8) return null;
  } else {
    if (body.indexOf("::", doubleColon + 1) >= 0) return null;
    const head = parseGroups(body.slice(0, doubleColon));
    const tail = parseGroups(body.slice(doubleColon + 2));
    if (head === null || tail === null || head.length + tail.length > 7) return null;
    groups = [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail];
  }
  return { groups, prefix };
}

/** Compares two IPv6 addresses on their first `prefix` bits: -1, 0 or 1. */
export function compareIpv6(a: readonly number[], b: readonly number[], prefix: number): number {
  let bits = prefix;
  for (let i = 0; i < 8 && bits > 0; i++) {
    const take = Math.min(16, bits);
    const shift = 16 - take;
    const ga = a[i] >> shift;
    const gb = b[i] >> shift;
    if (ga !== gb) return ga < gb ? -1 : 1;
    bits -= take;
  }
  return 0;
}

/**
 * The IPv4 addresses written in a text: dotted quads not glued to letters, digits or other dots (so
 * `1.2.3.4.5` and `x1.2.3.4` hold none), each octet at most 255.
 */
export function ipv4sInText(text: string): string[] {
  const found: string[] = [];
  for (
    const m of text.matchAll(/(?<![A-Za-z0-9.])(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?![A-Za-z0-9]|\.\d)/g)
  ) {
    if (parseIpv4(m[1]) !== null) found.push(m[1]);
  }
  return found;
}
