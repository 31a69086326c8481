import assert from "node:assert/strict";
import type { ScalarType } from "../symbols/types.ts";
import { formatDatetime } from "../values/datetime_format.ts";
import { parseDatetime } from "../values/datetime_parse.ts";
import { parseTimespan } from "../values/timespan.ts";
import type { Value } from "../values/value.ts";
import { call } from "./_call.ts";

const dt = (text: string) => parseDatetime(text)!;
const ts = (text: string) => parseTimespan(text)!;

/** Calls with explicit types; a datetime result is returned as ISO text for readable expectations. */
function iso(name: string, args: Value[], argTypes: ScalarType[]): string | null {
  const result = call(name, args, { argTypes });
  return typeof result === "number" ? formatDatetime(result) : null;
}

Deno.test("now and ago use the context's now", () => {
  const now = dt("2024-05-01T12:00:00Z");
  assert.equal(call("now", [], { now }), now);
  assert.equal(call("now", [ts("-1h")], { now, argTypes: ["timespan"] }), dt("2024-05-01T11:00:00Z"));
  assert.equal(call("ago", [ts("1d")], { now, argTypes: ["timespan"] }), dt("2024-04-30T12:00:00Z"));
});

Deno.test("datetime_add clamps month ends like .NET", () => {
  assert.equal(
    iso("datetime_add", ["year", -5, dt("2017-01-01")], ["string", "long", "datetime"]),
    "2012-01-01T00:00:00Z",
  );
  assert.equal(
    iso("datetime_add", ["month", 1, dt("2017-01-31")], ["string", "long", "datetime"]),
    "2017-02-28T00:00:00Z",
  );
  assert.equal(
    iso("datetime_add", ["Quarter", 1, dt("2017-11-30")], ["string", "long", "datetime"]),
    "2018-02-28T00:00:00Z",
  );
  assert.equal(
    iso("datetime_add", ["week", 1, dt("2017-01-01")], ["string", "long", "datetime"]),
    "2017-01-08T00:00:00Z",
  );
  assert.equal(
    iso("datetime_add", ["hour", 25, dt("2017-01-01")], ["string", "long", "datetime"]),
    "2017-01-02T01:00:00Z",
  );
  assert.equal(call("datetime_add", ["fortnight", 1, dt("2017-01-01")]), null);
});

Deno.test("datetime_diff counts period boundaries (documentation examples)", () => {
  const diff = (period: string, a: string, b: string) => call("datetime_diff", [period, dt(a), dt(b)]);
  assert.equal(diff("year", "2017-01-01", "2000-12-31"), 17);
  assert.equal(diff("quarter", "2017-07-01", "2017-03-30"), 2);
  assert.equal(diff("month", "2017-01-01", "2015-12-30"), 13);
  assert.equal(diff("week", "2017-10-29 00:00", "2017-09-30 23:59"), 5);
  assert.equal(diff("day", "2017-10-29 00:00", "2017-09-30 23:59"), 29);
  assert.equal(diff("hour", "2017-10-31 01:00", "2017-10-30 23:59"), 2);
  assert.equal(diff("minute", "2017-10-30 23:05:01", "2017-10-30 23:00:59"), 5);
  assert.equal(diff("second", "2017-10-30 23:00:10.100", "2017-10-30 23:00:00.900"), 10);
  assert.equal(diff("millisecond", "2017-10-30 23:00:00.200100", "2017-10-30 23:00:00.100900"), 100);
});

Deno.test("datetime_part and the get* functions", () => {
  const t = dt("2017-10-30 01:02:03.7654321");
  const part = (p: string) => call("datetime_part", [p, t]);
  assert.equal(part("year"), 2017);
  assert.equal(part("quarter"), 4);
  assert.equal(part("month"), 10);
  assert.equal(part("week_of_year"), 44);
  assert.equal(part("day"), 30);
  assert.equal(part("dayOfYear"), 303);
  assert.equal(part("hour"), 1);
  assert.equal(part("minute"), 2);
  assert.equal(part("second"), 3);
  assert.equal(part("millisecond"), 765);
  assert.equal(part("microsecond"), 765432);
  assert.equal(part("nanosecond"), 765432000);
  assert.equal(call("getyear", [t]), 2017);
  assert.equal(call("getmonth", [t]), 10);
  assert.equal(call("monthofyear", [t]), 10);
  assert.equal(call("dayofmonth", [t]), 30);
  assert.equal(call("dayofyear", [t]), 303);
  assert.equal(call("hourofday", [t]), 1);
});

Deno.test("dayofweek and weekofyear (ISO 8601)", () => {
  assert.equal(call("dayofweek", [dt("1947-11-30 10:00:05")]), 0);
  assert.equal(call("dayofweek", [dt("1970-05-11")]), ts("1d"));
  assert.equal(call("dayofweek", [dt("2024-01-06")]), ts("6d"));
  assert.equal(call("weekofyear", [dt("2020-12-31")]), 53);
  assert.equal(call("weekofyear", [dt("2020-06-22")]), 26);
  assert.equal(call("weekofyear", [dt("2021-01-01")]), 53);
  assert.equal(call("weekofyear", [dt("2021-01-04")]), 1);
});

