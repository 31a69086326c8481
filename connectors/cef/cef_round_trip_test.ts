/**
 * Round trip against Sentinel's own CommonSecurityLog exports (shared samples): each exported row is written back as
 * a CEF line with the standard keys, parsed, and every column must come back with the exported value. This pins the
 * key-to-column table and the typing to real data rather than to our own reading of the mapping document.
 */

import assert from "node:assert/strict";
import { CEF_KEY_COLUMNS } from "./cef_keys.ts";
import { parseCefLine } from "./cef_connector.ts";

const SAMPLES = new URL("../../../shared/data/sentinel-samples/CEF/", import.meta.url);
const KEY_OF_COLUMN = new Map(Object.entries(CEF_KEY_COLUMNS).map(([key, column]) => [column, key]));
/** Time columns are exported in the portal's format, not in a CEF one. */
const SKIPPED = new Set(["ReceiptTime", "StartTime", "EndTime"]);

const escapeHeader = (value: string) => value.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
const escapeValue = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/=/g, "\\=").replace(/\n/g, "\\n");

for (const file of ["CrowdStrikeFalconEndpointProtection.json", "PaloAltoCDLEvent.json", "Fortigate.json"]) {
  Deno.test(`parseCefLine gives back the columns of Sentinel's export ${file}`, () => {
    const rows = JSON.parse(Deno.readTextFileSync(new URL(file, SAMPLES))) as Record<string, unknown>[];
    let compared = 0;
    for (const sample of rows) {
      const present = (column: string) =>
        sample[column] !== undefined && sample[column] !== "" && sample[column] !== "null";
      const header = [
        "DeviceVendor",
        "DeviceProduct",
        "DeviceVersion",
        "DeviceEventClassID",
        "Activity",
        "LogSeverity",
      ]
        .map((column) => escapeHeader(String(sample[column] ?? "")));
      const columns = [...KEY_OF_COLUMN.keys()].filter((column) => present(column) && !SKIPPED.has(column));
      const extension = columns.map((column) =>
        `${KEY_OF_COLUMN.get(column)}=${escapeValue(String(sample[column]))}`
      );
      const line = `CEF:0|${header.join("|")}|${extension.join(" ")}`;
      const outcome = parseCefLine(line, { receivedAt: new Date() });
      assert.ok(!("error" in outcome), line);
      for (const column of columns) {
        assert.equal(String(outcome.row[column]), String(sample[column]), `${file}: ${column}`);
        compared++;
      }
    }
    assert.ok(compared > rows.length, "columns were compared");
  });
}
