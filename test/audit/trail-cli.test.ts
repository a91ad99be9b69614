// `federa trail` as a user runs it (node bin/federa.js trail …) against a data directory filled
// through the audit repository: newest first, every filter, the table and JSON Lines outputs, the
// default data directory, and usage errors with exit code 2.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { toAuditRow, toCloudTrailEvent, type CloudTrailEvent, type TrailCaller } from "../../src/audit/index.ts";
import { openSqliteStore } from "../../src/store/index.ts";
import type { ApiCallRecord } from "../../src/protocol/index.ts";

const ROOT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const HOUR = 3_600_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function federa(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT_DIR): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(ROOT_DIR, "bin", "federa.js"), ...args], { cwd, env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const json = (run: Run): CloudTrailEvent[] =>
  run.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CloudTrailEvent);

const root: TrailCaller = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", accountId: "111122223333", arn: "arn:aws:iam::111122223333:root", userId: "111122223333", principal: { type: "root" } };
const alice: TrailCaller = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  accountId: "111122223333",
  arn: "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice@corp.example.test",
  userId: "AROAIDPPEZS35WEXAMPLE:alice@corp.example.test",
  principal: { type: "assumed-role" },
  session: { roleArn: "arn:aws:iam::111122223333:role/ADFS-Developers", roleId: "AROAIDPPEZS35WEXAMPLE", roleName: "ADFS-Developers" },
};

/** The data directory is <base>/.federa, so that <base> as the working directory finds it by default. */
let base: string;
let dataDir: string;
const now = Date.now();
/** [hours ago, service, operation, caller, error code] — oldest first. */
const CALLS: [number, string, string, TrailCaller | undefined, string | undefined][] = [
  [30, "sts", "AssumeRoleWithSAML", undefined, undefined],
  [5, "kms", "Encrypt", alice, undefined],
  [4, "kms", "Decrypt", alice, "AccessDeniedException"],
  [3, "iam", "CreateRole", root, undefined],
  [1.5, "kms", "Decrypt", root, undefined],
  [0.5, "sts", "GetCallerIdentity", alice, undefined],
];
const at = (hoursAgo: number) => new Date(Math.floor((now - hoursAgo * HOUR) / 1000) * 1000);

before(async () => {
  base = mkdtempSync(join(tmpdir(), "federa-trail-cli-"));
  dataDir = join(base, ".federa");
  mkdirSync(dataDir, { mode: 0o700 });
  const store = openSqliteStore(join(dataDir, "federa.db"));
  for (const [hoursAgo, service, operation, caller, errorCode] of CALLS) {
    const record: ApiCallRecord<TrailCaller> = {
      service,
      operation,
      caller,
      requestId: `req-${operation}-${hoursAgo}`,
      time: at(hoursAgo),
      region: "us-east-1",
      sourceIp: "127.0.0.1",
      userAgent: "aws-cli/2",
      secureTransport: false,
      trail: operation === "AssumeRoleWithSAML" ? { userIdentity: { type: "SAMLUser", userName: "CORP\\alice" } } : { requestParameters: { keyId: "alias/lab" } },
      ...(errorCode ? { error: { code: errorCode, message: "User: … is not authorized to perform: kms:Decrypt", status: 400 } } : {}),
    };
    await store.audit.append(toAuditRow(toCloudTrailEvent(record)));
  }
  await store.close();
});
after(() => rmSync(base, { recursive: true, force: true }));

