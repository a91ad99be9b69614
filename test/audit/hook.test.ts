// The dispatcher's onCall hook (src/protocol/routing): told once of every call that reached its
// operation, after answering, with what the client received; never of SigV4 refusals or unknown
// operations; a failing hook or trail-facts function never changes the answer.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { createServer as createHttpsServer, request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { STSClient, GetCallerIdentityCommand, AssumeRoleWithSAMLCommand } from "@aws-sdk/client-sts";
import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";
import {
  AwsError,
  createAwsApiHandler,
  createServiceRegistry,
  queryString,
  type ApiCallRecord,
  type AwsApiHandler,
} from "../../src/protocol/index.ts";
import { createLogger, ManualClock } from "../../src/shared/index.ts";
import { lookup, TEMP, type TestCaller } from "../protocol/support/credentials.ts";
import { sign, AKID, SECRET } from "../protocol/support/sign.ts";
import { selfSignedCertificate } from "../support/embedded-ldap.ts";

const NOW = new Date("2026-11-28T21:00:00.250Z");
const clock = new ManualClock(NOW);
const calls: ApiCallRecord<TestCaller>[] = [];
const trailInputs: { operation: string; params: unknown; output: unknown }[] = [];
const logLines: Record<string, unknown>[] = [];
let hookMode: "record" | "throw" | "reject" = "record";

const logger = createLogger(
  "info",
  new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  }),
);

