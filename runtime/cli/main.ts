/**
 * The `siem` command line (CONTRACTS.md section 6). Each subcommand lives in its own module, loaded on demand so
 * that `siem kql check` does not pay for NATS or HTTP.
 *
 * User errors print one line on stderr and exit 1; only a bug prints a stack trace.
 */
import { type Command, type CommandIo, UsageError } from "./io.ts";

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  start: { summary: "run the SIEM (--roles ingest,detect,api,ui)", load: () => import("./start.ts") },
  kql: { summary: "check | explain | eval a KQL query read from stdin", load: () => import("./kql.ts") },
  rules: {
    summary: "validate PATH... (Sentinel rule YAML files or folders)",
    load: () => import("./rules.ts"),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ["Usage: siem <command> [arguments]", "", "Commands:", ...lines].join("\n");
}

/**
 * Run the CLI.
 *
 * @param args the arguments after the program name
 * @param io the command's streams
 * @returns the exit code
 */
export async function main(args: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.stderr : io.stdout)(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`Unknown command '${name}'\n${usage()}`);
    return 1;
  }
  try {
    return await (await command.load()).run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(error.message);
      return 1;
    }
    throw error;
  }
}

if (import.meta.main) {
  const encoder = new TextEncoder();
  const writeLine = (file: typeof Deno.stdout) => (line: string) => {
    try {
      const bytes = encoder.encode(line + "\n");
      for (let written = 0; written < bytes.length;) written += file.writeSync(bytes.subarray(written));
    } catch {
      // the reader went away (e.g. `| head`): nothing useful left to do with the line
    }
  };
  const code = await main(Deno.args, {
    stdin: Deno.stdin.readable,
    stdout: writeLine(Deno.stdout),
    stderr: writeLine(Deno.stderr),
    env: Deno.env.toObject(),
  });
  Deno.exit(code);
}
