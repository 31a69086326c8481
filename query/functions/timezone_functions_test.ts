import assert from "node:assert/strict";
import { formatDatetime } from "../values/datetime_format.ts";
import { parseDatetime } from "../values/datetime_parse.ts";
import { call } from "./_call.ts";

const dt = (text: string) => parseDatetime(text)!;
const iso = (value: unknown) => formatDatetime(value as number);

Deno.test("datetime_utc_to_local follows the zone's rules, daylight saving included", () => {
  assert.equal(
    iso(call("datetime_utc_to_local", [dt("2022-11-07T08:00:00Z"), "US/Pacific"])),
    "2022-11-07T00:00:00Z",
  );
  assert.equal(
    iso(call("datetime_utc_to_local", [dt("2022-07-07T08:00:00Z"), "US/Pacific"])),
    "2022-07-07T01:00:00Z",
  );
  assert.equal(
    iso(call("datetime_utc_to_local", [dt("2024-01-01T00:00:00.5Z"), "Asia/Kolkata"])),
    "2024-01-01T05:30:00.5000000Z",
  );
  assert.equal(call("datetime_utc_to_local", [0, "Not/AZone"]), null);
});

Deno.test("datetime_local_to_utc inverts datetime_utc_to_local", () => {
  assert.equal(
    iso(call("datetime_local_to_utc", [dt("2022-11-07T00:00:00Z"), "US/Pacific"])),
    "2022-11-07T08:00:00Z",
  );
  assert.equal(
    iso(call("datetime_local_to_utc", [dt("2022-07-07T01:00:00Z"), "Europe/Berlin"])),
    "2022-07-06T23:00:00Z",
  );
});