Deno.test("startof* and endof* with offsets", () => {
  const d = dt("2017-01-01 10:10:17");
  const types: ScalarType[] = ["datetime", "long"];
  assert.equal(iso("startofday", [d], types), "2017-01-01T00:00:00Z");
  assert.equal(iso("startofday", [d, -1], types), "2016-12-31T00:00:00Z");
  assert.equal(iso("startofweek", [d], types), "2017-01-01T00:00:00Z");
  assert.equal(iso("startofweek", [dt("2017-01-04")], types), "2017-01-01T00:00:00Z");
  assert.equal(iso("startofmonth", [d, -1], types), "2016-12-01T00:00:00Z");
  assert.equal(iso("startofyear", [d, 1], types), "2018-01-01T00:00:00Z");
  assert.equal(iso("endofday", [d], types), "2017-01-01T23:59:59.9999990Z");
  assert.equal(iso("endofweek", [d], types), "2017-01-07T23:59:59.9999990Z");
  assert.equal(iso("endofmonth", [dt("2016-02-10")], types), "2016-02-29T23:59:59.9999990Z");
  assert.equal(iso("endofyear", [d, -1], types), "2016-12-31T23:59:59.9999990Z");
});

Deno.test("bin, floor and bin_at", () => {
  assert.equal(call("bin", [4.5, 1], { argTypes: ["real", "long"] }), 4);
  assert.equal(call("bin", [-5, 2], { argTypes: ["long", "long"] }), -6);
  assert.equal(call("bin", [ts("16d"), ts("7d")], { argTypes: ["timespan", "timespan"] }), ts("14d"));
  assert.equal(
    iso("bin", [dt("1970-05-11 13:45:07"), ts("1d")], ["datetime", "timespan"]),
    "1970-05-11T00:00:00Z",
  );
  assert.equal(
    iso("bin", [dt("2024-01-03 10:00"), ts("7d")], ["datetime", "timespan"]),
    "2024-01-01T00:00:00Z",
  );
  assert.equal(
    iso("floor", [dt("2024-01-03 10:17"), ts("15m")], ["datetime", "timespan"]),
    "2024-01-03T10:15:00Z",
  );
  assert.equal(call("bin", [5, 0], { argTypes: ["long", "long"] }), null);
  assert.equal(call("bin_at", [6.5, 2.5, 7]), 4.5);
  assert.equal(
    call("bin_at", [ts("1h"), ts("1d"), ts("12h")], { argTypes: ["timespan", "timespan", "timespan"] }),
    ts("-12h"),
  );
  assert.equal(
    iso("bin_at", [dt("2017-05-15 10:20:00"), ts("1d"), dt("1970-01-01 12:00:00")], [
      "datetime",
      "timespan",
      "datetime",
    ]),
    "2017-05-14T12:00:00Z",
  );
});

Deno.test("unixtime_*_todatetime", () => {
  assert.equal(iso("unixtime_seconds_todatetime", [1546300800], ["long"]), "2019-01-01T00:00:00Z");
  assert.equal(
    iso("unixtime_milliseconds_todatetime", [1546300800123], ["long"]),
    "2019-01-01T00:00:00.1230000Z",
  );
  assert.equal(
    iso("unixtime_microseconds_todatetime", [1546300800123456], ["long"]),
    "2019-01-01T00:00:00.1234560Z",
  );
  assert.equal(
    iso("unixtime_nanoseconds_todatetime", [1546300800123456789], ["long"]),
    "2019-01-01T00:00:00.1234560Z",
  );
  assert.equal(call("unixtime_seconds_todatetime", [1e20]), null);
});

Deno.test("make_datetime and make_timespan", () => {
  assert.equal(iso("make_datetime", [2017, 10, 1], ["long", "long", "long"]), "2017-10-01T00:00:00Z");
  assert.equal(
    iso("make_datetime", [2017, 10, 1, 12, 10], ["long", "long", "long", "long", "long"]),
    "2017-10-01T12:10:00Z",
  );
  assert.equal(
    iso("make_datetime", [2017, 10, 1, 12, 11, 0.1234567], ["long", "long", "long", "long", "long", "real"]),
    "2017-10-01T12:11:00.1234560Z",
  );
  assert.equal(call("make_datetime", [2017, 2, 30]), null);
  assert.equal(call("make_timespan", [1, 12, 30, 55.123]), ts("1.12:30:55.123"));
  assert.equal(call("make_timespan", [12, 30]), ts("12:30:00"));
  assert.equal(call("make_timespan", [12, 30, 15]), ts("12:30:15"));
});

Deno.test("format_datetime and format_timespan (documentation examples)", () => {
  const t = dt("2015-12-14 02:03:04.12345");
  assert.equal(call("format_datetime", [t, "y-M-d h:m:s.fffffff"]), "15-12-14 2:3:4.1234500");
  const u = dt("2017-01-29 09:00:05");
  assert.equal(call("format_datetime", [u, "yy-MM-dd [HH:mm:ss]"]), "17-01-29 [09:00:05]");
  assert.equal(call("format_datetime", [u, "yyyy-M-dd [H:mm:ss]"]), "2017-1-29 [9:00:05]");
  assert.equal(call("format_datetime", [u, "yy-MM-dd [hh:mm:ss tt]"]), "17-01-29 [09:00:05 AM]");
  assert.equal(call("format_datetime", [dt("2017-01-29 21:00:05"), "hh tt"]), "09 PM");
  assert.equal(call("format_datetime", [u, "yyyy-MM-dd FFF"]), "2017-01-29 ");
  const span = ts("14.02:03:04.12345");
  assert.equal(call("format_timespan", [span, "h:m:s.fffffff"]), "2:3:4.1234500");
  assert.equal(call("format_timespan", [span, "dd.hh:mm:ss:FF"]), "14.02:03:04:12");
  assert.equal(call("format_timespan", [span, "ddd.h:mm:ss [fffffff]"]), "014.2:03:04 [1234500]");
  assert.equal(call("format_timespan", [-ts("01:30:00"), "hh:mm"]), "-01:30");
});
