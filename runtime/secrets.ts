/**
 * Secrets the process generates on first start and keeps in the data folder (mode 0600): the admin API token
 * and the embedded nats-server's password.
 */
import { join } from "node:path";

/** A secret and whether it was generated just now (the admin token is printed once, then). */
export interface Secret {
  readonly value: string;
  readonly generated: boolean;
}

/**
 * Read a secret file, or create it with a random value.
 *
 * @param dataDir the data folder
 * @param fileName the file inside it
 * @returns the secret
 */
export async function loadOrCreateSecret(dataDir: string, fileName: string): Promise<Secret> {
  const path = join(dataDir, fileName);
  try {
    const value = (await Deno.readTextFile(path)).trim();
    if (value.length >= 16) return { value, generated: false };
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const value = randomToken();
  await Deno.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(path, value + "\n", { mode: 0o600 });
  await Deno.chmod(path, 0o600);
  return { value, generated: true };
}

/** 32 random bytes, base64url: 256 bits. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The SHA-256 of a text, as lower-case hex (token digests, KV keys derived from long values). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
