// KMS Encrypt of 1 KB over HTTP — SigV4 verified, authorized by the key policy, audited — with
// requests signed beforehand by the AWS SDK's signer and replayed by wrk at 32 connections, beside
// a bare node:http server on the same machine in the same run; policy evaluation of the lab's key
// policy alone; and Encrypt's rate with 100 and with 100,000 keys in the store.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { loadOrCreateFileRootKey, randomHex } from "../src/crypto/index.ts";
import { openSqliteStore } from "../src/store/index.ts";
import { defaultKeyPolicy, type KmsKey } from "../src/kms/index.ts";
import { cpuPerRequest, readCpuTimes, type CpuPerRequest } from "./cpu.ts";
import { evaluate, parsePolicy, type RequestContext } from "../src/policy/index.ts";
import { consoleKeyPolicy } from "../src/console/kms/console-policy.ts";

const ROOT = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const ACCOUNT = "111122223333";

export interface HttpRate {
  rps: number;
  p99ms: number;
  requests: number;
  non2xx: number;
  /** CPU the server used per request, where /proc tells. */
  cpu?: CpuPerRequest | undefined;
}

/** Writes `count` symmetric keys straight into a data directory's store; returns one in the middle. */
export async function seedKeys(dataDir: string, count: number, log: (m: string) => void): Promise<string> {
  const store = openSqliteStore(join(dataDir, "federa.db"));
  const rootKey = loadOrCreateFileRootKey(dataDir);
  let middle = "";
  const batch = 2000;
  for (let done = 0; done < count; done += batch) {
    const rows: { key: KmsKey; backingKeyId: string; wrapped: Buffer }[] = [];
    for (let i = done; i < Math.min(count, done + batch); i++) {
      const keyId = randomUUID();
      if (i === Math.floor(count / 2)) middle = keyId;
      const backingKeyId = randomHex(16);
      const wrapped = await rootKey.wrap(randomBytes(32), Buffer.from(`federa/kms/backing-key/${keyId}/${backingKeyId}`));
      const key: KmsKey = {
        keyId,
        arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
        accountId: ACCOUNT,
        region: "us-east-1",
        description: `bench key ${i}`,
        keySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT",
        origin: "AWS_KMS",
        keyManager: "CUSTOMER",
        state: "Enabled",
        creationDate: Date.now(),
        policy: defaultKeyPolicy(ACCOUNT),
        tags: [],
        rotation: { enabled: false, periodDays: 365, onDemandCount: 0 },
        currentBackingKeyId: backingKeyId,
      };
      rows.push({ key, backingKeyId, wrapped });
    }
    await store.kms.transaction(async (tx) => {
      for (const { key, backingKeyId, wrapped } of rows) {
        await tx.putKey({ keyId: key.keyId, accountId: ACCOUNT, region: "us-east-1", deletionAt: undefined, nextRotationAt: undefined, document: key });
        await tx.addBackingKey({ keyId: key.keyId, backingKeyId, createdAt: new Date(), wrapped, document: {} });
      }
    });
    if (count > 10_000 && (done / batch) % 10 === 0) log(`seeded ${done + rows.length} keys`);
  }
  await store.close();
  await rootKey.close();
  return middle;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

/** A wrk script that replays the requests in turn and prints "RESULT requests non2xx p99µs". */
async function encryptScript(dir: string, host: string, keyId: string, count: number): Promise<string> {
  const signer = new SignatureV4({ credentials: ROOT, region: "us-east-1", service: "kms", sha256: Sha256 });
  const entries: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify({ KeyId: keyId, Plaintext: randomBytes(1024).toString("base64"), EncryptionContext: { purpose: "bench" } });
    const signed = await signer.sign({
      method: "POST",
      protocol: "http:",
      hostname: host.split(":")[0]!,
      port: Number(host.split(":")[1]),
      path: "/",
      headers: { host, "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.Encrypt" },
      body,
    });
    // wrk.format at load time knows no Host yet: the signed one goes in explicitly.
    const headers = Object.entries(signed.headers)
      .map(([name, value]) => `[${JSON.stringify(name)}]=${JSON.stringify(value)}`)
      .join(", ");
    entries.push(`requests[${i + 1}] = wrk.format("POST", "/", {${headers}}, ${JSON.stringify(body)})`);
  }
  const script = join(dir, "encrypt.lua");
  writeFileSync(
    script,
    `requests = {}\n${entries.join("\n")}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  if i > #requests then i = 1 end\n  return requests[i]\nend\n` +
      `done = function(summary, latency, requests)\n  io.write(string.format("RESULT %d %d %d\\n", summary.requests, summary.errors.status, latency:percentile(99)))\nend\n`,
  );
  return script;
}

