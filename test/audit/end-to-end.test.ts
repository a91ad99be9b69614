// The audit trail end to end: federa's own STS and IAM service definitions and credential lookup
// behind the protocol dispatcher on a real HTTP server, with a KMS stand-in that declares trail
// facts as KMS operations will, called by the AWS SDK as the lab's root, an IAM user and a SAML
// role session. Every call becomes a CloudTrail event in the SQLite store and in the JSON Lines
// file, the same event in both; and no secret used or made on the way is anywhere in the file.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { STSClient, GetCallerIdentityCommand, AssumeRoleWithSAMLCommand, DecodeAuthorizationMessageCommand } from "@aws-sdk/client-sts";
import { IAMClient, CreateUserCommand, CreateAccessKeyCommand } from "@aws-sdk/client-iam";
import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";
import { createAuditTrail, type AuditTrail, type CloudTrailEvent } from "../../src/audit/index.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { loadOrCreateServiceKey } from "../../src/crypto/index.ts";
import { AWS_SIGNIN_SAML, LAB_ACCOUNT, LAB_ROOT_ACCESS_KEY_ID, LAB_ROOT_SECRET_ACCESS_KEY, createAuthorizationMessages, createAuthorizer, createIamService, createPolicyCache, iamService } from "../../src/iam/index.ts";
import {
  createCredentialLookup,
  createSessionPolicyCheck,
  createSessionTokens,
  createTrustPolicyHook,
  MemoryReplayCache,
  stsService,
  type Caller,
  type TemporaryCredentials,
} from "../../src/sts/index.ts";
import { AwsError, createAwsApiHandler, createServiceRegistry, isAwsApiRequest, type JsonServiceDefinition } from "../../src/protocol/index.ts";
import { silentLogger, systemClock } from "../../src/shared/index.ts";

