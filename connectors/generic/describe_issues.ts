import type * as v from "valibot";

/**
 * One sentence-case message from valibot's issues, naming the path of the first bad field, e.g.
 * `Invalid CloudTrail record: "eventTime" expected string but received 12`.
 *
 * @param what What failed validation (e.g. `CloudTrail record`).
 * @param issues valibot's issues of a failed safeParse.
 * @returns The message.
 * @example
 * ```ts
 * import * as v from "valibot";
 * const result = v.safeParse(v.object({ a: v.string() }), { a: 1 });
 * if (!result.success) describeIssues("record", result.issues); // 'Invalid record: "a" expected string but received 1'
 * ```
 */
export function describeIssues(what: string, issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return `Invalid ${what}`;
  const path = issue.path?.map((item) => String(item.key)).join(".") ?? "";
  if (issue.received === "undefined" && path) return `Invalid ${what}: "${path}" is missing`;
  const detail = issue.expected ? `expected ${issue.expected} but received ${issue.received}` : issue.message;
  return `Invalid ${what}: ${path ? `"${path}" ` : ""}${detail}`;
}
