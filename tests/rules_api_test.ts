/**
 * Analytic rules through the HTTP API and SIEM_RULES_DIR against a real `siem start`: validation with positions,
 * revisions with If-Match, enable/disable, deletion, and the folder kept in sync.
 */
import assert from "node:assert/strict";
import { Kvm } from "@nats-io/kv";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULES = new URL("./testdata/rules/", import.meta.url).pathname;
const BRUTE_FORCE_ID = "6f1e2d3c-0001-4a5b-9c8d-111111111111";

Deno.test("rules API: put, read, validate, conflict, disable, delete", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const yaml = await Deno.readTextFile(`${RULES}/brute_force.yaml`);
  const put = await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`, { method: "PUT", body: yaml });
  assert.equal(put.status, 201);
  const etag = put.headers.get("ETag");
  assert.match(etag ?? "", /^"\d+"$/);
  const created = await put.json();
  assert.equal(created.name, "Windows brute force against one account");
  assert.equal(created.mode, "incremental");
  assert.equal(created.enabled, true);

  const list = await (await siem.api("/api/v1/rules")).json();
  assert.deepEqual(list.rules.map((r: { id: string }) => r.id), [BRUTE_FORCE_ID]);
  const one = await (await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`)).json();
  assert.equal(one.source, yaml);
  assert.equal(one.rule.queryPeriod, 3_600_000_000);

  // The workers' contract: rule id -> rule JSON in KV siem_rules.
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc = await connectNats([siem.natsUrl], { user: "siem", password });
  try {
    const kv = await new Kvm(nc).open("siem_rules");
    const entry = await kv.get(BRUTE_FORCE_ID);
    assert.equal(
      entry?.json<{ rule: { name: string } }>().rule.name,
      "Windows brute force against one account",
    );
  } finally {
    await nc.close();
  }

  // Invalid rules are refused with positions in the file.
  const bad = yaml.replace("TargetAccount, Computer", "TargetAcount, Computer").replace(
    "queryPeriod: 1h",
    "queryPeriod: an hour",
  );
  const refused = await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`, { method: "PUT", body: bad });
  assert.equal(refused.status, 400);
  const body = await refused.json();
  assert.equal(body.error.code, "invalid_rule");
  assert.ok(body.problems.length >= 2, JSON.stringify(body.problems));
  assert.ok(
    body.problems.some((p: { line: number; message: string }) =>
      p.line === 8 && /queryPeriod/.test(p.message)
    ),
  );
  assert.ok(
    body.problems.some((p: { line: number; message: string }) =>
      p.line === 18 && /TargetAcount/.test(p.message)
    ),
  );

  const validate = await (await siem.api("/api/v1/rules/validate", { method: "POST", body: bad })).json();
  assert.equal(validate.ok, false);

  const mismatch = await siem.api("/api/v1/rules/other-id", { method: "PUT", body: yaml });
  assert.equal(mismatch.status, 400);
  assert.equal((await mismatch.json()).error.code, "id_mismatch");

  // If-Match: the current revision wins, a stale one gets 412.
  const edited = yaml.replace("severity: Medium", "severity: High");
  const ok = await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`, {
    method: "PUT",
    body: edited,
    headers: { "If-Match": etag! },
  });
  assert.equal(ok.status, 200);
  await ok.body?.cancel();
  const stale = await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`, {
    method: "PUT",
    body: yaml,
    headers: { "If-Match": etag! },
  });
  assert.equal(stale.status, 412);
  assert.equal((await stale.json()).error.code, "precondition_failed");

  const disabled = await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`, {
    method: "PATCH",
    body: '{"enabled":false}',
  });
  assert.equal(disabled.status, 200);
  assert.equal((await disabled.json()).enabled, false);

  assert.equal((await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`, { method: "DELETE" })).status, 204);
  const gone = await siem.api(`/api/v1/rules/${BRUTE_FORCE_ID}`);
  assert.equal(gone.status, 404);
  await gone.body?.cancel();
});

Deno.test("SIEM_RULES_DIR loads valid rules, refuses invalid ones, and follows changes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-rules-" });
  try {
    await Deno.copyFile(`${RULES}/brute_force.yaml`, `${dir}/brute_force.yaml`);
    await Deno.writeTextFile(
      `${dir}/broken.yaml`,
      "id: x\nname: broken\nseverity: Urgent\nkind: NRT\nquery: Nope\n",
    );
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: dir } });
    const ids = async () =>
      (await (await siem.api("/api/v1/rules")).json()).rules.map((r: { id: string }) => r.id);
    assert.deepEqual(await ids(), [BRUTE_FORCE_ID]);
    assert.match(siem.stderr(), /Rule file refused/);

    await Deno.copyFile(`${RULES}/root_console_login.yaml`, `${dir}/nested.yaml`);
    assert.ok(await waitFor(async () => (await ids()).length === 2, 10_000), "new rule file not picked up");
    await Deno.remove(`${dir}/brute_force.yaml`);
    assert.ok(
      await waitFor(
        async () => JSON.stringify(await ids()) === JSON.stringify(["6f1e2d3c-0002-4a5b-9c8d-222222222222"]),
        10_000,
      ),
      "removed rule file still loaded",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the built-in rule pack is installed at start and keeps an analyst's disable across restarts", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "siem-builtin-" });
  try {
    const env = { SIEM_SYSLOG_PORT: "off", SIEM_BUILTIN_RULES: "on" };
    let disabledId: string;
    {
      await using siem = await startSiemProcess({ env, dataDir });
      const { rules } = await (await siem.api("/api/v1/rules")).json();
      assert.ok(rules.length >= 10, `only ${rules.length} built-in rules`);
      assert.ok(
        rules.every((r: { origin: string; enabled: boolean }) => r.origin === "builtin" && r.enabled),
      );
      disabledId = rules[0].id;
      const res = await siem.api(`/api/v1/rules/${disabledId}`, {
        method: "PATCH",
        body: '{"enabled":false}',
      });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    }
    await using again = await startSiemProcess({ env, dataDir });
    const { rules } = await (await again.api("/api/v1/rules")).json();
    assert.equal(rules.find((r: { id: string }) => r.id === disabledId).enabled, false);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
