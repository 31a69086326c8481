/**
 * Microsoft's own KQL parser (`@kusto/language-service-next`, a Bridge.NET build) as a test and bench oracle.
 * It is loaded lazily from node_modules by evaluating its two scripts in the global scope, as its README says.
 * Tests and benches only: production code never depends on it.
 */

/** One diagnostic from Kusto's parser. */
export interface KustoDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly start: number;
  readonly length: number;
}

// A static import of the package's manifest makes Deno install the package (nodeModulesDir "auto") wherever
// these tests run; the scripts themselves are evaluated below, since they are not modules.
import kustoPackage from "@kusto/language-service-next/package.json" with { type: "json" };

// deno-lint-ignore no-explicit-any
type KustoLanguage = any;

let loaded: KustoLanguage | undefined;

/** The installed package folder. */
function packageDir(): URL {
  return new URL("./", import.meta.resolve("@kusto/language-service-next/package.json"));
}

/** Whether the oracle package is installed and loadable (tests that need it are skipped otherwise). */
export function kustoAvailable(): boolean {
  try {
    Deno.statSync(new URL(kustoPackage.main, packageDir()));
    return true;
  } catch {
    return false;
  }
}

/** Load `Kusto.Language` once (about a second). */
export function loadKusto(): KustoLanguage {
  if (loaded) return loaded;
  const g = globalThis as Record<string, unknown>;
  // The Bridge.NET runtime expects to be evaluated as a classic script in the global scope.
  (0, eval)(Deno.readTextFileSync(new URL("bridge.js", packageDir())));
  (0, eval)(Deno.readTextFileSync(new URL("Kusto.Language.Bridge.js", packageDir())));
  // deno-lint-ignore no-explicit-any
  loaded = (g.Kusto as any).Language;
  return loaded;
}

/** Parse with Kusto and return its diagnostics (syntax only: `KustoCode.Parse` does not bind). */
export function kustoDiagnostics(query: string): KustoDiagnostic[] {
  const code = loadKusto().KustoCode.Parse(query);
  const list = code.GetDiagnostics();
  const out: KustoDiagnostic[] = [];
  for (let i = 0; i < list.Count; i++) {
    const d = list.getItem(i);
    if (d.Severity !== "Error") continue;
    out.push({ code: d.Code, message: d.Message, start: d.Start, length: d.Length });
  }
  return out;
}

/** Parse with Kusto only (for benchmarks): returns the parsed code object. */
export function kustoParse(query: string): unknown {
  return loadKusto().KustoCode.Parse(query);
}
