/**
 * Structured JSON logs, one object per line on stderr (stdout carries only the ready line and CLI results).
 */
import type { LogLevel } from "./config.ts";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Extra fields of a log record. Errors are expanded into name, message and cause. */
export type LogFields = Record<string, unknown>;

/** A logger bound to a component name. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `component` to every record. */
  child(component: string): Logger;
}

/** Where log lines go; stderr in the process, an array in tests. */
export type LogSink = (line: string) => void;

/**
 * Create a logger.
 *
 * @param level the least severe level written
 * @param options `sink` receives each line (default: stderr); `component` tags every record
 * @returns the logger
 *
 * @example
 * ```ts
 * import { createLogger } from "./log.ts";
 * const lines: string[] = [];
 * createLogger("info", { sink: (l) => lines.push(l) }).info("started", { port: 8080 });
 * JSON.parse(lines[0]).port; // 8080
 * ```
 */
export function createLogger(
  level: LogLevel,
  options: { sink?: LogSink; component?: string; now?: () => Date } = {},
): Logger {
  const sink = options.sink ?? stderrSink;
  const now = options.now ?? (() => new Date());
  const min = RANK[level];
  const write = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[lvl] < min) return;
    const record: Record<string, unknown> = { time: now().toISOString(), level: lvl, msg };
    if (options.component) record.component = options.component;
    if (fields) {
      for (const [k, val] of Object.entries(fields)) {
        record[k] = val instanceof Error ? describeError(val) : val;
      }
    }
    sink(safeStringify(record));
  };
  return {
    debug: (m, f) => write("debug", m, f),
    info: (m, f) => write("info", m, f),
    warn: (m, f) => write("warn", m, f),
    error: (m, f) => write("error", m, f),
    child: (component) =>
      createLogger(level, {
        sink,
        now,
        component: options.component ? `${options.component}.${component}` : component,
      }),
  };
}

function describeError(error: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: error.message };
  if (error.stack) out.stack = error.stack;
  if (error.cause instanceof Error) out.cause = describeError(error.cause);
  else if (error.cause !== undefined) out.cause = String(error.cause);
  return out;
}

function safeStringify(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record, (_k, val) => (typeof val === "bigint" ? val.toString() : val));
  } catch {
    return JSON.stringify({
      time: record.time,
      level: record.level,
      msg: record.msg,
      note: "fields not serializable",
    });
  }
}

const encoder = new TextEncoder();
function stderrSink(line: string): void {
  try {
    Deno.stderr.writeSync(encoder.encode(line + "\n"));
  } catch {
    // stderr closed (parent gone): logging must never take the process down
  }
}
