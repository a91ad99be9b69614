// AssumeRoleWithSAML and GetCallerIdentity over the wire, with real clients: the AWS CLI v2, the
// AWS SDK for JavaScript v3, and `federa login` writing a profile that the CLI then uses.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { STSClient, AssumeRoleWithSAMLCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, readForm, samlResponseOf } from "../support/browser.ts";

const run = promisify(execFile);
const PROVIDER = "arn:aws:iam::111122223333:saml-provider/ADFS";
const KEY_ADMINS = "arn:aws:iam::111122223333:role/ADFS-KeyAdmins";
const DEVELOPERS = "arn:aws:iam::111122223333:role/ADFS-Developers";
let federa: RunningFedera;
let home: string;

before(async () => {
  federa = await startFedera();
  home = mkdtempSync(join(tmpdir(), "federa-aws-"));
});
after(() => federa.stop());

async function assertionFor(username: string, password: string): Promise<string> {
  const browser = new Browser(federa.url);
  const form = readForm((await browser.get("/idp/sso/init?sp=urn:amazon:webservices")).html);
  return samlResponseOf(await browser.submit(form, { username, password })).base64;
}

function awsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_PAGER: "",
    ...extra,
  };
}

async function aws(args: string[], env: Record<string, string> = {}): Promise<{ ok: boolean; json: any; stderr: string }> {
  try {
    const { stdout, stderr } = await run("/usr/bin/aws", [...args, "--endpoint-url", federa.url, "--output", "json"], { env: awsEnv(env) });
    return { ok: true, json: stdout.trim() ? JSON.parse(stdout) : undefined, stderr };
  } catch (error) {
    return { ok: false, json: undefined, stderr: String((error as { stderr?: string }).stderr) };
  }
}

