/**
 * The generic ingest path against Sentinel's own exports (/work/shared/data/sentinel-samples, MANIFEST.json):
 * every JSON export loads into its table with the catalog's column names and types, portal timestamps
 * (`TimeGenerated [UTC]`, `3/31/2022, 10:52:35.857 AM`) become the rows' TimeGenerated, and custom `_CL` exports get
 * an inferred schema.
 */

import assert from "node:assert/strict";
import { rowProblems } from "../_row_conformance.ts";
import { syslogConnector } from "../syslog/mod.ts";
import { parseIngestBody } from "./parse_ingest_body.ts";

const SAMPLES = new URL("../../../shared/data/sentinel-samples/", import.meta.url);
const manifest = JSON.parse(Deno.readTextFileSync(new URL("MANIFEST.json", SAMPLES))) as {
  files: { file: string; format: string; rows: number; tableGuess: string; columns: string[] }[];
};
const receivedAt = new Date("2030-01-01T00:00:00Z");

for (const sample of manifest.files.filter((file) => file.format === "json-array")) {
  Deno.test(`parseIngestBody loads the Sentinel export ${sample.file} into ${sample.tableGuess}`, () => {
    const result = parseIngestBody(Deno.readFileSync(new URL(sample.file, SAMPLES)), {
      table: sample.tableGuess,
      context: { receivedAt },
    });
    assert.deepEqual(result.errors, []);
    assert.equal(result.records.length, sample.rows);
    const custom = new Map(result.schema ? [[result.schema.name, result.schema]] : []);
    const hasTime = sample.columns.some((column) => column.startsWith("TimeGenerated"));
    for (const record of result.records) {
      assert.deepEqual(rowProblems(record, custom), []);
      if (hasTime) {
        assert.notEqual(record.row.TimeGenerated, receivedAt.toISOString(), "the export's own time is kept");
      } else {assert.equal(
          record.row.TimeGenerated,
          receivedAt.toISOString(),
          "no time of its own: arrival time",
        );}
    }
  });
}

Deno.test("syslogConnector reads the raw OpenVPN sample lines", () => {
  const body = Deno.readFileSync(new URL("Syslog/OpenVPN.txt", SAMPLES));
  const result = syslogConnector.parse(body, { receivedAt });
  const lines = new TextDecoder().decode(body).split("\n").filter((line) => line.trim() !== "");
  assert.equal(result.records.length, lines.length);
  assert.ok(result.records.every((record) => record.row.ProcessName === "openvpn"));
  assert.ok(result.records.every((record) => record.row.HostName === "demo-host.local"));
});
