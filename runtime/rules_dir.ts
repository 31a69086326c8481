/**
 * `SIEM_RULES_DIR`: Sentinel rule files loaded at start and kept in sync. Every `.yaml`/`.yml` file below the
 * folder is validated; valid rules are written to the rule store (only when their text changed), invalid ones are
 * logged with every problem and never stop the others. A rule whose file disappears is deleted; rules that came
 * from the API are never touched.
 */
import { join, relative } from "node:path";
import type { Catalog } from "../query/mod.ts";
import { validateRule } from "../streams/rules/mod.ts";
import type { Logger } from "./log.ts";
import type { RuleStore } from "./nats/rule_store.ts";

/** What one sync did. */
export interface RulesDirSync {
  readonly loaded: number;
  readonly unchanged: number;
  readonly invalid: number;
  readonly removed: number;
}

async function ruleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await ruleFiles(path));
    else if (entry.isFile && /\.ya?ml$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

/**
 * Load the folder into the store once.
 *
 * @param dir the rules folder
 * @param options the store and a logger
 * @returns counts
 */
export async function syncRulesDir(
  dir: string,
  options: { store: RuleStore; logger: Logger; catalog?: () => Catalog },
): Promise<RulesDirSync> {
  const { store, logger } = options;
  const counts = { loaded: 0, unchanged: 0, invalid: 0, removed: 0 };
  const seen = new Set<string>();
  for (const path of await ruleFiles(dir)) {
    const origin = `file:${relative(dir, path)}`;
    let text: string;
    try {
      text = await Deno.readTextFile(path);
    } catch (error) {
      logger.warn("Cannot read rule file", { path, error });
      counts.invalid++;
      continue;
    }
    const result = validateRule(text, { catalog: options.catalog?.() });
    if (!result.ok || !result.rule) {
      counts.invalid++;
      logger.warn("Rule file refused", {
        path,
        id: result.id,
        problems: result.problems.filter((p) => p.severity === "error").map((p) =>
          `${p.line}:${p.column} ${p.message}`
        ),
      });
      continue;
    }
    const id = result.rule.id;
    const existing = store.get(id);
    if (existing && existing.origin !== origin && !existing.origin.startsWith("file:")) {
      logger.warn("Rule file skipped: a rule with its id was created through the API", { path, id });
      continue;
    }
    seen.add(id);
    if (existing?.source === text && existing.origin === origin) {
      counts.unchanged++;
      continue;
    }
    await store.put({
      id,
      rule: result.rule,
      source: text,
      enabled: existing?.enabled ?? true,
      mode: result.mode,
      origin,
      updatedAt: new Date().toISOString(),
    });
    counts.loaded++;
  }
  for (const rule of store.list()) {
    if (rule.origin.startsWith("file:") && !seen.has(rule.id)) {
      await store.delete(rule.id);
      counts.removed++;
    }
  }
  logger.info("Rules folder synced", { dir, ...counts });
  return counts;
}

/**
 * Sync now, then again whenever something in the folder changes (debounced).
 *
 * @param dir the rules folder
 * @param options the store and a logger
 * @returns a function that stops watching
 */
export async function watchRulesDir(
  dir: string,
  options: { store: RuleStore; logger: Logger; debounceMs?: number; catalog?: () => Catalog },
): Promise<{ stop(): void; first: RulesDirSync }> {
  const first = await syncRulesDir(dir, options);
  const watcher = Deno.watchFs(dir, { recursive: true });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  (async () => {
    for await (const _event of watcher) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(() => syncRulesDir(dir, options).then(() => {})).catch((error) =>
          options.logger.error("Rules folder sync failed", { dir, error })
        );
      }, options.debounceMs ?? 250);
    }
  })();
  return {
    first,
    stop() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
