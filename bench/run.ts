// federa's benchmarks. Writes bench/RESULTS.md:
//  - the raw RSA-2048 signing rate (PKCS#1 v1.5, SHA-256) on one core,
//  - assertion building alone (a signed AWS SAMLResponse, Response and Assertion signed), one core,
//  - full logins per second through the HTTP login endpoint (POST /idp/login with the embedded
//    directory: LDAP search + bind, claim rules, signed response, session), load from wrk.
// Run: npm run bench (needs Debian's wrk for the HTTP part: apt-get install -y wrk).
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { generateSigningIdentity, loadPrivateKey, rsaSign, describeCertificate } from "../src/crypto/index.ts";
import { buildSamlResponse } from "../src/idp/index.ts";
import { Browser, readForm } from "../test/support/browser.ts";
import { benchSigV4 } from "./sigv4.ts";
import { benchAssumeRoleWithSaml, WARM_UP_SECONDS } from "./sts.ts";
import { benchKeyPolicy, runWrk, startBareTarget, startEncryptTarget, type EncryptTarget, type HttpRate } from "./kms.ts";
import { benchS3 } from "./s3.ts";
import type { CpuPerRequest } from "./cpu.ts";
import { existsSync, readFileSync } from "node:fs";
import { describeRounds, inRounds, medianBy, rangeBy, ROUNDS } from "./rounds.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function rate(fn: () => void, seconds = SECONDS): number {
  for (let i = 0; i < 50; i++) fn(); // warm up
  const end = performance.now() + seconds * 1000;
  let n = 0;
  while (performance.now() < end) {
    fn();
    n++;
  }
  return n / seconds;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type HttpResult = { rps: number; latency: string; errors: string; rounds: string } | { skipped: string };

