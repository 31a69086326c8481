/**
 * `siem start [--roles ingest,detect,api,ui]`: run the SIEM until SIGINT or SIGTERM.
 */
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { type Role, ROLES, startSiem } from "../main.ts";
import { NatsServerMissingError, NatsServerStartError } from "../nats/embedded.ts";
import { type CommandIo, UsageError } from "./io.ts";

/**
 * Parse `--roles a,b` (or `--roles=a,b`).
 *
 * @param args the command's arguments
 * @returns the roles, all when not given
 */
export function parseRoles(args: string[]): Role[] {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--roles") value = args[++i];
    else if (arg.startsWith("--roles=")) value = arg.slice("--roles=".length);
    else throw new UsageError(`Unknown argument '${arg}' for 'start': use --roles ${ROLES.join(",")}`);
    if (value === undefined) {
      throw new UsageError(`Missing value for --roles: use a list such as ${ROLES.join(",")}`);
    }
  }
  if (value === undefined) return [...ROLES];
  const roles = value.split(",").map((r) => r.trim()).filter((r) => r !== "");
  const bad = roles.find((r) => !(ROLES as readonly string[]).includes(r));
  if (bad !== undefined || roles.length === 0) {
    throw new UsageError(`Invalid role '${bad ?? ""}': use one or more of ${ROLES.join(", ")}`);
  }
  return roles as Role[];
}

/** Run `start`. */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const roles = parseRoles(args);
  let config;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let siem;
  try {
    siem = await startSiem(config, { logger, roles });
  } catch (error) {
    if (error instanceof NatsServerMissingError || error instanceof NatsServerStartError) {
      io.stderr(error.message);
      return 1;
    }
    if (error instanceof Deno.errors.AddrInUse) {
      io.stderr(`Cannot start: address already in use: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (siem.adminTokenGenerated) {
    io.stderr(`Generated an admin API token (stored in ${config.dataDir}/admin-token): ${siem.adminToken}`);
  }
  const fields = [`http=${siem.httpUrl}`, `nats=${siem.natsUrl}`];
  if (siem.syslogAddress) fields.push(`syslog=${siem.syslogAddress}`);
  io.stdout(`siem ready ${fields.join(" ")}`);

  const done = Promise.withResolvers<string>();
  const onSignal = (signal: Deno.Signal) => () => done.resolve(signal);
  const handlers = (["SIGINT", "SIGTERM"] as const).map((s) => {
    const handler = onSignal(s);
    Deno.addSignalListener(s, handler);
    return [s, handler] as const;
  });
  const reason = await done.promise;
  await siem.stop(reason);
  for (const [s, h] of handlers) Deno.removeSignalListener(s, h);
  return 0;
}
