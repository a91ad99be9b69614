// The dispatcher behind a real HTTP server, called by the AWS SDK for JavaScript v3 (STS, IAM) and
// by SDK-signed raw requests (KMS JSON 1.1): signed calls reach the stub handlers, the SDK parses
// the XML answers, and refusals arrive as the SDK's own exception types.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { STSClient, GetCallerIdentityCommand, AssumeRoleWithSAMLCommand } from "@aws-sdk/client-sts";
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { startTestServer, type TestServer } from "./support/server.ts";
import { sign, AKID, SECRET, type SignInput } from "./support/sign.ts";
import { TEMP } from "./support/credentials.ts";

let server: TestServer;
before(async () => {
  server = await startTestServer({ regions: ["us-east-1", "eu-west-1", "eu-central-1"] });
});
after(() => server.close());

function sts(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region = "us-east-1"): STSClient {
  return new STSClient({ endpoint: server.url, region, credentials, maxAttempts: 1 });
}

/** Sends a request signed by the SDK's signer with the current time. */
async function sendSigned(input: Omit<SignInput, "date">): Promise<Response> {
  const signed = await sign({ ...input, date: new Date(), host: `127.0.0.1:${server.port}` });
  const headers = { ...signed.headers };
  delete (headers as Record<string, string>)["host"];
  const url = `${server.url}${signed.request.rawPath}${signed.request.rawQuery ? "?" + signed.request.rawQuery : ""}`;
  return fetch(url, { method: input.method, headers, ...(signed.body.length ? { body: new Uint8Array(signed.body) } : {}) });
}

describe("AWS SDK for JavaScript v3 against the dispatcher", () => {
  test("STSClient GetCallerIdentity is verified and its XML answer parsed", async () => {
    const answer = await sts({ accessKeyId: AKID, secretAccessKey: SECRET }).send(new GetCallerIdentityCommand({}));
    assert.equal(answer.Arn, "arn:aws:iam::111122223333:root");
    assert.equal(answer.Account, "111122223333");
    assert.equal(answer.UserId, AKID);
    assert.match(answer.$metadata.requestId ?? "", /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("with temporary credentials in another region", async () => {
    const answer = await sts(TEMP, "eu-west-1").send(new GetCallerIdentityCommand({}));
    assert.equal(answer.Arn, "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice");
  });

  test("an unknown key is InvalidClientTokenId", async () => {
    await assert.rejects(sts({ accessKeyId: "AKIANOTKNOWNEXAMPLE1", secretAccessKey: SECRET }).send(new GetCallerIdentityCommand({})), (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(error.name, "InvalidClientTokenId");
      assert.equal(error.message, "The security token included in the request is invalid.");
      assert.equal(error.$metadata?.httpStatusCode, 403);
      return true;
    });
  });

  test("a wrong secret is SignatureDoesNotMatch", async () => {
    await assert.rejects(sts({ accessKeyId: AKID, secretAccessKey: SECRET.slice(0, -1) + "X" }).send(new GetCallerIdentityCommand({})), {
      name: "SignatureDoesNotMatch",
      message: /^The request signature we calculated does not match the signature you provided\./,
    });
  });

  test("a region the server does not serve is refused in the scope", async () => {
    await assert.rejects(sts({ accessKeyId: AKID, secretAccessKey: SECRET }, "ap-south-1").send(new GetCallerIdentityCommand({})), {
      name: "SignatureDoesNotMatch",
      message: "Credential should be scoped to a valid region. ",
    });
  });

  test("AssumeRoleWithSAML goes unsigned, routed by its Action", async () => {
    const client = new STSClient({ endpoint: server.url, region: "us-east-1", maxAttempts: 1, credentials: async () => { throw new Error("no credentials needed"); } });
    const answer = await client.send(
      new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::111122223333:role/ADFS-Developers", PrincipalArn: "arn:aws:iam::111122223333:saml-provider/ADFS", SAMLAssertion: "PHNhbWw+" }),
    );
    assert.equal(answer.Credentials?.AccessKeyId, "ASIAEXAMPLEEXAMPLE01");
    assert.equal(answer.Credentials?.Expiration?.toISOString(), "2030-01-01T00:00:00.000Z");
    assert.equal(answer.AssumedRoleUser?.Arn, "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice");
    assert.equal(answer.PackedPolicySize, 6);
    assert.ok(server.calls.includes("AssumeRoleWithSAML:true"), "the handler saw no caller");
  });

  test("a service's AwsError reaches the SDK with its code and message", async () => {
    const client = new STSClient({ endpoint: server.url, region: "us-east-1", maxAttempts: 1, credentials: { accessKeyId: AKID, secretAccessKey: SECRET } });
    await assert.rejects(
      client.send(new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::111122223333:role/R", PrincipalArn: "arn:aws:iam::111122223333:saml-provider/P", SAMLAssertion: "bad" })),
      { name: "InvalidIdentityTokenException", message: "Invalid SAML assertion & <bad>" },
    );
  });

  test("an unexpected failure is InternalFailure, with nothing of its detail", async () => {
    const response = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=r&PrincipalArn=p&SAMLAssertion=crash",
    });
    const body = await response.text();
    assert.equal(response.status, 500);
    assert.match(body, /<Type>Receiver<\/Type><Code>InternalFailure<\/Code>/);
    assert.ok(!body.includes("AKIA") && !body.includes("secret"));
  });

  test("IAMClient ListRoles: lists of <member> parsed into arrays", async () => {
    const client = new IAMClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: AKID, secretAccessKey: SECRET }, maxAttempts: 1 });
    const answer = await client.send(new ListRolesCommand({ PathPrefix: "/" }));
    assert.deepEqual(answer.Roles?.map((role) => role.RoleName), ["ADFS-Developers", "ADFS-Auditors"]);
    assert.equal(answer.Roles?.[1]?.CreateDate?.toISOString(), "2024-01-02T00:00:00.000Z");
    assert.equal(answer.IsTruncated, false);
  });
});

