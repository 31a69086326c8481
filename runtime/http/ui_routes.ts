/**
 * The web UI's static files, open without a token (the UI asks for one and sends it with each API call):
 * `GET /` is `ui/index.html`, `GET /ui/app.js` the bundle of `ui/main.ts` (Deno's bundler, built once per process
 * on the first page load into a temporary folder removed at exit, unless a built one is given), `GET /ui/styles.css` the theme. Every answer carries a
 * strict Content-Security-Policy: everything from this origin only, no inline script or style, no framing.
 */
import type { Hono } from "hono";
import { join } from "node:path";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";

const UI_DIR = new URL("../../ui/", import.meta.url).pathname;
const REPO_DIR = new URL("../../", import.meta.url).pathname;

/** The policy for every UI answer; `data:` images only for the empty favicon. */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": UI_CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  // No build hash in the names: always revalidate, so a restart with a new bundle is picked up.
  "Cache-Control": "no-cache",
};

/**
 * Bundle `ui/main.ts` for the browser.
 *
 * @param outDir the folder to write `app.js` into
 * @returns the path of the bundle
 */
export async function bundleUi(outDir: string): Promise<string> {
  await Deno.mkdir(outDir, { recursive: true });
  const outFile = join(outDir, "app.js");
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "browser", "--minify", "-o", outFile, join(UI_DIR, "main.ts")],
    cwd: REPO_DIR,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) {
    throw new Error(`Bundling the web UI failed: ${new TextDecoder().decode(out.stderr).trim()}`);
  }
  return outFile;
}

/**
 * Routes for the web UI.
 *
 * @param options `bundleDir`: a folder that already holds `app.js` (from `bundleUi`); when it is unset or holds
 *   none, the UI is bundled into it (or a temporary folder) on the first request
 * @returns the route module (open routes only)
 */
export function uiRoutes(options: { bundleDir?: string } = {}): RouteModule {
  let bundled: Promise<string> | undefined;
  const bundle = () => {
    bundled ??= (async () => {
      if (options.bundleDir) {
        const existing = join(options.bundleDir, "app.js");
        return await isFile(existing) ? existing : await bundleUi(options.bundleDir);
      }
      const dir = await Deno.makeTempDir({ prefix: "siem-ui-" });
      // The temporary bundle goes with the process (the event fires on a normal exit and on Deno.exit).
      globalThis.addEventListener("unload", () => {
        try {
          Deno.removeSync(dir, { recursive: true });
        } catch {
          // already gone
        }
      });
      return await bundleUi(dir);
    })();
    // A failed build is retried on the next request rather than cached forever.
    bundled.catch(() => bundled = undefined);
    return bundled;
  };
  const file = async (path: string, type: string) =>
    new Response(await Deno.readFile(path), { headers: { ...SECURITY_HEADERS, "Content-Type": type } });
  return {
    open(app: Hono) {
      // Built on the first page load rather than at start: processes that never serve a browser (every
      // API test, detection-only workers) then spend no time bundling; the page's script request follows at once.
      app.get("/", () => {
        bundle().catch(() => {});
        return file(join(UI_DIR, "index.html"), "text/html; charset=utf-8");
      });
      app.get("/ui/styles.css", () => file(join(UI_DIR, "styles.css"), "text/css; charset=utf-8"));
      app.get("/ui/app.js", async () => {
        let path: string;
        try {
          path = await bundle();
        } catch (error) {
          throw new HttpError(503, "ui_unavailable", (error as Error).message);
        }
        return file(path, "text/javascript; charset=utf-8");
      });
    },
  };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}
