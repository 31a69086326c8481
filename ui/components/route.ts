/** The page's address: hash routes, so that the server serves one `index.html` and reload keeps the page. */

/** A parsed route. */
export type Route =
  | { readonly page: "overview" }
  | { readonly page: "alerts"; readonly severity: string; readonly alertId: string }
  | { readonly page: "incidents"; readonly status: string }
  | { readonly page: "incident"; readonly incidentId: string }
  | { readonly page: "hunting" }
  | { readonly page: "rules" }
  | { readonly page: "rule"; readonly ruleId: string }
  | { readonly page: "workbooks" }
  | { readonly page: "workbook"; readonly workbookId: string; readonly edit: boolean };

/**
 * Parse `location.hash`.
 *
 * @param hash e.g. `#/alerts?severity=High`
 * @returns the route; anything unknown is the overview
 */
export function parseRoute(hash: string): Route {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const params = new URLSearchParams(query);
  const [page, id] = path.split("/", 2).map((p) => safeDecode(p ?? ""));
  switch (page) {
    case "alerts":
      return { page: "alerts", severity: params.get("severity") ?? "", alertId: id ?? "" };
    case "incidents":
      return id
        ? { page: "incident", incidentId: id }
        : { page: "incidents", status: params.get("status") ?? "" };
    case "hunting":
      return { page: "hunting" };
    case "rules":
      return id ? { page: "rule", ruleId: id } : { page: "rules" };
    case "workbooks":
      return id
        ? { page: "workbook", workbookId: id, edit: params.get("edit") === "1" }
        : { page: "workbooks" };
    default:
      return { page: "overview" };
  }
}

/**
 * Take a `token` query parameter out of the page address, as Jupyter does, so it leaves no trace in the history.
 *
 * @param href the page address
 * @returns the token (if any) and the address without it
 */
export function takeTokenFromUrl(href: string): { token: string | null; cleanUrl: string } {
  const url = new URL(href);
  const token = url.searchParams.get("token");
  url.searchParams.delete("token");
  return { token: token || null, cleanUrl: url.pathname + url.search + url.hash };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
