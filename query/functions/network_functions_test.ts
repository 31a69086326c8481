import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("parse_ipv4 and parse_ipv4_mask", () => {
  assert.equal(call("parse_ipv4", ["127.0.0.1"]), 2130706433);
  assert.equal(call("parse_ipv4", ["192.1.168.1/24"]), 3221334016);
  assert.equal(call("parse_ipv4", ["256.0.0.1"]), null);
  assert.equal(call("parse_ipv4", ["1.2.3"]), null);
  assert.equal(call("parse_ipv4_mask", ["10.20.30.40", 24]), 169090560);
  assert.equal(call("parse_ipv4_mask", ["10.20.30.40", 33]), null);
});

Deno.test("ipv4_compare and ipv4_is_match with prefixes", () => {
  assert.equal(call("ipv4_compare", ["192.168.1.1", "192.168.1.255"]), -1);
  assert.equal(call("ipv4_compare", ["192.168.1.1", "192.168.1.255", 24]), 0);
  assert.equal(call("ipv4_compare", ["192.168.1.1/24", "192.168.1.255/24"]), 0);
  assert.equal(call("ipv4_compare", ["192.168.1.255", "192.168.1.1"]), 1);
  assert.equal(call("ipv4_is_match", ["192.168.1.1/24", "192.168.1.255"]), true);
  assert.equal(call("ipv4_is_match", ["192.168.1.1", "192.168.1.255"]), false);
  assert.equal(call("ipv4_is_match", ["x", "192.168.1.255"]), null);
});

Deno.test("ipv4 ranges, private ranges and netmask suffix", () => {
  assert.equal(call("ipv4_is_in_range", ["192.168.1.6", "192.168.1.1/24"]), true);
  assert.equal(call("ipv4_is_in_range", ["192.168.2.6", "192.168.1.1/24"]), false);
  assert.equal(call("ipv4_is_in_any_range", ["192.168.2.6", "10.0.0.0/8", ["192.168.0.0/16"]]), true);
  assert.equal(call("ipv4_is_in_any_range", ["8.8.8.8", ["10.0.0.0/8", "192.168.0.0/16"]]), false);
  assert.equal(call("ipv4_is_private", ["172.16.1.1"]), true);
  assert.equal(call("ipv4_is_private", ["172.32.1.1"]), false);
  assert.equal(call("ipv4_is_private", ["192.168.255.255/24"]), true);
  assert.equal(call("ipv4_is_private", ["8.8.8.8"]), false);
  assert.equal(call("ipv4_netmask_suffix", ["192.168.1.1/24"]), 24);
  assert.equal(call("ipv4_netmask_suffix", ["192.168.1.1"]), 32);
});

Deno.test("has_ipv4 and has_ipv4_prefix need delimited, valid addresses", () => {
  assert.equal(call("has_ipv4", ["05:04:54 127.0.0.1 GET /favicon.ico 404", "127.0.0.1"]), true);
  assert.equal(call("has_ipv4", ["05:04:54 127.0.0.256 GET", "127.0.0.256"]), false);
  assert.equal(call("has_ipv4", ["05:04:54127.0.0.1 GET", "127.0.0.1"]), false);
  assert.equal(call("has_ipv4", ["addr=127.0.0.1.5", "127.0.0.1"]), false);
  assert.equal(call("has_ipv4_prefix", ["05:04:54 127.0.0.1 GET", "127.0."]), true);
  assert.equal(call("has_ipv4_prefix", ["05:04:54 127.0.0.1 GET", "127.0"]), false);
  assert.equal(call("has_ipv4_prefix", ["05:04:54 127.0.0.1 GET", "127.0.0.1"]), true);
  assert.equal(call("has_any_ipv4", ["from 10.1.1.1 to 8.8.8.8", "1.1.1.1", "8.8.8.8"]), true);
  assert.equal(call("has_any_ipv4", ["from 10.1.1.1", ["1.1.1.1", "2.2.2.2"]]), false);
  assert.equal(call("has_any_ipv4_prefix", ["from 10.1.1.1", ["192.168.", "10."]]), true);
});

Deno.test("ipv6_compare and ipv6_is_match, IPv4 mapped", () => {
  assert.equal(call("ipv6_compare", ["::ffff:7f00:1", "127.0.0.1"]), 0);
  assert.equal(call("ipv6_compare", ["fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7995"]), -1);
  assert.equal(call("ipv6_compare", ["fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7995", 127]), 0);
  assert.equal(call("ipv6_compare", ["fe80::85d:e82c:9446:7994/127", "fe80::85d:e82c:9446:7995/127"]), 0);
  assert.equal(call("ipv6_compare", ["fe80::85d:e82c:9446:7995", "fe80::85d:e82c:9446:7994"]), 1);
  assert.equal(call("ipv6_is_match", ["192.168.1.1/24", "192.168.1.255/24"]), true);
  assert.equal(call("ipv6_is_match", ["fe80::1", "fe80:0:0:0:0:0:0:1"]), true);
  assert.equal(call("ipv6_is_match", ["fe80:::1", "fe80::1"]), null);
});

Deno.test("format_ipv4, format_ipv4_mask and ipv4_range_to_cidr_list", () => {
  assert.equal(call("format_ipv4", ["192.168.1.255", 24]), "192.168.1.0");
  assert.equal(call("format_ipv4", [3232236031]), "192.168.1.255");
  assert.equal(call("format_ipv4_mask", ["192.168.1.255", 24]), "192.168.1.0/24");
  assert.equal(call("format_ipv4", ["bad"]), "");
  assert.deepEqual(call("ipv4_range_to_cidr_list", ["10.0.0.0", "10.0.0.255"]), ["10.0.0.0/24"]);
  assert.deepEqual(call("ipv4_range_to_cidr_list", ["10.0.0.1", "10.0.0.4"]), [
    "10.0.0.1/32",
    "10.0.0.2/31",
    "10.0.0.4/32",
  ]);
});

Deno.test("parse_ipv6, parse_ipv6_mask and IPv6 ranges", () => {
  assert.equal(call("parse_ipv6", ["fe80:0000:0000:0000:085d:e82c:9446:7994"]), "fe80::85d:e82c:9446:7994");
  assert.equal(call("parse_ipv6", ["127.0.0.1"]), "::ffff:7f00:1");
  assert.equal(call("parse_ipv6", ["fe80::85d:e82c:9446:7994/120"]), "fe80::85d:e82c:9446:7900");
  assert.equal(call("parse_ipv6_mask", ["fe80::85d:e82c:9446:7994", 112]), "fe80::85d:e82c:9446:0");
  assert.equal(call("parse_ipv6", ["nope"]), null);
  assert.equal(call("ipv6_is_in_range", ["fe80::85d:e82c:9446:7994", "fe80::/10"]), true);
  assert.equal(call("ipv6_is_in_range", ["2001:db8::1", "fe80::/10"]), false);
  assert.equal(call("ipv6_is_in_any_range", ["2001:db8::1", ["fe80::/10", "2001:db8::/32"]]), true);
});
