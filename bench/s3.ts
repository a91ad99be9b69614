// S3 with SSE-KMS over HTTP: PUT and GET of 1 MiB objects (presigned URLs made by the AWS SDK's
// signer, replayed by wrk at 8 connections), in MB/s; and the server's memory while a 1 GB object
// streams in and out (resident set size sampled from /proc, before and at its peak).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "node:http";
import { randomBytes } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { describeRounds, inRounds } from "./rounds.ts";
import { CreateKeyCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

const ROOT = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const MIB = 1024 * 1024;

export interface S3BenchResult {
  /** The median rounds' rates, and every round's range in words. */
  putMBps: number;
  getMBps: number;
  putRounds: string;
  getRounds: string;
  putP99ms: number;
  getP99ms: number;
  putNon2xx: number;
  getNon2xx: number;
  /** Resident set size of federa before the 1 GB object, and the most it reached while streaming it in and out (MiB). */
  rssBeforeMiB: number;
  rssPeakMiB: number;
  gigabyteSeconds: { put: number; get: number };
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("federa did not start");
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function presign(host: string, method: "PUT" | "GET", path: string, headers: Record<string, string>): Promise<string> {
  const signer = new SignatureV4({ credentials: ROOT, region: "us-east-1", service: "s3", sha256: Sha256, uriEscapePath: false });
  const [hostname, port] = host.split(":");
  const signed = await signer.presign(
    // As the SDK's presigner: the payload is UNSIGNED-PAYLOAD (hoisted into X-Amz-Content-Sha256).
    { method, protocol: "http:", hostname: hostname!, port: Number(port), path, headers: { host, "x-amz-content-sha256": "UNSIGNED-PAYLOAD", ...headers }, query: {} },
    { expiresIn: 3600, unhoistableHeaders: new Set(Object.keys(headers)) },
  );
  const query = Object.entries(signed.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
  return `${path}?${query}`;
}

function wrk(script: string, url: string, seconds: number): { rps: number; p99ms: number; non2xx: number } {
  const out = execFileSync("wrk", ["-t1", "-c8", `-d${seconds}s`, "-s", script, url]).toString();
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const [, , non2xx, p99] = /RESULT (\d+) (\d+) (\d+)/.exec(out) ?? [];
  return { rps, non2xx: Number(non2xx), p99ms: Number(p99) / 1000 };
}

const DONE = `done = function(summary, latency, requests)\n  io.write(string.format("RESULT %d %d %d\\n", summary.requests, summary.errors.status, latency:percentile(99)))\nend\n`;

/** Streams `size` bytes through a PUT (or reads them with a GET), sampling federa's memory meanwhile. */
function stream(url: string, method: "PUT" | "GET", size: number, headers: Record<string, string>, sample: () => void): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: method === "PUT" ? { ...headers, "content-length": String(size) } : headers }, (res) => {
      let got = 0;
      res.on("data", (chunk: Buffer) => {
        got += chunk.length;
        if (got % (64 * MIB) < chunk.length) sample();
      });
      res.on("end", () => (res.statusCode && res.statusCode < 300 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${method} answered ${res.statusCode}`))));
    });
    req.on("error", reject);
    if (method === "GET") {
      req.end();
      return;
    }
    const block = randomBytes(MIB);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += MIB;
        if (sent % (64 * MIB) === 0) sample();
        if (!req.write(block)) {
          req.once("drain", pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

export async function benchS3(port: number, seconds: number, log: (m: string) => void): Promise<S3BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "federa-bench-s3-"));
  let child: ChildProcess | undefined;
  try {
    const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE_DIR] : [];
    child = spawn(process.execPath, [...profile, "bin/federa.js", "start", "--port", String(port), "--data-dir", dataDir, "--log-level", "warn"], { stdio: ["ignore", "inherit", "inherit"] });
    const base = `http://127.0.0.1:${port}`;
    const host = `127.0.0.1:${port}`;
    await waitFor(`${base}/health`);
    const kms = new KMSClient({ endpoint: base, region: "us-east-1", credentials: ROOT });
    const keyArn = (await kms.send(new CreateKeyCommand({ Description: "bench" }))).KeyMetadata!.Arn!;
    const s3 = new S3Client({ endpoint: base, region: "us-east-1", credentials: ROOT, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: "bench" }));
    const sse = { "x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": keyArn };
    await s3.send(new PutObjectCommand({ Bucket: "bench", Key: "get-me", Body: randomBytes(MIB), ServerSideEncryption: "aws:kms", SSEKMSKeyId: keyArn }));

    log("S3 PUT 1 MiB, SSE-KMS");
    const body = randomBytes(MIB).toString("latin1");
    const putPath = await presign(host, "PUT", "/bench/put-me", { ...sse, "content-type": "application/octet-stream" });
    const putScript = join(dataDir, "put.lua");
    writeFileSync(
      putScript,
      `local f = io.open(${JSON.stringify(join(dataDir, "body.bin"))}, "rb")\nlocal body = f:read("*a")\nf:close()\n` +
        // The request is formatted once (wrk would otherwise build a 1 MiB string per request on the
        // cores federa needs); at load time wrk knows no Host yet, so the signed one goes in explicitly.
        `local req = wrk.format("PUT", ${JSON.stringify(putPath)}, {["host"]=${JSON.stringify(host)}, ["x-amz-server-side-encryption"]="aws:kms", ["x-amz-server-side-encryption-aws-kms-key-id"]=${JSON.stringify(keyArn)}, ["content-type"]="application/octet-stream"}, body)\n` +
        `request = function()\n  return req\nend\n${DONE}`,
    );
    writeFileSync(join(dataDir, "body.bin"), Buffer.from(body, "latin1"));
    const put = inRounds(() => wrk(putScript, `${base}/`, seconds));

    log("S3 GET 1 MiB, SSE-KMS");
    const getPath = await presign(host, "GET", "/bench/get-me", {});
    const getScript = join(dataDir, "get.lua");
    writeFileSync(getScript, `request = function()\n  return wrk.format("GET", ${JSON.stringify(getPath)})\nend\n${DONE}`);
    const get = inRounds(() => wrk(getScript, `${base}/`, seconds));

    log("1 GB through S3, memory sampled");
    const pid = child.pid!;
    const rssBefore = rssMiB(pid);
    let peak = rssBefore;
    const sample = () => {
      peak = Math.max(peak, rssMiB(pid));
    };
    const bigPut = await presign(host, "PUT", "/bench/gigabyte", sse);
    const putSeconds = await stream(`${base}${bigPut}`, "PUT", 1024 * MIB, sse, sample);
    const bigGet = await presign(host, "GET", "/bench/gigabyte", {});
    const getSeconds = await stream(`${base}${bigGet}`, "GET", 1024 * MIB, {}, sample);
    sample();
    const mbps = MIB / 1e6;
    return {
      putMBps: put.median.rps * mbps,
      getMBps: get.median.rps * mbps,
      putRounds: describeRounds(put, mbps, "MB/s"),
      getRounds: describeRounds(get, mbps, "MB/s"),
      putP99ms: put.median.p99ms,
      getP99ms: get.median.p99ms,
      putNon2xx: put.median.non2xx,
      getNon2xx: get.median.non2xx,
      rssBeforeMiB: rssBefore,
      rssPeakMiB: peak,
      gigabyteSeconds: { put: putSeconds, get: getSeconds },
    };
  } finally {
    if (child) {
      const exited = new Promise((r) => child!.on("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
