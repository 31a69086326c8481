/**
 * A compact, span-free text rendering of a syntax tree, for golden files and round-trip comparisons. Private to
 * the parser's tests.
 */

/** Render any node as indented `Kind field=value` lines; spans are left out. */
export function dumpTree(node: unknown, indent = ""): string {
  if (node === null || typeof node !== "object") return `${indent}${formatScalar(node)}\n`;
  if (Array.isArray(node)) return node.map((n) => dumpTree(n, indent)).join("");
  const record = node as Record<string, unknown>;
  const scalars: string[] = [];
  const children: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key === "kind" || key === "span" || value === undefined) continue;
    if (value !== null && typeof value === "object" && !(key === "value" && record.kind === "Literal")) {
      if (Array.isArray(value) && value.length === 0) continue;
      children.push(`${indent}  ${key}:\n${dumpTree(value, indent + "    ")}`);
    } else {
      scalars.push(`${key}=${formatScalar(value)}`);
    }
  }
  return `${indent}${record.kind}${scalars.length ? " " + scalars.join(" ") : ""}\n${children.join("")}`;
}

function formatScalar(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}