describe("federa trail", () => {
  test("--json: every event whole, one per line, newest first", async () => {
    const run = await federa(["trail", "--data-dir", dataDir, "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const events = json(run);
    assert.deepEqual(events.map((e) => e.eventName), ["GetCallerIdentity", "Decrypt", "CreateRole", "Decrypt", "Encrypt", "AssumeRoleWithSAML"]);
    assert.equal(events[0]?.eventVersion, "1.11");
    assert.equal(events[0]?.userIdentity.sessionContext?.sessionIssuer.arn, "arn:aws:iam::111122223333:role/ADFS-Developers");
    assert.deepEqual(events[1]?.requestParameters, { keyId: "alias/lab" });
  });

  test("filters: event source, event name, user, errors, limit, and their combinations", async () => {
    const names = async (...args: string[]) => {
      const run = await federa(["trail", "--data-dir", dataDir, "--json", ...args]);
      assert.equal(run.code, 0, run.stderr);
      return json(run).map((e) => `${e.eventSource.split(".")[0]}:${e.eventName}`);
    };
    const [bySource, bySourceLong, byName, byUser, errors, limited, combined] = await Promise.all([
      names("--event-source", "kms"),
      names("--event-source", "sts.amazonaws.com"),
      names("--event-name", "Decrypt"),
      names("--user", "assumed-role/ADFS-Developers"),
      names("--errors"),
      names("--limit", "2"),
      names("--event-source", "kms", "--event-name", "Decrypt", "--user", ":root"),
    ]);
    assert.deepEqual(bySource, ["kms:Decrypt", "kms:Decrypt", "kms:Encrypt"]);
    assert.deepEqual(bySourceLong, ["sts:GetCallerIdentity", "sts:AssumeRoleWithSAML"]);
    assert.deepEqual(byName, ["kms:Decrypt", "kms:Decrypt"]);
    assert.deepEqual(byUser, ["sts:GetCallerIdentity", "kms:Decrypt", "kms:Encrypt"]);
    assert.deepEqual(errors, ["kms:Decrypt"]);
    assert.deepEqual(limited, ["sts:GetCallerIdentity", "kms:Decrypt"]);
    assert.deepEqual(combined, ["kms:Decrypt"]);
  });

  test("--since and --until: ISO times and times ago", async () => {
    const names = async (...args: string[]) => json(await federa(["trail", "--data-dir", dataDir, "--json", ...args])).map((e) => e.eventName);
    const [lastTwoHours, lastDay, window, untilAgo] = await Promise.all([
      names("--since", "2h"),
      names("--since", "1d"),
      names("--since", at(4).toISOString(), "--until", at(1.5).toISOString()),
      names("--until", "240m"),
    ]);
    assert.deepEqual(lastTwoHours, ["GetCallerIdentity", "Decrypt"]);
    assert.deepEqual(lastDay, ["GetCallerIdentity", "Decrypt", "CreateRole", "Decrypt", "Encrypt"]);
    // --since is inclusive, --until exclusive.
    assert.deepEqual(window, ["CreateRole", "Decrypt"]);
    assert.deepEqual(untilAgo, ["Decrypt", "Encrypt", "AssumeRoleWithSAML"]);
  });

  test("the table: time, event source, event name, principal and error code, aligned", async () => {
    const run = await federa(["trail", "--data-dir", dataDir]);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 7);
    assert.match(lines[0]!, /^TIME\s+EVENT SOURCE\s+EVENT NAME\s+PRINCIPAL\s+ERROR$/);
    const cells = lines.slice(1).map((line) => line.split(/\s{2,}/));
    assert.deepEqual(cells[0], [at(0.5).toISOString().replace(/\.\d{3}Z$/, "Z"), "sts.amazonaws.com", "GetCallerIdentity", alice.arn, "-"]);
    assert.deepEqual(cells[3], [at(4).toISOString().replace(/\.\d{3}Z$/, "Z"), "kms.amazonaws.com", "Decrypt", alice.arn, "AccessDeniedException"]);
    // A SAML user has no ARN: its name stands in.
    assert.deepEqual(cells[5]?.slice(2), ["AssumeRoleWithSAML", "CORP\\alice", "-"]);
    // Columns line up.
    const column = lines[0]!.indexOf("EVENT NAME");
    for (const line of lines) assert.match(line.slice(column), /^[A-Z]/);

    const none = await federa(["trail", "--data-dir", dataDir, "--event-name", "ScheduleKeyDeletion"]);
    assert.equal(none.code, 0);
    assert.equal(none.stdout, "no events\n");
  });

  test("the data directory defaults as federa start's: FEDERA_DATA_DIR, else ./.federa", async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "federa-trail-cwd-"));
    try {
      const [fromEnv, fromCwd, none] = await Promise.all([
        federa(["trail", "--json", "--limit", "1"], { FEDERA_DATA_DIR: dataDir }, elsewhere),
        federa(["trail", "--json", "--limit", "1"], {}, base),
        federa(["trail", "--json"], {}, elsewhere),
      ]);
      assert.equal(fromEnv.code, 0, fromEnv.stderr);
      assert.deepEqual(json(fromEnv).map((e) => e.eventName), ["GetCallerIdentity"]);
      assert.equal(fromCwd.code, 0, fromCwd.stderr);
      assert.deepEqual(json(fromCwd).map((e) => e.eventName), ["GetCallerIdentity"]);
      assert.equal(none.code, 2);
      assert.equal(none.stderr, `federa: no federa store in ${join(elsewhere, ".federa")} (give the data directory of federa start with --data-dir)\n`);
      assert.equal(existsSync(join(elsewhere, ".federa")), false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test("--help explains each option", async () => {
    const run = await federa(["trail", "--help"]);
    assert.equal(run.code, 0, run.stderr);
    // Each option's line carries an explanation, however the help is wrapped.
    for (const option of ["--data-dir <dir>", "--event-name <name>", "--event-source <source>", "--user <text>", "--since <time>", "--until <time>", "--errors", "--limit <n>", "--json"]) {
      const line = run.stdout.split("\n").find((l) => l.trimStart().replace(/^-\w, /, "").startsWith(option + " "));
      assert.match(line ?? "", /\s{2,}\w/, option);
    }
    assert.match(run.stdout.replace(/\s+/g, " "), /a time ago \(30s, 15m, 2h, 1d, 1w\)/);
  });

  test("a bad option or value is a clear message and exit code 2, and creates nothing", async () => {
    const missing = join(dataDir, "nowhere");
    const runs = await Promise.all([
      federa(["trail", "--data-dir", dataDir, "--since", "yesterday"]),
      federa(["trail", "--data-dir", dataDir, "--limit", "0"]),
      federa(["trail", "--data-dir", dataDir, "--limit", "ten"]),
      federa(["trail", "--data-dir", dataDir, "--frobnicate"]),
      federa(["trail", "--data-dir", dataDir, "--event-source", "k m s"]),
      federa(["trail", "--data-dir", dataDir, "--since", "1h", "--until", "2h"]),
      federa(["trail", "--data-dir", missing]),
    ]);
    assert.deepEqual(runs.map((r) => r.code), [2, 2, 2, 2, 2, 2, 2]);
    assert.match(runs[0]!.stderr, /option '--since <time>' argument 'yesterday' is invalid\. expected an ISO 8601 time/);
    assert.match(runs[1]!.stderr, /--limit <n>.* expected a whole number from 1 to 10000/);
    assert.match(runs[2]!.stderr, /--limit <n>.* expected a whole number/);
    assert.match(runs[3]!.stderr, /unknown option '--frobnicate'/);
    assert.match(runs[4]!.stderr, /expected a service \(kms\)/);
    assert.match(runs[5]!.stderr, /--since must be before --until/);
    assert.match(runs[6]!.stderr, /no federa store in .*nowhere/);
    for (const run of runs) assert.equal(run.stdout, "");
    assert.equal(existsSync(missing), false);
  });
});
