/**
 * Parse time: our KQL parser against Microsoft's `@kusto/language-service-next` (the baseline) on the same
 * seeded corpus of Sentinel-shaped queries. Target: at least 20x faster.
 *
 *   npx -y deno@2 bench -A bench/parse_bench.ts
 */
import { parseQuery } from "../query/parse/mod.ts";
import { QueryGenerator, Rng } from "../tests/kql_parse_corpus.ts";
import { kustoAvailable, kustoParse } from "../tests/kql_parse_oracle.ts";

const generator = new QueryGenerator(new Rng(42));
const QUERIES = Array.from({ length: 200 }, () => generator.query());
const CHARS = QUERIES.reduce((n, q) => n + q.length, 0);

if (kustoAvailable()) {
  // Load and warm up outside the measurement: the Bridge.NET runtime takes about a second to start.
  for (const q of QUERIES) kustoParse(q);
  Deno.bench({
    name: `Kusto.Language KustoCode.Parse (${QUERIES.length} queries, ${CHARS} chars)`,
    group: "parse",
    baseline: true,
    fn() {
      for (const q of QUERIES) kustoParse(q);
    },
  });
}

Deno.bench({
  name: `parseQuery (${QUERIES.length} queries, ${CHARS} chars)`,
  group: "parse",
  baseline: !kustoAvailable(),
  fn() {
    for (const q of QUERIES) parseQuery(q);
  },
});