/** A server under test: the signed requests wrk replays against it, and how to stop it. */
export interface EncryptTarget {
  script: string;
  url: string;
  /** The server's process. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** wrk against a target for `seconds` (after `warmUpSeconds` of the same load, unmeasured). */
export function runWrk(target: EncryptTarget, seconds: number, warmUpSeconds = 0): HttpRate {
  if (warmUpSeconds > 0) execFileSync("wrk", ["-t1", "-c32", `-d${warmUpSeconds}s`, "-s", target.script, target.url]);
  const before = readCpuTimes(target.pid);
  const out = execFileSync("wrk", ["-t1", "-c32", `-d${seconds}s`, "-s", target.script, target.url]).toString();
  const after = readCpuTimes(target.pid);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const [, requests, non2xx, p99] = /RESULT (\d+) (\d+) (\d+)/.exec(out) ?? [];
  return { rps, requests: Number(requests), non2xx: Number(non2xx), p99ms: Number(p99) / 1000, cpu: cpuPerRequest(before, after, Number(requests)) };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.on("exit", r));
  child.kill("SIGTERM");
  await exited;
}

/** A federa holding `keyCount` keys, ready for Encrypt requests signed for one of them. */
export async function startEncryptTarget(port: number, keyCount: number, log: (m: string) => void): Promise<EncryptTarget> {
  const dataDir = mkdtempSync(join(tmpdir(), "federa-bench-kms-"));
  try {
    log(`seeding ${keyCount} keys`);
    const keyId = await seedKeys(dataDir, keyCount, log);
    const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE_DIR] : [];
    const child = spawn(process.execPath, [...profile, "bin/federa.js", "start", "--port", String(port), "--data-dir", dataDir, "--log-level", "warn"], { stdio: ["ignore", "inherit", "inherit"] });
    const stopAll = async () => {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    };
    try {
      await waitFor(`http://127.0.0.1:${port}/health`);
      return { script: await encryptScript(dataDir, `127.0.0.1:${port}`, keyId, 500), url: `http://127.0.0.1:${port}/`, pid: child.pid, stop: stopAll };
    } catch (error) {
      await stopAll();
      throw error;
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A bare node:http server that answers {} to each of the same requests. */
export async function startBareTarget(port: number): Promise<EncryptTarget> {
  const dir = mkdtempSync(join(tmpdir(), "federa-bench-bare-"));
  const source = `require("node:http").createServer((q, s) => { q.resume(); q.on("end", () => { s.writeHead(200, { "content-type": "application/x-amz-json-1.1" }); s.end("{}"); }); }).listen(${port}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", source], { stdio: "inherit" });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${port}/`, { method: "POST" }).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const script = await encryptScript(dir, `127.0.0.1:${port}`, randomUUID(), 500);
  return {
    script,
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    stop: async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Evaluations per second of the lab's key policy: a developer's session encrypting with a context. */
export function benchKeyPolicy(seconds: number): number {
  // The policy the console's create-key wizard writes for the lab: KeyAdmins administer, Developers use.
  const policy = parsePolicy(
    consoleKeyPolicy({
      accountId: ACCOUNT,
      admins: [`arn:aws:iam::${ACCOUNT}:role/ADFS-KeyAdmins`],
      adminsMayDelete: true,
      users: [`arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`],
      keySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
    }),
    "key",
  );
  const session = `arn:aws:sts::${ACCOUNT}:assumed-role/ADFS-Developers/bob@corp.example.test`;
  const request: RequestContext = {
    principal: { type: "assumed-role", arn: session, accountId: ACCOUNT, roleArn: `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`, userId: "AROAEXAMPLE:bob@corp.example.test" },
    action: "kms:Encrypt",
    resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${randomUUID()}`,
    context: {
      "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`,
      "aws:PrincipalAccount": ACCOUNT,
      "aws:SecureTransport": false,
      "aws:SourceIp": "127.0.0.1",
      "kms:CallerAccount": ACCOUNT,
      "kms:EncryptionContext:purpose": "bench",
      "kms:EncryptionContextKeys": ["purpose"],
      "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT",
    },
  };
  const set = { resource: policy, identity: [], resourceMode: "required" as const };
  if (evaluate(request, set).effect !== "Allow") throw new Error("the lab key policy should allow the developer");
  for (let i = 0; i < 10_000; i++) evaluate(request, set);
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 100; i++) evaluate(request, set);
    n += 100;
  }
  return n / seconds;
}
