import assert from "node:assert/strict";
import { stixObservables } from "./stix_pattern.ts";
import { threatIntelConnector } from "./threat_intel_connector.ts";

const receivedAt = new Date("2026-03-01T12:00:00Z");
const fixture = (name: string) => Deno.readFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("stixObservables: IPs, CIDRs, domains, URLs, hashes and email; OR splits, AND merges", () => {
  assert.deepEqual(stixObservables("[ipv4-addr:value = '198.51.100.7']"), [{ NetworkIP: "198.51.100.7" }]);
  assert.deepEqual(stixObservables("[ipv4-addr:value = '198.51.100.0/24']"), [{
    NetworkCidrBlock: "198.51.100.0/24",
  }]);
  assert.deepEqual(stixObservables("[ipv6-addr:value = '2001:db8::1']"), [{ NetworkIP: "2001:db8::1" }]);
  assert.deepEqual(
    stixObservables("[domain-name:value = 'a.test' OR url:value = 'http://a.test/x OR y']"),
    [{ DomainName: "a.test" }, { Url: "http://a.test/x OR y" }],
  );
  assert.deepEqual(stixObservables("[file:hashes.'SHA-1' = 'ab'] OR [file:hashes.MD5 = 'cd']"), [
    { FileHashType: "SHA1", FileHashValue: "ab" },
    { FileHashType: "MD5", FileHashValue: "cd" },
  ]);
  assert.deepEqual(
    stixObservables("[network-traffic:dst_ref.value = '192.0.2.1' AND network-traffic:dst_port = 443]"),
    [{ NetworkDestinationIP: "192.0.2.1", NetworkDestinationPort: 443 }],
  );
  assert.deepEqual(stixObservables("[email-message:from_ref.value = 'x@y.test']"), [{
    EmailSenderAddress: "x@y.test",
  }]);
  assert.deepEqual(stixObservables("[url:value = 'it\\'s']"), [{ Url: "it's" }]);
  assert.deepEqual(stixObservables("[process:name = 'x'] OR [url:value LIKE '%evil%']"), []);
});

Deno.test("threat-intel: a STIX bundle gives one row per observable with Sentinel's columns", () => {
  const result = threatIntelConnector.parse(fixture("bundle.json"), {
    receivedAt,
    contentType: "application/json",
  });
  const byId = new Map(result.records.map((r) => [r.row.IndicatorId, r.row]));
  assert.deepEqual([...byId.keys()].sort(), [
    "indicator--1f8d3b68-4f8e-4e55-9a3e-2b1c3d4e5f60#1",
    "indicator--1f8d3b68-4f8e-4e55-9a3e-2b1c3d4e5f60#2",
    "indicator--2a9e4c79-5b6d-4c1e-8f2a-3c4d5e6f7a81#1",
    "indicator--2a9e4c79-5b6d-4c1e-8f2a-3c4d5e6f7a81#2",
    "indicator--3b0f5d8a-6c7e-4d2f-9a3b-4d5e6f7a8b92#1",
    "indicator--3b0f5d8a-6c7e-4d2f-9a3b-4d5e6f7a8b92#2",
    "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
  ]);
  assert.deepEqual(byId.get("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"), {
    TimeGenerated: "2026-03-01T12:00:00.000Z",
    SourceSystem: "STIX",
    IndicatorId: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
    ExternalIndicatorId: "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
    IndicatorProvider: "identity--f431f809-377b-45e0-aa1c-6a4751cae5ff",
    Action: "alert",
    Active: true,
    ConfidenceScore: 85,
    Description: "Command and control server of a botnet",
    ThreatType: "malicious-activity",
    Tags: "botnet,c2",
    TrafficLightProtocolLevel: "green",
    ExpirationDateTime: "2099-01-01T00:00:00.000Z",
    KillChainC2: true,
    NetworkIP: "198.51.100.7",
  });
  const hash = byId.get("indicator--2a9e4c79-5b6d-4c1e-8f2a-3c4d5e6f7a81#1")!;
  assert.equal(hash.FileHashType, "SHA256");
  assert.equal(hash.Active, false, "revoked");
  // Without valid_until: 90 days after valid_from.
  assert.equal(
    byId.get("indicator--1f8d3b68-4f8e-4e55-9a3e-2b1c3d4e5f60#2")!.ExpirationDateTime,
    "2026-04-01T00:00:00.000Z",
  );
  assert.equal(
    byId.get("indicator--3b0f5d8a-6c7e-4d2f-9a3b-4d5e6f7a8b92#1")!.EmailSenderAddress,
    "ceo@phish.example",
  );
  assert.equal(byId.get("indicator--3b0f5d8a-6c7e-4d2f-9a3b-4d5e6f7a8b92#2")!.NetworkIP, "2001:db8::7");
  assert.deepEqual(result.errors.map((e) => e.message), [
    "Unsupported indicator pattern type 'sigma' of 'indicator--4c1a6e9b-7d8f-4e3a-8b4c-5e6f7a8b9ca3': only 'stix'",
  ]);
});

Deno.test("threat-intel: a bad indicator is refused alone, with the reason", () => {
  const body = JSON.stringify([
    { type: "indicator", id: "indicator--a", pattern: "[url:value = 'http://x.test/']" },
    { type: "indicator", id: "indicator--b" },
    { type: "indicator", id: "indicator--c", pattern: "[process:name = 'cmd.exe']" },
    "not an object",
  ]);
  const result = threatIntelConnector.parse(new TextEncoder().encode(body), { receivedAt });
  assert.equal(result.records.length, 1);
  assert.deepEqual(result.errors.map((e) => [e.index, e.message]), [
    [1, "Invalid STIX indicator: 'pattern' is missing"],
    [2, "Unsupported STIX pattern of 'indicator--c': no IP, domain, URL, file hash or email observable"],
    [3, "Invalid STIX object: expected a JSON object"],
  ]);
});

Deno.test("threat-intel: a CSV feed, with a header or one indicator per line", () => {
  const result = threatIntelConnector.parse(fixture("feed.csv"), { receivedAt, contentType: "text/csv" });
  assert.deepEqual(result.records.map((r) => r.row.IndicatorId), [
    "csv:NetworkIP:203.0.113.9",
    "csv:DomainName:evil.example.net",
    "csv:Url:https://evil.example.net/payload.exe",
    "csv:FileHashType+FileHashValue:44d88612fea8a8f36de82e1278abb02f",
  ]);
  const first = result.records[0].row;
  assert.equal(first.ConfidenceScore, 70);
  assert.equal(first.Tags, "scanner,noisy");
  assert.equal(first.ThreatType, "scanning");
  assert.equal(first.ExpirationDateTime, "2099-01-01T00:00:00.000Z");
  assert.equal(result.records[1].row.ExpirationDateTime, "2026-05-30T12:00:00.000Z");
  assert.deepEqual(result.errors.map((e) => [e.index, e.message]), [
    [5, "Missing indicator value"],
    [6, "Cannot tell the indicator type of 'not a thing': add a 'type' column"],
  ]);
  const bare = threatIntelConnector.parse(new TextEncoder().encode("198.51.100.1\r\nbad.example.org\n"), {
    receivedAt,
  });
  assert.deepEqual(bare.records.map((r) => [r.row.NetworkIP, r.row.DomainName]), [
    ["198.51.100.1", undefined],
    [undefined, "bad.example.org"],
  ]);
});
