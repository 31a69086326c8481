import assert from "node:assert/strict";
import { parseDatetime } from "./datetime_parse.ts";
import { formatDatetime } from "./datetime_format.ts";

function iso(text: string): string | null {
  const micros = parseDatetime(text);
  return micros === null ? null : formatDatetime(micros);
}

Deno.test("parseDatetime reads the ISO 8601 forms of the Kusto documentation", () => {
  assert.equal(iso("2014-05-25T08:20:03.123456Z"), "2014-05-25T08:20:03.1234560Z");
  assert.equal(iso("2014-05-25T08:20:03.123456"), "2014-05-25T08:20:03.1234560Z");
  assert.equal(iso("2014-05-25T08:20"), "2014-05-25T08:20:00Z");
  assert.equal(iso("2014-11-08 15:55:55.123456Z"), "2014-11-08T15:55:55.1234560Z");
  assert.equal(iso("2014-11-08 15:55:55"), "2014-11-08T15:55:55Z");
  assert.equal(iso("2014-11-08 15:55"), "2014-11-08T15:55:00Z");
  assert.equal(iso("2014-11-08"), "2014-11-08T00:00:00Z");
  assert.equal(iso("2015-12-31 23:59:59.9"), "2015-12-31T23:59:59.9000000Z");
  assert.equal(iso("2024-01-01 10:00"), "2024-01-01T10:00:00Z");
});

Deno.test("parseDatetime applies offsets and keeps six fraction digits", () => {
  assert.equal(iso("2024-01-01T10:00:00+02:00"), "2024-01-01T08:00:00Z");
  assert.equal(iso("2024-01-01T10:00:00-0130"), "2024-01-01T11:30:00Z");
  assert.equal(iso("2024-01-01T00:30:00+01:00"), "2023-12-31T23:30:00Z");
  assert.equal(iso("2024-01-01T10:00:00.1234567Z"), "2024-01-01T10:00:00.1234560Z");
  assert.equal(iso("  2024-01-01T10:00:00Z "), "2024-01-01T10:00:00Z");
  assert.equal(parseDatetime("1970-01-01T00:00:01Z"), 1_000_000);
});

Deno.test("parseDatetime reads RFC 822, RFC 1123 and RFC 850 forms", () => {
  assert.equal(iso("Sat, 8 Nov 14 15:05:02 GMT"), "2014-11-08T15:05:02Z");
  assert.equal(iso("Sat, 8 Nov 2014 15:05:02 GMT"), "2014-11-08T15:05:02Z");
  assert.equal(iso("Sat, 8 Nov 14 15:05:02"), "2014-11-08T15:05:02Z");
  assert.equal(iso("Sat, 8 Nov 14 15:05"), "2014-11-08T15:05:00Z");
  assert.equal(iso("Sat, 8 Nov 14 15:05 GMT"), "2014-11-08T15:05:00Z");
  assert.equal(iso("8 Nov 14 15:05:02 GMT"), "2014-11-08T15:05:02Z");
  assert.equal(iso("8 Nov 14 15:05 GMT"), "2014-11-08T15:05:00Z");
  assert.equal(iso("Saturday, 08-Nov-14 15:05:02 GMT"), "2014-11-08T15:05:02Z");
  assert.equal(iso("Saturday, 08-Nov-14 15:05 GMT"), "2014-11-08T15:05:00Z");
  assert.equal(iso("08-Nov-14 15:05:02 GMT"), "2014-11-08T15:05:02Z");
  assert.equal(iso("Sat, 8 Nov 14 15:05:02 EST"), "2014-11-08T20:05:02Z");
  assert.equal(iso("Sat, 8 Nov 14 15:05:02 +0100"), "2014-11-08T14:05:02Z");
});

Deno.test("parseDatetime handles early years and leap days without Date", () => {
  assert.equal(iso("0001-01-01"), "0001-01-01T00:00:00Z");
  assert.equal(iso("0050-06-15T12:00:00Z"), "0050-06-15T12:00:00Z");
  assert.equal(iso("2024-02-29"), "2024-02-29T00:00:00Z");
  assert.equal(iso("9999-12-31 23:59:59"), "9999-12-31T23:59:59Z");
});

Deno.test("parseDatetime returns null for invalid text", () => {
  for (
    const bad of [
      "",
      "hello",
      "2023-02-29",
      "2024-13-01",
      "2024-01-01T24:00",
      "2024-01-01T10:60",
      "2024-01-01Tx",
      "2024-01-01T10:00:00Q",
      "2024-01-01T10:00:00.",
      "0000-01-01",
      "Sat, 31 Feb 14 15:05:02 GMT",
      "Sat, 8 Foo 14 15:05:02 GMT",
      "Sat, 8 Nov 14 15:05:02 XYZ",
    ]
  ) {
    assert.equal(parseDatetime(bad), null, bad);
  }
});

Deno.test("formatDatetime prints negative and fractional instants", () => {
  assert.equal(formatDatetime(-1), "1969-12-31T23:59:59.9999990Z");
  assert.equal(formatDatetime(1), "1970-01-01T00:00:00.0000010Z");
});
