import assert from "node:assert/strict";
import { renameKeys } from "./rename_keys.ts";
import { compactRow } from "./compact_row.ts";

Deno.test("renameKeys PascalCases field names, applies overrides and drops null overrides", () => {
  assert.deepEqual(
    renameKeys({ userPrincipalName: "u", ipAddress: "1.2.3.4", secret: "x" }, {
      ipAddress: "IPAddress",
      secret: null,
    }),
    {
      UserPrincipalName: "u",
      IPAddress: "1.2.3.4",
    },
  );
  assert.deepEqual(renameKeys({ toString: 1 }), { ToString: 1 }, "own keys only, no prototype lookups");
});

Deno.test("compactRow leaves out null and undefined but keeps false, 0 and empty objects", () => {
  assert.deepEqual(compactRow({ a: null, b: undefined, c: false, d: 0, e: {} }), { c: false, d: 0, e: {} });
});
