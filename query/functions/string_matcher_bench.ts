import { compileStringMatcher } from "./string_matcher.ts";
import { has } from "./string_predicates.ts";

// Seeded fixture: command lines as SecurityEvent rows carry them.
const LINES = Array.from(
  { length: 1000 },
  (_, i) =>
    i % 10 === 0
      ? `C:\\Windows\\System32\\cmd.exe /c whoami /priv ${i}`
      : `"C:\\Program Files\\App${i}\\app.exe" --flag=${i} --user=svc_account${i % 7}`,
);

Deno.bench({
  name: "hand-written: toLowerCase + indexOf",
  group: "has 'whoami'",
  baseline: true,
  fn: () => {
    let n = 0;
    for (const s of LINES) if (s.toLowerCase().includes("whoami")) n++;
    if (n !== 100) throw new Error("fixture");
  },
});

Deno.bench({
  name: "has() predicate",
  group: "has 'whoami'",
  fn: () => {
    let n = 0;
    for (const s of LINES) if (has(s, "whoami")) n++;
    if (n !== 100) throw new Error("fixture");
  },
});

const matcher = compileStringMatcher("has", "whoami")!;
Deno.bench({
  name: "compiled matcher",
  group: "has 'whoami'",
  fn: () => {
    let n = 0;
    for (const s of LINES) if (matcher(s)) n++;
    if (n !== 100) throw new Error("fixture");
  },
});
