/**
 * Differential test against Microsoft's parser (`@kusto/language-service-next`): on a seeded corpus of generated
 * queries and their mutations, we accept what Kusto accepts and reject what it rejects.
 *
 * Kusto's `Parse` checks the content of `datetime(...)`, `time(...)`, `guid(...)` and malformed numbers such as
 * `1abc` only later, during analysis; our parser reports those as KQL1008 at once, so that code is left out of
 * the comparison.
 */
import { parseQuery } from "../query/parse/mod.ts";
import { mutate, QueryGenerator, Rng } from "./kql_parse_corpus.ts";
import { kustoAvailable, kustoDiagnostics } from "./kql_parse_oracle.ts";

const DEFERRED_BY_KUSTO = new Set(["KQL1008"]);

interface Agreement {
  readonly total: number;
  readonly agreed: number;
  readonly disagreements: string[];
}

function compare(queries: readonly string[]): Agreement {
  let agreed = 0;
  const disagreements: string[] = [];
  for (const q of queries) {
    const kustoOk = kustoDiagnostics(q).length === 0;
    const ours = parseQuery(q).diagnostics.filter((d) => !DEFERRED_BY_KUSTO.has(d.code));
    if (kustoOk === (ours.length === 0)) agreed++;
    else {
      disagreements.push(
        `${kustoOk ? "we reject" : "we accept"} ${JSON.stringify(q)}${kustoOk ? `: ${ours[0].message}` : ""}`,
      );
    }
  }
  return { total: queries.length, agreed, disagreements };
}

function corpus(seed: number, count: number): { valid: string[]; mutated: string[] } {
  const rng = new Rng(seed);
  const generator = new QueryGenerator(rng);
  const valid: string[] = [], mutated: string[] = [];
  for (let i = 0; i < count; i++) {
    const q = generator.query();
    valid.push(q);
    mutated.push(mutate(q, rng));
  }
  return { valid, mutated };
}

function report(label: string, a: Agreement): number {
  const rate = a.agreed / a.total;
  console.log(`${label}: ${a.agreed}/${a.total} agree with Kusto (${(rate * 100).toFixed(1)}%)`);
  for (const d of a.disagreements.slice(0, 10)) console.log("  ", d);
  return rate;
}

Deno.test({
  name: "parseQuery agrees with Kusto on generated queries and their mutations",
  ignore: !kustoAvailable(),
  fn() {
    const { valid, mutated } = corpus(20240101, 300);
    const validRate = report("generated", compare(valid));
    const mutatedRate = report("mutated", compare(mutated));
    if (validRate < 0.99) throw new Error(`Agreement on generated queries ${validRate} is below 99%`);
    if (mutatedRate < 0.95) throw new Error(`Agreement on mutated queries ${mutatedRate} is below 95%`);
  },
});

Deno.test({
  name: "parseQuery agrees with Kusto on reserved words, escapes and operator chaining",
  ignore: !kustoAvailable(),
  fn() {
    const cases = [
      "T | where a == b == c",
      "T | where a == b has c",
      "T | where a has b has c",
      "T | where a in (1) == true",
      "T | where a has 'x' in (1)",
      "T | where x between (1 .. 2) and y",
      "T | where a has b + c has d",
      "T | where a has b.c has d",
      "T | where a == b has c == d",
      "T | where a =~ b == c =~ d",
      "T | where a has (b <> c) has d",
      "T | where desc == 1",
      "T | extend kind = 1",
      "T | where kind == 1",
      "T | extend count = 1",
      "let string = 1; T",
      "T | extend ['string'] = 1",
      "print a = '\\d'",
      "print a = '\\x41\\u0041\\t'",
      "T;",
      "T;;",
      ";T",
      "union (datatable(a:long)[1]), T",
      "union datatable(a:long)[1], T",
      "print",
      "T | render timechart with (title='a', ycolumns=b, c)",
      "T | render timechart with (nosuch='a')",
    ];
    const a = compare(cases);
    report("targeted", a);
    if (a.agreed !== a.total) throw new Error(`${a.total - a.agreed} targeted cases disagree with Kusto`);
  },
});
