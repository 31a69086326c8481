/**
 * Measures parser coverage on real Sentinel analytic-rule queries: of the queries Microsoft's parser accepts
 * syntactically, the share that also parse here without a diagnostic (target >= 97%).
 *
 * The queries are not in the repository (they belong to the public Azure-Sentinel repository): point
 * `KQL_SENTINEL_RULES_DIR` at a folder of `*.kql` files, one query each. Skipped when the variable is unset.
 *
 *   KQL_SENTINEL_RULES_DIR=/tmp/sentinel-rules npx -y deno@2 test -A tests/kql_parse_sentinel_test.ts
 */
import { parseQuery } from "../query/parse/mod.ts";
import { kustoAvailable, kustoDiagnostics } from "./kql_parse_oracle.ts";

const dir = Deno.env.get("KQL_SENTINEL_RULES_DIR");

Deno.test({
  name: "parseQuery accepts >= 97% of the Sentinel rule queries that Kusto accepts",
  ignore: !dir || !kustoAvailable(),
  fn() {
    const files = [...Deno.readDirSync(dir!)].filter((e) => e.name.endsWith(".kql")).map((e) => e.name)
      .sort();
    let kustoOk = 0, bothOk = 0, kustoRejects = 0, weRejectToo = 0;
    const failures: string[] = [];
    for (const name of files) {
      const text = Deno.readTextFileSync(`${dir}/${name}`);
      const kusto = kustoDiagnostics(text);
      const ours = parseQuery(text).diagnostics;
      if (kusto.length === 0) {
        kustoOk++;
        if (ours.length === 0) bothOk++;
        else {failures.push(
            `${name}: ${ours[0].code} ${ours[0].message} at ${ours[0].span.start}: ` +
              JSON.stringify(text.slice(Math.max(0, ours[0].span.start - 40), ours[0].span.start + 40)),
          );}
      } else {
        kustoRejects++;
        if (ours.length > 0) weRejectToo++;
      }
    }
    const rate = kustoOk === 0 ? 1 : bothOk / kustoOk;
    console.log(
      `queries: ${files.length}; Kusto accepts ${kustoOk}, of which we accept ${bothOk} (${
        (rate * 100).toFixed(1)
      }%); ` +
        `Kusto rejects ${kustoRejects}, of which we reject ${weRejectToo}`,
    );
    for (const f of failures) console.log("  not accepted:", f);
    if (rate < 0.97) throw new Error(`Coverage ${(rate * 100).toFixed(1)}% is below the 97% target`);
  },
});
