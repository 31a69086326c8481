import { parseDatetime } from "./datetime_parse.ts";
import { rowDecoder } from "./decode.ts";

// Seeded fixture: ISO 8601 timestamps as event rows carry them.
const STAMPS = Array.from({ length: 1000 }, (_, i) => {
  const t = new Date(Date.UTC(2024, 0, 1) + i * 7_777_777);
  return t.toISOString().replace("Z", "1234Z");
});

Deno.bench({
  name: "Date.parse (ms precision)",
  group: "datetime text -> number",
  baseline: true,
  fn: () => {
    let sum = 0;
    for (const s of STAMPS) sum += Date.parse(s);
    if (sum === 0) throw new Error("unreachable");
  },
});

Deno.bench({
  name: "parseDatetime (µs precision)",
  group: "datetime text -> number",
  fn: () => {
    let sum = 0;
    for (const s of STAMPS) sum += parseDatetime(s)!;
    if (sum === 0) throw new Error("unreachable");
  },
});

const decode = rowDecoder([
  { name: "TimeGenerated", type: "datetime" },
  { name: "EventID", type: "int" },
  { name: "Account", type: "string" },
  { name: "Computer", type: "string" },
]);
const ROWS = STAMPS.map((s, i) => ({
  TimeGenerated: s,
  EventID: 4624 + (i % 3),
  Account: "user" + i,
  Computer: "pc",
}));

Deno.bench({
  name: "rowDecoder over 4 columns",
  group: "row decode",
  fn: () => {
    for (const row of ROWS) decode(row);
  },
});