const ROOT = { accessKeyId: LAB_ROOT_ACCESS_KEY_ID, secretAccessKey: LAB_ROOT_SECRET_ACCESS_KEY };
const PLAINTEXT = "the lab's top secret plaintext";
const SAML_ASSERTION = Buffer.from("<samlp:Response>not a real assertion: PHNhbWxwOlJlc3BvbnNlPg==</samlp:Response>").toString("base64");
const KEY_ARN = `arn:aws:kms:us-east-1:${LAB_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

let dataDir: string;
let jsonlPath: string;
let store: Store;
let trail: AuditTrail;
let server: Server;
let url: string;
let session: TemporaryCredentials;
let userKey: { accessKeyId: string; secretAccessKey: string };

/** A KMS stand-in: Encrypt declares its trail facts as KMS's operations will (and, wrongly, its plaintext, for the second net). */
function kmsStandIn(): JsonServiceDefinition<Caller> {
  return {
    service: "kms",
    protocol: "json",
    targetPrefix: "TrentService",
    operations: {
      Encrypt: {
        handler: ({ params, caller }) => {
          if (caller.principal.type === "assumed-role") throw new AwsError("AccessDeniedException", `User: ${caller.arn} is not authorized to perform: kms:Encrypt on resource: ${KEY_ARN} because no identity-based policy allows the kms:Encrypt action`);
          return { KeyId: KEY_ARN, CiphertextBlob: Buffer.from(`sealed:${String(params["Plaintext"])}`), EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
        },
        trail: (params) => ({
          requestParameters: { keyId: params["KeyId"], encryptionContext: params["EncryptionContext"], encryptionAlgorithm: "SYMMETRIC_DEFAULT", plaintext: params["Plaintext"] },
          responseElements: null,
          resources: [{ ARN: KEY_ARN, accountId: LAB_ACCOUNT, type: "AWS::KMS::Key" }],
          readOnly: true,
        }),
      },
    },
  };
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "federa-audit-e2e-"));
  jsonlPath = join(dataDir, "trail", "cloudtrail.jsonl");
  store = openSqliteStore(join(dataDir, "federa.db"));
  const clock = systemClock;
  const iam = createIamService(store.iam, clock);
  await iam.ensureAccount(LAB_ACCOUNT);
  await iam.repo.putAccessKey({ ...ROOT, accountId: LAB_ACCOUNT, userName: null, status: "Active", createdAt: new Date() });
  const serviceKey = loadOrCreateServiceKey(dataDir);
  const tokens = createSessionTokens(serviceKey);
  const policies = createPolicyCache();
  const registry = createServiceRegistry<Caller>();
  const authorize = createAuthorizer(iam, { clock, cache: policies });
  const messages = createAuthorizationMessages(serviceKey);
  registry.register(
    stsService(
      {
        iam,
        tokens,
        replay: new MemoryReplayCache(),
        acceptedRecipients: [AWS_SIGNIN_SAML],
        evaluateTrustPolicy: createTrustPolicyHook(iam, policies),
        checkSessionPolicy: createSessionPolicyCheck(policies),
      },
      { authorize, messages },
    ),
  );
  registry.register(iamService({ iam, authorize, messages }));
  registry.register(kmsStandIn());
  // As src/server wires it.
  trail = createAuditTrail({ repository: store.audit, jsonlPath, logger: silentLogger });
  const awsApi = createAwsApiHandler(registry, { lookup: createCredentialLookup(iam, tokens, clock), clock, logger: silentLogger, defaultRegion: "us-east-1", onCall: trail.onCall });
  server = createServer((req, res) => (isAwsApiRequest(req) ? awsApi(req, res) : res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A SAML role session, as AssumeRoleWithSAML mints it.
  const issuedAt = Date.now() - 60_000;
  session = await tokens.mint({
    accountId: LAB_ACCOUNT,
    roleArn: `arn:aws:iam::${LAB_ACCOUNT}:role/ADFS-Developers`,
    roleId: "AROAIDPPEZS35WEXAMPLE",
    roleName: "ADFS-Developers",
    roleSessionName: "alice@corp.example.test",
    issuedAt,
    expiresAt: issuedAt + 3_600_000,
    sourceIdentity: "alice",
    federation: { provider: `arn:aws:iam::${LAB_ACCOUNT}:saml-provider/ADFS`, subject: "CORP\\alice", subjectType: "persistent", issuer: "http://127.0.0.1:4577/idp/metadata" },
  });
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await trail.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => new STSClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 });
const kms = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => new KMSClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 });

function fileEvents(): CloudTrailEvent[] {
  return readFileSync(jsonlPath, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CloudTrailEvent);
}

describe("every AWS API call becomes a CloudTrail event", () => {
  before(async () => {
    await sts(ROOT).send(new GetCallerIdentityCommand({}));
    const iam = new IAMClient({ endpoint: url, region: "us-east-1", credentials: ROOT, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: "auditor" }));
    const made = await iam.send(new CreateAccessKeyCommand({ UserName: "auditor" }));
    userKey = { accessKeyId: made.AccessKey!.AccessKeyId!, secretAccessKey: made.AccessKey!.SecretAccessKey! };
    await sts(userKey).send(new GetCallerIdentityCommand({}));
    await sts(session).send(new GetCallerIdentityCommand({}));
    await kms(ROOT).send(new EncryptCommand({ KeyId: "alias/lab", Plaintext: Buffer.from(PLAINTEXT), EncryptionContext: { Department: "Engineering" } }));
    await assert.rejects(kms(session).send(new EncryptCommand({ KeyId: "alias/lab", Plaintext: Buffer.from(PLAINTEXT) })), { name: "AccessDeniedException" });
    await assert.rejects(sts(ROOT).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: "not-a-message" })), { name: "InvalidAuthorizationMessageException" });
    await assert.rejects(
      sts(ROOT).send(new AssumeRoleWithSAMLCommand({ RoleArn: `arn:aws:iam::${LAB_ACCOUNT}:role/ADFS-Developers`, PrincipalArn: `arn:aws:iam::${LAB_ACCOUNT}:saml-provider/ADFS`, SAMLAssertion: SAML_ASSERTION })),
    );
    // Not recorded: a signature that does not verify.
    await assert.rejects(sts({ ...ROOT, secretAccessKey: ROOT.secretAccessKey.replace(/.$/, "X") }).send(new GetCallerIdentityCommand({})), { name: "SignatureDoesNotMatch" });
    await trail.flush();
  });

  test("the store and the JSON Lines file hold the same events, one per call, in order", async () => {
    const stored = await trail.list();
    const lines = fileEvents();
    assert.deepEqual(
      lines.map((e) => `${e.eventSource} ${e.eventName}`),
      [
        "sts.amazonaws.com GetCallerIdentity",
        "iam.amazonaws.com CreateUser",
        "iam.amazonaws.com CreateAccessKey",
        "sts.amazonaws.com GetCallerIdentity",
        "sts.amazonaws.com GetCallerIdentity",
        "kms.amazonaws.com Encrypt",
        "kms.amazonaws.com Encrypt",
        "sts.amazonaws.com DecodeAuthorizationMessage",
        "sts.amazonaws.com AssumeRoleWithSAML",
      ],
    );
    assert.deepEqual(stored, [...lines].reverse());
    assert.equal(statSync(jsonlPath).mode & 0o777, 0o600);
    for (const event of lines) {
      assert.equal(event.eventVersion, "1.11");
      assert.match(event.eventTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.equal(event.awsRegion, "us-east-1");
      assert.equal(event.sourceIPAddress, "127.0.0.1");
      assert.match(event.userAgent, /aws-sdk-js/);
      assert.equal(event.eventType, "AwsApiCall");
      assert.equal(event.eventCategory, "Management");
      assert.equal(event.managementEvent, true);
      // A refused AssumeRoleWithSAML is recorded for the account of the role it asked for.
      assert.equal(event.recipientAccountId, LAB_ACCOUNT);
    }
  });

  test("the lab's root, an IAM user and a SAML role session, as CloudTrail names them", async () => {
    const calls = fileEvents().filter((e) => e.eventName === "GetCallerIdentity");
    assert.deepEqual(calls[0]?.userIdentity, { type: "Root", principalId: LAB_ACCOUNT, arn: `arn:aws:iam::${LAB_ACCOUNT}:root`, accountId: LAB_ACCOUNT, accessKeyId: ROOT.accessKeyId });
    assert.equal(calls[1]?.userIdentity.type, "IAMUser");
    assert.equal(calls[1]?.userIdentity.userName, "auditor");
    assert.equal(calls[1]?.userIdentity.arn, `arn:aws:iam::${LAB_ACCOUNT}:user/auditor`);
    assert.match(calls[1]?.userIdentity.principalId ?? "", /^AIDA[A-Z2-7]{17}$/);
    assert.equal(calls[1]?.userIdentity.accessKeyId, userKey.accessKeyId);
    const assumed = calls[2]?.userIdentity;
    assert.equal(assumed?.type, "AssumedRole");
    assert.equal(assumed?.arn, `arn:aws:sts::${LAB_ACCOUNT}:assumed-role/ADFS-Developers/alice@corp.example.test`);
    assert.equal(assumed?.principalId, "AROAIDPPEZS35WEXAMPLE:alice@corp.example.test");
    assert.equal(assumed?.accessKeyId, session.accessKeyId);
    assert.deepEqual(assumed?.sessionContext?.sessionIssuer, {
      type: "Role",
      principalId: "AROAIDPPEZS35WEXAMPLE",
      arn: `arn:aws:iam::${LAB_ACCOUNT}:role/ADFS-Developers`,
      accountId: LAB_ACCOUNT,
      userName: "ADFS-Developers",
    });
    assert.equal(assumed?.sessionContext?.attributes.mfaAuthenticated, "false");
    assert.match(assumed?.sessionContext?.attributes.creationDate ?? "", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.equal(assumed?.sessionContext?.sourceIdentity, "alice");
  });

  test("KMS calls, allowed and denied: requestParameters without the plaintext, the denial's code and message", async () => {
    const [allowed, denied] = fileEvents().filter((e) => e.eventSource === "kms.amazonaws.com");
    assert.deepEqual(allowed?.requestParameters, { keyId: "alias/lab", encryptionContext: { Department: "Engineering" }, encryptionAlgorithm: "SYMMETRIC_DEFAULT" });
    assert.equal(allowed?.responseElements, null);
    assert.equal(allowed?.readOnly, true);
    assert.deepEqual(allowed?.resources, [{ accountId: LAB_ACCOUNT, type: "AWS::KMS::Key", ARN: KEY_ARN }]);
    assert.equal(allowed?.errorCode, undefined);
    assert.equal(denied?.errorCode, "AccessDeniedException");
    assert.equal(
      denied?.errorMessage,
      `User: arn:aws:sts::${LAB_ACCOUNT}:assumed-role/ADFS-Developers/alice@corp.example.test is not authorized to perform: kms:Encrypt on resource: ${KEY_ARN} because no identity-based policy allows the kms:Encrypt action`,
    );
    assert.equal(denied?.userIdentity.type, "AssumedRole");
  });

  test("STS failures: a signed one with its caller, an unsigned AssumeRoleWithSAML as Unknown with the role it asked for", async () => {
    const events = fileEvents();
    const decode = events.find((e) => e.eventName === "DecodeAuthorizationMessage");
    assert.equal(decode?.errorCode, "InvalidAuthorizationMessageException");
    assert.equal(decode?.userIdentity.type, "Root");
    const saml = events.find((e) => e.eventName === "AssumeRoleWithSAML");
    assert.ok(saml?.errorCode);
    assert.ok(saml?.errorMessage);
    assert.deepEqual(saml?.userIdentity, { type: "Unknown" });
    assert.deepEqual(saml?.requestParameters, { roleArn: `arn:aws:iam::${LAB_ACCOUNT}:role/ADFS-Developers`, principalArn: `arn:aws:iam::${LAB_ACCOUNT}:saml-provider/ADFS` });
  });

  test("no secret used or made on the way is in the file or the store", async () => {
    const file = readFileSync(jsonlPath, "utf8");
    const storedText = JSON.stringify(await trail.list());
    const secrets = {
      "root secret key": ROOT.secretAccessKey,
      "session secret key": session.secretAccessKey,
      "session token": session.sessionToken,
      "the new user's secret key": userKey.secretAccessKey,
      plaintext: PLAINTEXT,
      "plaintext, base64": Buffer.from(PLAINTEXT).toString("base64"),
      "SAML assertion": SAML_ASSERTION,
    };
    for (const [what, secret] of Object.entries(secrets)) {
      assert.equal(file.includes(secret), false, `${what} is in the JSON Lines file`);
      assert.equal(storedText.includes(secret), false, `${what} is in the store`);
    }
    assert.doesNotMatch(file, /secretAccessKey|sessionToken|SAMLAssertion|"plaintext"/i);
  });
});