async function httpLogins(log: (m: string) => void, signResponse: boolean): Promise<HttpResult> {
  if (spawnSync("wrk", ["--version"]).error) return { skipped: "wrk is not installed (apt-get install -y wrk)" };
  const dataDir = mkdtempSync(join(tmpdir(), "federa-bench-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The default AWS SP, with or without the Response signature (the Assertion is always signed).
  const sp = { entityId: "urn:amazon:webservices", acsUrl: `${base}/saml`, recipient: "https://signin.aws.amazon.com/saml", audience: "https://signin.aws.amazon.com/saml", signResponse };
  writeFileSync(join(dataDir, "federa.json"), JSON.stringify({ serviceProviders: [sp] }));
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, "bin/federa.js", "start", "--config", join(dataDir, "federa.json"), "--port", String(port), "--data-dir", dataDir, "--log-level", "warn"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    for (let i = 0; ; i++) {
      if (i === 100) throw new Error("federa did not start");
      const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    log("federa is up");
    const browser = new Browser(base);
    const form = readForm((await browser.get("/idp/sso/init?sp=urn:amazon:webservices")).html);
    const body = new URLSearchParams({ ...form.fields, username: "alice", password: "Alice!Passw0rd1" }).toString();
    const cookie = `federa_csrf=${browser.cookies.get("federa_csrf")}`;
    const script = join(dataDir, "login.lua");
    writeFileSync(
      script,
      `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\nwrk.headers["Cookie"] = ${JSON.stringify(cookie)}\n` +
        `done = function(summary, latency, requests)\n  io.write(string.format("RESULT %d %d %d %d\\n", summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, latency:percentile(99)))\nend\n`,
    );
    log("warming up");
    // Warm up, then measure.
    execFileSync("wrk", ["-t1", "-c8", "-d2s", "-s", script, `${base}/idp/login`]);
    const rounds = inRounds(() => {
      const out = execFileSync("wrk", ["-t1", "-c16", `-d${Math.max(5, SECONDS * 2)}s`, "-s", script, `${base}/idp/login`]).toString();
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
      const [, requests, statusErrors, socketErrors, p99] = /RESULT (\d+) (\d+) (\d+) (\d+)/.exec(out) ?? [];
      return { rps, latency: `p99 ${(Number(p99) / 1000).toFixed(1)} ms`, errors: `${statusErrors} non-2xx, ${socketErrors} socket errors of ${requests}` };
    });
    return { ...rounds.median, rounds: describeRounds(rounds) };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.on("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function httpRow(what: string, result: HttpResult): string {
  return "skipped" in result ? `| ${what} | not measured: ${result.skipped} | | ≥ 500 |` : `| ${what} | ${result.rps.toFixed(0)} | | ≥ 500 |`;
}

async function idpSection(log: (m: string) => void): Promise<string[]> {
  const identity = await generateSigningIdentity({ commonName: "bench", notBefore: new Date() });
  const key = loadPrivateKey(identity.privateKeyPem);
  const certificate = describeCertificate(identity.certificatePem).base64;
  const data = Buffer.alloc(200, 7);
  log("raw RSA signing");
  const rawSign = rate(() => rsaSign(key, data));

  const now = new Date();
  const input = {
    issuer: "http://127.0.0.1:4577/idp/metadata",
    destination: "https://signin.aws.amazon.com/saml",
    recipient: "https://signin.aws.amazon.com/saml",
    audience: "https://signin.aws.amazon.com/saml",
    nameId: { value: "CORP\\alice", format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
    attributes: [
      {
        name: "https://aws.amazon.com/SAML/Attributes/Role",
        values: [
          "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-KeyAdmins",
          "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Developers",
        ],
      },
      { name: "https://aws.amazon.com/SAML/Attributes/RoleSessionName", values: ["alice@corp.example.test"] },
      { name: "https://aws.amazon.com/SAML/Attributes/PrincipalTag:department", values: ["Security Engineering"] },
      { name: "https://aws.amazon.com/SAML/Attributes/SessionDuration", values: ["3600"] },
    ],
    authnInstant: now,
    sessionIndex: "_0123456789abcdef0123456789abcdef",
    sessionNotOnOrAfter: new Date(now.getTime() + 8 * 3600_000),
    now,
    lifetimeSeconds: 300,
  };
  const signer = { key, certificate };
  log("assertion building");
  const bothSigned = rate(() => buildSamlResponse({ ...input, signResponse: true }, signer));
  const assertionSigned = rate(() => buildSamlResponse({ ...input, signResponse: false }, signer));
  log("HTTP logins, Response and Assertion signed");
  const http = await httpLogins(log, true);
  log("HTTP logins, Assertion signed");
  const httpAssertionOnly = await httpLogins(log, false);

  const pct = (x: number) => `${((100 * x) / rawSign).toFixed(0)}%`;
  const lines = [
    "## IdP",
    "",
    `Measured on ${new Date().toISOString()}. Each in-process rate is measured for ${SECONDS} s on one core (Node's main thread).`,
    "",
    "| measurement | per second | share of raw signing | goal |",
    "|---|---:|---:|---|",
    `| raw RSA-2048 signature (PKCS#1 v1.5, SHA-256, 200 bytes) | ${rawSign.toFixed(0)} | 100% | |`,
    `| assertion building: AWS SAMLResponse, Assertion signed (signResponse: false) | ${assertionSigned.toFixed(0)} | ${pct(assertionSigned)} | ≥ 30% of raw signing |`,
    `| assertion building: AWS SAMLResponse, Assertion and Response signed (the default) | ${bothSigned.toFixed(0)} | ${pct(bothSigned)} | ≥ 30% of raw signing ÷ 2 signatures is the ceiling of 50% |`,
    httpRow("full logins through HTTP, Assertion and Response signed (the default)", http),
    httpRow("full logins through HTTP, Assertion signed (signResponse: false, AD FS's AssertionOnly)", httpAssertionOnly),
    "",
    "A full login is `POST /idp/login` (CSRF and sealed state checked, throttle read, the password",
    "bind over LDAP to the embedded directory, whose read-only entry and groups were searched at the",
    "user's first login, AWS claim rules, a signed SAMLResponse, an IdP session row in SQLite, the",
    "auto-posting page), driven by `wrk -t1 -c16` on the same two cores, in rounds of 6 s; the table",
    "gives the median round. Both RSA steps run on libuv's thread pool, at nice 19 as every helper",
    "thread of `federa start`, so the second core signs while the main thread serves.",
    "",
  ];
  for (const [name, result] of [["both signed, the default", http], ["assertion only", httpAssertionOnly]] as const) {
    if (!("skipped" in result)) lines.push(`HTTP logins (${name}): ${result.rounds}; the median round's ${result.latency}; ${result.errors}.`, "");
  }
  return lines;
}

/** SigV4 verifications per round, and rounds. */
const SIGV4_ITERATIONS = 10_000;
const SIGV4_ROUNDS = 9;

async function stsSection(log: (m: string) => void): Promise<string[]> {
  log("SigV4 verification");
  const sigv4 = await benchSigV4(SIGV4_ITERATIONS, SIGV4_ROUNDS);
  const stsRounds = spawnSync("wrk", ["--version"]).error ? undefined : await benchAssumeRoleWithSaml(await freePort(), Math.max(4, SECONDS + 1), log);
  const sts = stsRounds?.median;

  const lines: string[] = [];
  lines.push(
    "## STS",
    "",
    `Measured on ${new Date().toISOString()}.`,
    "",
    "| measurement | result | goal |",
    "|---|---:|---|",
    sts
      ? `| AssumeRoleWithSAML over HTTP (unsigned Query POST, assertion validated, trust policy evaluated, credentials minted; wrk -c16) | ${sts.rps.toFixed(0)} /s | ≥ 1,000 /s |`
      : "| AssumeRoleWithSAML over HTTP | not measured: wrk is not installed | ≥ 1,000 /s |",
    ...sigv4.map((r) => `| SigV4 verification, ${r.shape} (signing key cached) | ${r.microsecondsPerVerification.toFixed(1)} µs median, ${r.bestMicroseconds.toFixed(1)} µs best round | < 20 µs |`),
    "",
  );
  lines.push(
    `SigV4: each request is signed once by the AWS SDK's signer and verified ${SIGV4_ITERATIONS.toLocaleString("en-US")} times a round, in ${SIGV4_ROUNDS} rounds in which the three shapes take turns; the median round and the best one.`,
    "",
  );
  if (sts && stsRounds) {
    lines.push(
      `AssumeRoleWithSAML: ${describeRounds(stsRounds)} after ${WARM_UP_SECONDS} s of warm-up; the median round: ${sts.requests} requests, ${sts.non2xx} not 2xx, p99 ${sts.p99ms.toFixed(1)} ms. Each assertion was made beforehand with federa's IdP key and is posted once. The parse, signature and claim checks run on a checker thread.`,
      "",
    );
  }
  return lines;
}

/** The median round's CPU per request: main thread, and the whole process. */
function cpuRow(what: string, perRound: ReadonlyArray<CpuPerRequest | undefined>): string {
  const known = perRound.filter((cpu) => cpu !== undefined);
  if (known.length === 0) return `| ${what} | not measured (no /proc) | |`;
  const main = medianBy(known, (cpu) => cpu.mainThreadUs);
  return `| ${what} (main thread; all threads) | ${main.mainThreadUs.toFixed(0)} µs; ${main.processUs.toFixed(0)} µs (${rangeBy(known, (cpu) => cpu.mainThreadUs)} µs on the main thread) | |`;
}

async function kmsSection(log: (m: string) => void): Promise<string[]> {
  log("key policy evaluation");
  const evaluations = benchKeyPolicy(SECONDS);
  const seconds = Math.max(4, SECONDS + 1);
  const lines = ["## KMS", "", `Measured on ${new Date().toISOString()}.`, ""];
  if (spawnSync("wrk", ["--version"]).error) {
    lines.push(`Key policy evaluation (the lab's key policy, a developer's session encrypting): ${evaluations.toFixed(0)} /s (goal ≥ 200,000 /s). HTTP not measured: wrk is not installed.`, "");
    return lines;
  }
  // The bare server and both federas run side by side and are measured in turn, round after
  // round: the shares compare rates taken moments apart, on a machine whose speed drifts.
  const targets: EncryptTarget[] = [];
  try {
    const bareTarget = await startBareTarget(await freePort());
    targets.push(bareTarget);
    const smallTarget = await startEncryptTarget(await freePort(), 100, log);
    targets.push(smallTarget);
    const largeTarget = await startEncryptTarget(await freePort(), 100_000, log);
    targets.push(largeTarget);
    log("warming up");
    for (const target of targets) runWrk(target, 1, 2);
    const rounds: { bare: HttpRate; small: HttpRate; large: HttpRate; share: number; ratio: number }[] = [];
    for (let i = 0; i < Math.max(1, ROUNDS); i++) {
      log(`Encrypt under load, round ${i + 1}`);
      const bare = runWrk(bareTarget, seconds);
      const small = runWrk(smallTarget, seconds);
      const large = runWrk(largeTarget, seconds);
      rounds.push({ bare, small, large, share: (100 * small.rps) / bare.rps, ratio: (100 * large.rps) / small.rps });
    }
    const range = (by: (r: (typeof rounds)[number]) => number) => rangeBy(rounds, by);
    const small = medianBy(rounds, (r) => r.small.rps).small;
    const large = medianBy(rounds, (r) => r.large.rps).large;
    const bare = medianBy(rounds, (r) => r.bare.rps).bare;
    const share = medianBy(rounds, (r) => r.share).share;
    const ratio = medianBy(rounds, (r) => r.ratio).ratio;
    lines.push(
      "| measurement | result | goal |",
      "|---|---:|---|",
      `| Encrypt 1 KB over HTTP, 100 keys (SigV4 verified, key policy evaluated, audited; wrk -c32 replaying 500 signed requests) | ${small.rps.toFixed(0)} /s (${range((r) => r.small.rps)}), p99 ${small.p99ms.toFixed(1)} ms | ≥ 20,000 /s, p99 < 5 ms |`,
      `| the same requests to a bare node:http server answering {} | ${bare.rps.toFixed(0)} /s (${range((r) => r.bare.rps)}), p99 ${bare.p99ms.toFixed(1)} ms | |`,
      `| Encrypt's share of the bare server's rate | ${share.toFixed(0)}% (${range((r) => r.share)}%) | ≥ 35% |`,
      `| Encrypt 1 KB over HTTP, 100,000 keys | ${large.rps.toFixed(0)} /s (${range((r) => r.large.rps)}), p99 ${large.p99ms.toFixed(1)} ms | within 10% of 100 keys |`,
      `| 100,000 keys against 100 keys | ${ratio.toFixed(0)}% (${range((r) => r.ratio)}%) | ≥ 90% |`,
      `| key policy evaluation alone (the lab's key policy, a developer's session encrypting with a context) | ${evaluations.toFixed(0)} /s | ≥ 200,000 /s |`,
      cpuRow("CPU per Encrypt, 100 keys", rounds.map((r) => r.small.cpu)),
      cpuRow("CPU per request of the bare server", rounds.map((r) => r.bare.cpu)),
      "",
      `Medians of ${rounds.length} rounds of ${seconds} s, the range in brackets; in each round the bare server, the federa with 100 keys and the one with 100,000 keys are measured one after the other, and the shares are the median of the rounds' own shares. ` +
        `Encrypt: ${small.requests} requests (${small.non2xx} not 2xx) with 100 keys, ${large.requests} (${large.non2xx} not 2xx) with 100,000 keys in the median rounds; the load generator shares the two cores. ` +
        "CPU per request is read from /proc before and after each round: it changes less than the rates when the host is busy, so it shows what a change to the code saved.",
      "",
    );
  } finally {
    for (const target of targets) await target.stop();
  }
  return lines;
}

async function s3Section(log: (m: string) => void): Promise<string[]> {
  const lines = ["## S3", "", `Measured on ${new Date().toISOString()}.`, ""];
  if (spawnSync("wrk", ["--version"]).error) return [...lines, "Not measured: wrk is not installed.", ""];
  const r = await benchS3(await freePort(), Math.max(5, SECONDS * 2), log);
  lines.push(
    "| measurement | result | goal |",
    "|---|---:|---|",
    `| PUT 1 MiB objects with SSE-KMS over HTTP (presigned, wrk -c8) | ${r.putMBps.toFixed(0)} MB/s, p99 ${r.putP99ms.toFixed(1)} ms, ${r.putNon2xx} not 2xx (${r.putRounds}) | ≥ 200 MB/s |`,
    `| GET 1 MiB objects with SSE-KMS over HTTP | ${r.getMBps.toFixed(0)} MB/s, p99 ${r.getP99ms.toFixed(1)} ms, ${r.getNon2xx} not 2xx (${r.getRounds}) | ≥ 200 MB/s |`,
    `| federa's memory while a 1 GB object streams in (${r.gigabyteSeconds.put.toFixed(1)} s) and out (${r.gigabyteSeconds.get.toFixed(1)} s) | ${r.rssBeforeMiB.toFixed(0)} MiB before, ${r.rssPeakMiB.toFixed(0)} MiB at most | flat |`,
    "",
  );
  return lines;
}

// Sections: `npm run bench` runs all; `npm run bench -- kms` (or idp, sts) runs those and keeps
// the other sections of bench/RESULTS.md as they were.
const SECTIONS: Record<string, (log: (m: string) => void) => Promise<string[]>> = { idp: idpSection, sts: stsSection, kms: kmsSection, s3: s3Section };

function previousSections(): Map<string, string> {
  const previous = new Map<string, string>();
  if (!existsSync("bench/RESULTS.md")) return previous;
  const text = readFileSync("bench/RESULTS.md", "utf8");
  for (const m of text.matchAll(/<!-- section:(\w+) -->\n([\s\S]*?)<!-- end:\1 -->/g)) previous.set(m[1]!, m[2]!);
  return previous;
}

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`bench: ${m}\n`);
  const wanted = process.argv.slice(2).filter((a) => a in SECTIONS);
  const run = wanted.length > 0 ? wanted : Object.keys(SECTIONS);
  const previous = previousSections();
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const out = [
    "# federa benchmark results",
    "",
    `Written by \`npm run bench\`; ${cpus().length} cores (${cpu}), Node ${process.version}. Each section says when it was measured.`,
    "",
  ];
  for (const [name, section] of Object.entries(SECTIONS)) {
    const block = run.includes(name) ? (await section(log)).join("\n") + "\n" : previous.get(name);
    if (block !== undefined) out.push(`<!-- section:${name} -->`, block + `<!-- end:${name} -->`, "");
  }
  writeFileSync("bench/RESULTS.md", out.join("\n"));
  console.log(out.join("\n"));
}

await main();
