// The AWS CLI v2 (Debian's /usr/bin/aws) against the dispatcher: it signs with botocore, so these
// requests come from a second, independent SigV4 implementation. Installed by `apt-get install awscli`.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { startTestServer, type TestServer } from "./support/server.ts";
import { AKID, SECRET } from "./support/sign.ts";
import { TEMP } from "./support/credentials.ts";

const AWS_CLI = "/usr/bin/aws";

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function aws(args: string[], credentials: Record<string, string>): Promise<CliResult> {
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "/usr/bin:/bin",
    HOME: process.env["HOME"] ?? "/tmp",
    AWS_DEFAULT_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
    ...credentials,
  };
  return new Promise((resolve) => {
    execFile(AWS_CLI, [...args, "--endpoint-url", server.url, "--output", "json"], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const longTerm = { AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET };

describe("AWS CLI v2", () => {
  test("is the CLI v2", async () => {
    const result = await new Promise<string>((resolve, reject) => execFile(AWS_CLI, ["--version"], (error, stdout) => (error ? reject(error) : resolve(stdout))));
    assert.match(result, /^aws-cli\/2\./);
  });

  test("sts get-caller-identity is verified and answered", async () => {
    const before = server.calls.length;
    const result = await aws(["sts", "get-caller-identity"], longTerm);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { UserId: AKID, Account: "111122223333", Arn: "arn:aws:iam::111122223333:root" });
    assert.deepEqual(server.calls.slice(before), ["GetCallerIdentity"]);
  });

  test("with temporary credentials (AWS_SESSION_TOKEN)", async () => {
    const result = await aws(["sts", "get-caller-identity"], { AWS_ACCESS_KEY_ID: TEMP.accessKeyId, AWS_SECRET_ACCESS_KEY: TEMP.secretAccessKey, AWS_SESSION_TOKEN: TEMP.sessionToken });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).Arn, "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice");
  });

  test("a wrong secret is SignatureDoesNotMatch", async () => {
    const result = await aws(["sts", "get-caller-identity"], { AWS_ACCESS_KEY_ID: AKID, AWS_SECRET_ACCESS_KEY: SECRET.replace("EXAMPLEKEY", "EXAMPLEKEZ") });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /An error occurred \(SignatureDoesNotMatch\) when calling the GetCallerIdentity operation: The request signature we calculated does not match/);
  });

  test("an unknown key is InvalidClientTokenId", async () => {
    const result = await aws(["sts", "get-caller-identity"], { AWS_ACCESS_KEY_ID: "AKIANOTKNOWNEXAMPLE1", AWS_SECRET_ACCESS_KEY: SECRET });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /\(InvalidClientTokenId\) when calling the GetCallerIdentity operation: The security token included in the request is invalid\./);
  });

  test("sts assume-role-with-saml goes unsigned, without any credentials", async () => {
    const result = await aws(
      ["sts", "assume-role-with-saml", "--role-arn", "arn:aws:iam::111122223333:role/ADFS-Developers", "--principal-arn", "arn:aws:iam::111122223333:saml-provider/ADFS", "--saml-assertion", "PHNhbWw+"],
      {},
    );
    assert.equal(result.code, 0, result.stderr);
    const answer = JSON.parse(result.stdout);
    assert.equal(answer.Credentials.AccessKeyId, "ASIAEXAMPLEEXAMPLE01");
    assert.equal(answer.AssumedRoleUser.Arn, "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice");
  });

  test("iam list-roles", async () => {
    const result = await aws(["iam", "list-roles"], longTerm);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).Roles.map((role: { RoleName: string }) => role.RoleName), ["ADFS-Developers", "ADFS-Auditors"]);
  });
});
