/**
 * The I/O a CLI command gets: stdin as a stream, line writers for stdout and stderr. Commands return their exit
 * code instead of exiting, so tests can run them in-process.
 */

/** Streams of a command. */
export interface CommandIo {
  readonly stdin: ReadableStream<Uint8Array>;
  /** Write one line (a newline is added) to stdout: results only. */
  stdout(line: string): void;
  /** Write one line to stderr: messages for people. */
  stderr(line: string): void;
  /** The process environment. */
  readonly env: Record<string, string | undefined>;
}

/** A `siem` subcommand. */
export type Command = (args: string[], io: CommandIo) => Promise<number>;

/** A mistake in how a command was called (unknown flag, missing argument): printed without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Read all of stdin as text. */
export async function readAllText(stdin: ReadableStream<Uint8Array>): Promise<string> {
  return await new Response(stdin).text();
}