function handler(): AwsApiHandler {
  const registry = createServiceRegistry<TestCaller>();
  registry.register({
    service: "sts",
    protocol: "query",
    version: "2011-06-15",
    xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
    operations: {
      GetCallerIdentity: {
        handler: ({ caller }) => ({ UserId: caller.accessKeyId, Account: caller.account, Arn: caller.arn }),
        trail: (params, output) => {
          trailInputs.push({ operation: "GetCallerIdentity", params, output });
          return { requestParameters: null, responseElements: null, readOnly: true };
        },
      },
      AssumeRoleWithSAML: {
        unsigned: true,
        handler: ({ params }) => {
          const assertion = queryString(params, "SAMLAssertion");
          if (assertion === "bad") throw new AwsError("InvalidIdentityToken", "Invalid SAML assertion");
          if (assertion === "crash") throw new Error("internal detail");
          return { AssumedRoleUser: { AssumedRoleId: "AROAEXAMPLE:alice", Arn: "arn:aws:sts::111122223333:assumed-role/R/alice" } };
        },
        trail: (params, output) => {
          trailInputs.push({ operation: "AssumeRoleWithSAML", params, output });
          if (queryString(params, "RoleArn") === "arn:aws:iam::111122223333:role/TrailCrash") throw new Error("trail bug");
          return { requestParameters: { roleArn: queryString(params, "RoleArn") }, userIdentity: { type: "SAMLUser", userName: "alice" } };
        },
      },
    },
  });
  registry.register({
    service: "kms",
    protocol: "json",
    targetPrefix: "TrentService",
    operations: {
      Encrypt: {
        handler: ({ params }) => {
          if (params["KeyId"] === "denied") throw new AwsError("AccessDeniedException", "not allowed");
          return { KeyId: "arn:aws:kms:eu-west-1:111122223333:key/k", CiphertextBlob: Buffer.from("blob"), EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
        },
        trail: (params, output) => {
          trailInputs.push({ operation: "Encrypt", params, output });
          return { requestParameters: { keyId: params["KeyId"] }, readOnly: true };
        },
      },
    },
  });
  return createAwsApiHandler(registry, {
    lookup,
    clock,
    logger,
    defaultRegion: "eu-central-1",
    onCall: (record) => {
      if (hookMode === "throw") throw new Error("hook bug AKIAIOSFODNN7EXAMPLE");
      if (hookMode === "reject") return Promise.reject(new Error("async hook bug")) as unknown as void;
      calls.push(record);
    },
  });
}

let server: Server;
let url: string;
before(async () => {
  const api = handler();
  server = createServer((req, res) => api(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  calls.length = 0;
  trailInputs.length = 0;
  logLines.length = 0;
  hookMode = "record";
});

const sts = (credentials = { accessKeyId: AKID, secretAccessKey: SECRET }, region = "us-east-1") =>
  new STSClient({ endpoint: url, region, credentials, maxAttempts: 1, systemClockOffset: NOW.getTime() - Date.now() });
const kms = () => new KMSClient({ endpoint: url, region: "eu-west-1", credentials: { accessKeyId: AKID, secretAccessKey: SECRET }, maxAttempts: 1, systemClockOffset: NOW.getTime() - Date.now() });

/** Lets a hook that runs after the answer has been sent finish. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function signedPost(target: string, body: string, service = "kms"): Promise<Response> {
  const port = (server.address() as AddressInfo).port;
  const signed = await sign({
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": target },
    body,
    service,
    region: "eu-west-1",
    date: NOW,
    host: `127.0.0.1:${port}`,
  });
  const headers = { ...signed.headers };
  delete (headers as Record<string, string>)["host"];
  return fetch(`${url}/`, { method: "POST", headers, body });
}

describe("onCall", () => {
  test("a signed call that succeeds: its caller, time, region, request ID, user agent and trail facts", async () => {
    const answer = await sts(TEMP, "eu-west-1").send(new GetCallerIdentityCommand({}));
    await settle();
    assert.equal(calls.length, 1);
    const [record] = calls;
    assert.equal(record?.service, "sts");
    assert.equal(record?.operation, "GetCallerIdentity");
    assert.equal(record?.caller?.arn, "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice");
    assert.equal(record?.requestId, answer.$metadata.requestId);
    assert.equal(record?.time.getTime(), NOW.getTime());
    assert.equal(record?.region, "eu-west-1");
    assert.equal(record?.sourceIp, "127.0.0.1");
    assert.match(record?.userAgent ?? "", /aws-sdk-js/);
    assert.equal(record?.secureTransport, false);
    assert.equal(record?.tls, undefined);
    assert.deepEqual(record?.trail, { requestParameters: null, responseElements: null, readOnly: true });
    assert.equal(record?.error, undefined);
    assert.equal(trailInputs.length, 1);
    assert.deepEqual({ ...(trailInputs[0]?.params as object) }, {});
    assert.deepEqual(trailInputs[0]?.output, { UserId: TEMP.accessKeyId, Account: "111122223333", Arn: "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice" });
  });

  test("an unsigned operation: no caller, the default region, the operation's own userIdentity", async () => {
    await sts().send(new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::111122223333:role/R", PrincipalArn: "arn:aws:iam::111122223333:saml-provider/ADFS", SAMLAssertion: "good" }));
    await settle();
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.caller, undefined);
    assert.equal(calls[0]?.region, "eu-central-1");
    assert.deepEqual(calls[0]?.trail, { requestParameters: { roleArn: "arn:aws:iam::111122223333:role/R" }, userIdentity: { type: "SAMLUser", userName: "alice" } });
  });

  test("a refused call: the error as the client got it, and trail facts asked with no output", async () => {
    await assert.rejects(
      sts().send(new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::111122223333:role/R", PrincipalArn: "arn:aws:iam::111122223333:saml-provider/ADFS", SAMLAssertion: "bad" })),
      { name: "InvalidIdentityTokenException" },
    );
    await settle();
    assert.deepEqual(calls[0]?.error, { code: "InvalidIdentityToken", message: "Invalid SAML assertion", status: 400 });
    assert.equal(trailInputs[0]?.output, undefined);
    assert.equal((trailInputs[0]?.params as Record<string, unknown>)["SAMLAssertion"], "bad");
  });

  test("an internal failure: InternalFailure with the generic message, as answered", async () => {
    await assert.rejects(
      sts().send(new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::111122223333:role/R", PrincipalArn: "arn:aws:iam::111122223333:saml-provider/ADFS", SAMLAssertion: "crash" })),
      { name: "InternalFailure" },
    );
    await settle();
    assert.deepEqual(calls[0]?.error, { code: "InternalFailure", message: "The request processing has failed because of an unknown error, exception or failure.", status: 500 });
  });

  test("a JSON service: the decoded input reaches the trail facts; a refusal is recorded", async () => {
    await kms().send(new EncryptCommand({ KeyId: "alias/lab", Plaintext: Buffer.from("top secret") }));
    await assert.rejects(kms().send(new EncryptCommand({ KeyId: "denied", Plaintext: Buffer.from("top secret") })), { name: "AccessDeniedException" });
    await settle();
    assert.deepEqual(calls.map((c) => [c.service, c.operation, c.region, c.error?.code]), [
      ["kms", "Encrypt", "eu-west-1", undefined],
      ["kms", "Encrypt", "eu-west-1", "AccessDeniedException"],
    ]);
    assert.deepEqual(calls[0]?.trail, { requestParameters: { keyId: "alias/lab" }, readOnly: true });
    assert.equal((trailInputs[0]?.params as Record<string, unknown>)["Plaintext"], Buffer.from("top secret").toString("base64"));
    assert.equal(trailInputs[1]?.output, undefined);
  });

  test("a body that does not parse, on a verified call: recorded with its error, trail facts not asked", async () => {
    const response = await signedPost("TrentService.Encrypt", "{not json");
    assert.equal(response.status, 400);
    await settle();
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.error?.code, "SerializationException");
    assert.deepEqual(calls[0]?.trail, {});
    assert.equal(trailInputs.length, 0);
  });

  test("not told of SigV4 refusals nor of operations that do not exist", async () => {
    await assert.rejects(sts({ accessKeyId: AKID, secretAccessKey: SECRET.slice(0, -1) + "X" }).send(new GetCallerIdentityCommand({})), { name: "SignatureDoesNotMatch" });
    await assert.rejects(sts({ accessKeyId: "AKIANOTKNOWNEXAMPLE1", secretAccessKey: SECRET }).send(new GetCallerIdentityCommand({})), { name: "InvalidClientTokenId" });
    assert.equal((await signedPost("TrentService.NoSuchOperation", "{}")).status, 400);
    const unsigned = await fetch(`${url}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "Action=NoSuchAction&Version=2011-06-15" });
    assert.equal(unsigned.status, 400);
    await settle();
    assert.equal(calls.length, 0);
  });

  test("a hook that throws, or rejects, changes nothing for the client and is logged without its message", async () => {
    hookMode = "throw";
    const answer = await sts().send(new GetCallerIdentityCommand({}));
    assert.equal(answer.Arn, "arn:aws:iam::111122223333:root");
    hookMode = "reject";
    await sts().send(new GetCallerIdentityCommand({}));
    await settle();
    const failures = logLines.filter((line) => line["event"] === "aws.trail_hook_failed");
    assert.deepEqual(failures.map((f) => [f["stage"], f["operation"], f["errorName"]]), [
      ["onCall", "GetCallerIdentity", "Error"],
      ["onCall", "GetCallerIdentity", "Error"],
    ]);
    assert.equal(JSON.stringify(logLines).includes("AKIAIOSFODNN7EXAMPLE"), false);
  });

  test("trail facts that throw: the call is still answered and recorded, with empty facts", async () => {
    const answer = await sts().send(
      new AssumeRoleWithSAMLCommand({ RoleArn: "arn:aws:iam::111122223333:role/TrailCrash", PrincipalArn: "arn:aws:iam::111122223333:saml-provider/ADFS", SAMLAssertion: "good" }),
    );
    assert.equal(answer.AssumedRoleUser?.Arn, "arn:aws:sts::111122223333:assumed-role/R/alice");
    await settle();
    assert.deepEqual(calls[0]?.trail, {});
    assert.deepEqual(
      logLines.filter((line) => line["event"] === "aws.trail_hook_failed").map((f) => f["stage"]),
      ["trail"],
    );
  });
});

describe("onCall over TLS", () => {
  test("carries the TLS version, cipher suite and Host header", async () => {
    const material = await selfSignedCertificate();
    const api = handler();
    const tlsServer = createHttpsServer({ key: material.key, cert: material.cert }, (req, res) => api(req, res));
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
    const port = (tlsServer.address() as AddressInfo).port;
    try {
      const body = "Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FR&SAMLAssertion=good";
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          { host: "127.0.0.1", port, method: "POST", path: "/", rejectUnauthorized: false, headers: { "content-type": "application/x-www-form-urlencoded", host: "sts.lab.example" } },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject);
        req.end(body);
      });
      assert.equal(status, 200);
      await settle();
      assert.equal(calls[0]?.secureTransport, true);
      assert.match(calls[0]?.tls?.tlsVersion ?? "", /^TLSv1\.[23]$/);
      assert.match(calls[0]?.tls?.cipherSuite ?? "", /^TLS_/);
      assert.equal(calls[0]?.tls?.clientProvidedHostHeader, "sts.lab.example");
    } finally {
      await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
    }
  });
});