describe("Query dispatch", () => {
  test("no signature on a signed operation is MissingAuthenticationToken", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=GetCallerIdentity&Version=2011-06-15" });
    assert.equal(response.status, 403);
    assert.equal(response.headers.get("content-type"), "text/xml");
    assert.match(response.headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/);
    assert.match(await response.text(), /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>Request is missing Authentication Token<\/Message><\/Error><RequestId>/);
  });

  test("an unknown action, signed, is InvalidAction", async () => {
    const response = await sendSigned({ method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: "Action=GetSessionTokenz&Version=2011-06-15", service: "sts", region: "us-east-1" });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<Code>InvalidAction<\/Code><Message>Could not find operation GetSessionTokenz for version 2011-06-15<\/Message>/);
  });

  test("a wrong or missing Version is InvalidAction", async () => {
    const response = await sendSigned({ method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: "Action=GetCallerIdentity", service: "sts", region: "us-east-1" });
    assert.match(await response.text(), /Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED/);
  });

  test("an unsigned call to an unknown operation or version is InvalidAction, not a demand for credentials", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=AssumeRoleWithSAML&Version=2011-06-14" });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<Code>InvalidAction<\/Code><Message>Could not find operation AssumeRoleWithSAML for version 2011-06-14<\/Message>/);
  });

  test("Action=constructor is no operation", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=constructor&Version=2011-06-15" });
    assert.equal(response.status, 400);
    assert.match(await response.text(), /<Code>InvalidAction<\/Code>/);
  });

  test("a presigned GET is verified", async () => {
    const response = await sendSigned({ method: "GET", path: "/", query: { Action: "GetCallerIdentity", Version: "2011-06-15" }, service: "sts", region: "us-east-1", presignExpiresIn: 60 });
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<Arn>arn:aws:iam::111122223333:root<\/Arn>/);
  });

  test("a signed request changed on the way is SignatureDoesNotMatch", async () => {
    const signed = await sign({ method: "POST", path: "/", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: "Action=GetCallerIdentity&Version=2011-06-15", service: "sts", region: "us-east-1", date: new Date(), host: `127.0.0.1:${server.port}` });
    const headers = { ...signed.headers } as Record<string, string>;
    delete headers["host"];
    const response = await fetch(server.url, { method: "POST", headers, body: "Action=GetCallerIdentity&Version=2011-06-16" });
    assert.equal(response.status, 403);
    assert.match(await response.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  test("a body over 1 MiB is refused", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=AssumeRoleWithSAML&SAMLAssertion=" + "a".repeat(1024 * 1024) });
    assert.equal(response.status, 413);
  });
});

describe("JSON 1.1 dispatch (KMS shape)", () => {
  const kms = (target: string, body: object, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = TEMP) =>
    sendSigned({
      method: "POST",
      path: "/",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
      body: JSON.stringify(body),
      service: "kms",
      region: "eu-central-1",
      credentials,
    });

  test("a signed call reaches the handler; blobs come back base64", async () => {
    const response = await kms("TrentService.Encrypt", { KeyId: "alias/lab", Plaintext: "aGk=" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/x-amz-json-1.1");
    assert.deepEqual(await response.json(), {
      KeyId: "alias/lab",
      CiphertextBlob: Buffer.from("ciphertext").toString("base64"),
      EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      Caller: "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice",
    });
  });

  test("a service error is {__type, message} with its status", async () => {
    const response = await kms("TrentService.Encrypt", { KeyId: "missing" });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { __type: "NotFoundException", message: "Key 'missing' does not exist" });
  });

  test("an unknown operation is UnknownOperationException", async () => {
    const response = await kms("TrentService.Frobnicate", {});
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { __type: "UnknownOperationException" });
  });

  test("refusals: UnrecognizedClientException, InvalidSignatureException, MissingAuthenticationTokenException", async () => {
    const unknown = await kms("TrentService.Encrypt", {}, { accessKeyId: "AKIANOTKNOWNEXAMPLE1", secretAccessKey: SECRET });
    assert.deepEqual([unknown.status, await unknown.json()], [400, { __type: "UnrecognizedClientException", message: "The security token included in the request is invalid." }]);
    const wrong = await kms("TrentService.Encrypt", {}, { ...TEMP, secretAccessKey: SECRET });
    assert.equal(((await wrong.json()) as { __type: string }).__type, "InvalidSignatureException");
    const unsigned = await fetch(server.url, { method: "POST", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.Encrypt" }, body: "{}" });
    assert.deepEqual([unsigned.status, await unsigned.json()], [400, { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" }]);
  });

  test("credentials scoped to another service are refused", async () => {
    const response = await sendSigned({ method: "POST", path: "/", headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.Encrypt" }, body: "{}", service: "kmz", region: "eu-central-1", credentials: TEMP });
    assert.deepEqual(await response.json(), { __type: "InvalidSignatureException", message: "Credential should be scoped to correct service: 'kms'. " });
  });
});

describe("isAwsApiRequest", () => {
  test("pages of the IdP and console are not AWS API requests", async () => {
    for (const path of ["/idp/sso", "/saml", "/console", "/health"]) {
      const response = await fetch(server.url + path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "SAMLResponse=x" });
      assert.equal(response.status, 404, path);
      assert.equal(await response.text(), "not an AWS API request\n");
    }
  });
});
