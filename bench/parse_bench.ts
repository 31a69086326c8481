/**
 * Parse time: our KQL parser against Microsoft's `@kusto/language-service-next` (the baseline) on the same
 * queries in one run. Target: at least 20x faster.
 *
 * Group "parse": a seeded corpus of Sentinel-shaped queries. Group "parse-sentinel": real Sentinel rule queries
 * from `KQL_SENTINEL_RULES_DIR` (`*.kql`, not in the repository), when that variable is set.
 *
 *   npx -y deno@2 bench -A bench/parse_bench.ts
 *   KQL_SENTINEL_RULES_DIR=/tmp/sentinel-rules npx -y deno@2 bench -A bench/parse_bench.ts
 */
import { parseQuery } from "../query/parse/mod.ts";
import { QueryGenerator, Rng } from "../tests/kql_parse_corpus.ts";
import { kustoAvailable, kustoParse } from "../tests/kql_parse_oracle.ts";

function benchGroup(group: string, queries: readonly string[]): void {
  const chars = queries.reduce((n, q) => n + q.length, 0);
  const label = `${queries.length} queries, ${chars} chars`;
  const withKusto = kustoAvailable();
  if (withKusto) {
    // Load and warm up outside the measurement: the Bridge.NET runtime takes about a second to start.
    for (const q of queries) kustoParse(q);
    Deno.bench({
      name: `Kusto.Language KustoCode.Parse (${label})`,
      group,
      baseline: true,
      fn() {
        for (const q of queries) kustoParse(q);
      },
    });
  }
  Deno.bench({
    name: `parseQuery (${label})`,
    group,
    baseline: !withKusto,
    fn() {
      for (const q of queries) parseQuery(q);
    },
  });
}

const generator = new QueryGenerator(new Rng(42));
benchGroup("parse", Array.from({ length: 200 }, () => generator.query()));

const rulesDir = Deno.env.get("KQL_SENTINEL_RULES_DIR");
if (rulesDir) {
  const rules = [...Deno.readDirSync(rulesDir)]
    .filter((e) => e.name.endsWith(".kql"))
    .map((e) => Deno.readTextFileSync(`${rulesDir}/${e.name}`));
  benchGroup("parse-sentinel", rules);
}