describe("the AWS CLI", () => {
  it("turns alice's assertion into credentials that get-caller-identity accepts", async () => {
    const assertion = await assertionFor("alice", "Alice!Passw0rd1");
    const assumed = await aws(["sts", "assume-role-with-saml", "--role-arn", KEY_ADMINS, "--principal-arn", PROVIDER, "--saml-assertion", assertion, "--no-sign-request"]);
    assert.ok(assumed.ok, assumed.stderr);
    const c = assumed.json.Credentials;
    assert.match(c.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey.length, 40);
    assert.equal(assumed.json.AssumedRoleUser.Arn, "arn:aws:sts::111122223333:assumed-role/ADFS-KeyAdmins/alice@corp.example.test");
    assert.match(assumed.json.AssumedRoleUser.AssumedRoleId, /^AROA[A-Z2-7]{17}:alice@corp\.example\.test$/);
    assert.equal(assumed.json.Subject, "CORP\\alice");
    assert.equal(assumed.json.SubjectType, "persistent");
    assert.equal(assumed.json.Issuer, `${federa.url}/idp/metadata`);
    assert.equal(assumed.json.Audience, "https://signin.aws.amazon.com/saml");
    assert.ok(assumed.json.NameQualifier);
    const who = await aws(["sts", "get-caller-identity"], { AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, AWS_SESSION_TOKEN: c.SessionToken });
    assert.ok(who.ok, who.stderr);
    assert.deepEqual(who.json, {
      UserId: assumed.json.AssumedRoleUser.AssumedRoleId,
      Account: "111122223333",
      Arn: "arn:aws:sts::111122223333:assumed-role/ADFS-KeyAdmins/alice@corp.example.test",
    });
  });

  it("refuses the same assertion twice, and a role the assertion does not carry", async () => {
    const assertion = await assertionFor("bob", "Bob!Passw0rd1");
    const notHis = await aws(["sts", "assume-role-with-saml", "--role-arn", KEY_ADMINS, "--principal-arn", PROVIDER, "--saml-assertion", assertion, "--no-sign-request"]);
    assert.equal(notHis.ok, false);
    assert.match(notHis.stderr, /AccessDenied/);
    const first = await aws(["sts", "assume-role-with-saml", "--role-arn", DEVELOPERS, "--principal-arn", PROVIDER, "--saml-assertion", assertion, "--no-sign-request"]);
    assert.ok(first.ok, first.stderr);
    const replay = await aws(["sts", "assume-role-with-saml", "--role-arn", DEVELOPERS, "--principal-arn", PROVIDER, "--saml-assertion", assertion, "--no-sign-request"]);
    assert.equal(replay.ok, false);
    assert.match(replay.stderr, /InvalidIdentityToken/);
  });

  it("answers get-caller-identity for the lab's root key, and refuses a wrong secret", async () => {
    const root = await aws(["sts", "get-caller-identity"], { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" });
    assert.ok(root.ok, root.stderr);
    assert.deepEqual(root.json, { UserId: "111122223333", Account: "111122223333", Arn: "arn:aws:iam::111122223333:root" });
    const wrong = await aws(["sts", "get-caller-identity"], { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEZ" });
    assert.equal(wrong.ok, false);
    assert.match(wrong.stderr, /SignatureDoesNotMatch/);
  });
});

describe("the AWS SDK for JavaScript", () => {
  it("assumes a role and reads the caller identity with the credentials", async () => {
    const assertion = await assertionFor("erin", "Erin!Passw0rd1");
    const sts = new STSClient({ region: "us-east-1", endpoint: federa.url });
    const assumed = await sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::444455556666:role/ADFS-ReadOnly", PrincipalArn: "arn:aws:iam::444455556666:saml-provider/ADFS", SAMLAssertion: assertion, DurationSeconds: 900 }));
    const c = assumed.Credentials!;
    const lifetime = c.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 850_000 && lifetime <= 900_000, `expires in ${lifetime} ms`);
    const as = new STSClient({ region: "us-east-1", endpoint: federa.url, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
    const who = await as.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, "arn:aws:sts::444455556666:assumed-role/ADFS-ReadOnly/erin@corp.example.test");
  });

  it("gets AWS's ValidationError for a DurationSeconds under 900", async () => {
    const assertion = await assertionFor("erin", "Erin!Passw0rd1");
    const sts = new STSClient({ region: "us-east-1", endpoint: federa.url });
    await assert.rejects(
      sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::444455556666:role/ADFS-ReadOnly", PrincipalArn: "arn:aws:iam::444455556666:saml-provider/ADFS", SAMLAssertion: assertion, DurationSeconds: 60 })),
      (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(error.name, "ValidationError");
        assert.match(error.message, /durationSeconds/);
        assert.equal(error.$metadata?.httpStatusCode, 400);
        return true;
      },
    );
  });
});

describe("federa login", () => {
  it("writes a profile that the AWS CLI then uses", async () => {
    const env = awsEnv({ ALICE_PASSWORD: "Alice!Passw0rd1" });
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ["bin/federa.js", "login", "--idp-url", `${federa.url}/idp/sso/init?sp=urn:amazon:webservices`, "-u", "alice", "--password-env", "ALICE_PASSWORD", "--role", "ADFS-Developers", "--sts-endpoint", federa.url, "--profile", "lab"], { env, stdio: ["ignore", "ignore", "inherit"] });
      child.on("exit", resolve);
    });
    assert.equal(code, 0);
    const file = join(home, "credentials");
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.doesNotMatch(readFileSync(file, "utf8"), /Alice!Passw0rd1/);
    const who = await aws(["sts", "get-caller-identity", "--profile", "lab"]);
    assert.ok(who.ok, who.stderr);
    assert.equal(who.json.Arn, "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice@corp.example.test");
  });

  it("answers as a credential_process", async () => {
    const { stdout } = await run(
      process.execPath,
      ["bin/federa.js", "login", "--idp-url", `${federa.url}/idp/sso/init`, "-u", "bob", "--password-env", "BOB_PASSWORD", "--sts-endpoint", federa.url, "-o", "credential-process"],
      { env: { ...process.env, BOB_PASSWORD: "Bob!Passw0rd1" } },
    );
    const out = JSON.parse(stdout);
    assert.equal(out.Version, 1);
    assert.match(out.AccessKeyId, /^ASIA/);
    assert.ok(out.SessionToken && out.SecretAccessKey && out.Expiration);
  });
});

describe("expired role sessions", () => {
  it("are refused with ExpiredToken once the credentials end", async () => {
    const { ManualClock } = await import("../../src/shared/index.ts");
    const clock = new ManualClock(new Date());
    const other = await startFedera({}, { clock });
    try {
      const browser = new Browser(other.url);
      const form = readForm((await browser.get("/idp/sso/init")).html);
      const assertion = samlResponseOf(await browser.submit(form, { username: "bob", password: "Bob!Passw0rd1" })).base64;
      const sts = new STSClient({ region: "us-east-1", endpoint: other.url });
      const c = (await sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: DEVELOPERS, PrincipalArn: PROVIDER, SAMLAssertion: assertion, DurationSeconds: 900 }))).Credentials!;
      clock.advance(901_000);
      // The client signs with the server's (moved) clock so that only the session's end is at stake.
      const as = new STSClient({ region: "us-east-1", endpoint: other.url, systemClockOffset: clock.now().getTime() - Date.now(), credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
      await assert.rejects(as.send(new GetCallerIdentityCommand({})), (error: Error) => {
        assert.equal(error.name, "ExpiredToken");
        return true;
      });
    } finally {
      await other.stop();
    }
  });
});
