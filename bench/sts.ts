// AssumeRoleWithSAML per second over HTTP: a federa on two cores, assertions made beforehand with
// its own IdP signing key (each assertion is good once: replays are refused), posted by wrk as the
// AWS CLI would post them (unsigned Query form): a warm-up, then rounds, each with assertions of
// its own.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { buildSamlResponse, createXmlSigner } from "../src/idp/index.ts";
import { inRounds, ROUNDS, type Rounds } from "./rounds.ts";

export interface StsBenchResult {
  rps: number;
  requests: number;
  non2xx: number;
  p99ms: number;
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("federa did not start");
}

/** Assertions made per second of load: above the rate federa reaches here, so none is posted twice. */
const ASSERTIONS_PER_SECOND = 1600;
/**
 * Load before the measured rounds: the JIT compiles and the checker threads start meanwhile. A
 * checker thread starts at the first AssumeRoleWithSAML and, beside a busy main thread, takes
 * seconds to load its modules (the main thread checks in the meantime): with 3 s of warm-up the
 * first round still measured part of that start.
 */
export const WARM_UP_SECONDS = 10;

export async function benchAssumeRoleWithSaml(port: number, seconds: number, log: (m: string) => void): Promise<Rounds<StsBenchResult>> {
  const dataDir = mkdtempSync(join(tmpdir(), "federa-bench-sts-"));
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, "bin/federa.js", "start", "--port", String(port), "--data-dir", dataDir, "--log-level", "warn"], { stdio: ["ignore", "inherit", "inherit"] });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/health`);
    const signer = createXmlSigner(readFileSync(join(dataDir, "idp-signing-key.pem"), "utf8"), readFileSync(join(dataDir, "idp-signing-cert.pem"), "utf8"));
    // A set of assertions of its own for the warm-up and for each round.
    const sets = [WARM_UP_SECONDS, ...Array.from({ length: Math.max(1, ROUNDS) }, () => seconds)].map((s) => Math.ceil(s * ASSERTIONS_PER_SECOND));
    const count = sets.reduce((a, b) => a + b, 0);
    log(`making ${count} assertions`);
    const now = new Date();
    const bodies: string[] = [];
    for (let i = 0; i < count; i++) {
      const xml = buildSamlResponse(
        {
          issuer: `${base}/idp/metadata`,
          destination: "https://signin.aws.amazon.com/saml",
          recipient: "https://signin.aws.amazon.com/saml",
          audience: "https://signin.aws.amazon.com/saml",
          nameId: { value: "CORP\\alice", format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
          attributes: [
            { name: "https://aws.amazon.com/SAML/Attributes/Role", values: ["arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Developers"] },
            { name: "https://aws.amazon.com/SAML/Attributes/RoleSessionName", values: ["alice@corp.example.test"] },
            { name: "https://aws.amazon.com/SAML/Attributes/SessionDuration", values: ["3600"] },
          ],
          authnInstant: now,
          sessionIndex: `_${randomUUID().replace(/-/g, "")}`,
          sessionNotOnOrAfter: new Date(now.getTime() + 8 * 3600_000),
          now,
          lifetimeSeconds: 300,
          signResponse: false,
        },
        signer,
      );
      bodies.push(
        new URLSearchParams({
          Action: "AssumeRoleWithSAML",
          Version: "2011-06-15",
          RoleArn: "arn:aws:iam::111122223333:role/ADFS-Developers",
          PrincipalArn: "arn:aws:iam::111122223333:saml-provider/ADFS",
          SAMLAssertion: Buffer.from(xml).toString("base64"),
        }).toString(),
      );
    }
    const script = join(dataDir, "sts.lua");
    const run = (set: number, duration: number): StsBenchResult => {
      const start = sets.slice(0, set).reduce((a, b) => a + b, 0);
      const bodiesFile = join(dataDir, `bodies-${set}.txt`);
      writeFileSync(bodiesFile, bodies.slice(start, start + sets[set]!).join("\n") + "\n");
      writeFileSync(
        script,
        `local bodies = {}\nfor line in io.lines(${JSON.stringify(bodiesFile)}) do bodies[#bodies + 1] = line end\nlocal i = 0\n` +
          `request = function()\n  i = i + 1\n  if i > #bodies then i = 1 end\n  return wrk.format("POST", "/", {["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"}, bodies[i])\nend\n` +
          `done = function(summary, latency, requests)\n  io.write(string.format("RESULT %d %d %d\\n", summary.requests, summary.errors.status, latency:percentile(99)))\nend\n`,
      );
      const out = execFileSync("wrk", ["-t1", "-c16", `-d${duration}s`, "-s", script, `${base}/`]).toString();
      const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
      const [, requests, non2xx, p99] = /RESULT (\d+) (\d+) (\d+)/.exec(out) ?? [];
      return { rps, requests: Number(requests), non2xx: Number(non2xx), p99ms: Number(p99) / 1000 };
    };
    log("AssumeRoleWithSAML: warming up");
    run(0, WARM_UP_SECONDS);
    log("AssumeRoleWithSAML under load");
    let round = 0;
    return inRounds(() => run(++round, seconds));
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.on("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
