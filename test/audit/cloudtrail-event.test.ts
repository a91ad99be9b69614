// The CloudTrail event builder: the userIdentity of root, IAM user and SAML role-session callers
// as AWS documents it, failures with their code and message, unsigned calls (SAMLUser, Unknown),
// TLS details, CloudTrail's time format, and the caller's secret never copied.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { toAuditRow, toCloudTrailEvent, cloudTrailTime, type TrailCaller } from "../../src/audit/index.ts";
import type { ApiCallRecord } from "../../src/protocol/index.ts";
import type { Caller } from "../../src/sts/index.ts";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const SESSION_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

/** STS's caller records, as its credential lookup builds them (secrets included). */
const root: Caller = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: SECRET,
  accountId: "111122223333",
  arn: "arn:aws:iam::111122223333:root",
  userId: "111122223333",
  principal: { type: "root", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333", userId: "111122223333" },
};

const user: Caller = {
  accessKeyId: "AKIAI44QH8DHBEXAMPLE",
  secretAccessKey: SECRET,
  accountId: "111122223333",
  arn: "arn:aws:iam::111122223333:user/ops/Alice",
  userId: "AIDAJ45Q7YFFAREXAMPLE",
  userName: "Alice",
  principal: { type: "user", arn: "arn:aws:iam::111122223333:user/ops/Alice", accountId: "111122223333", userId: "AIDAJ45Q7YFFAREXAMPLE", username: "Alice" },
};

const sessionArn = "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice@corp.example.test";
const samlSession: Caller = {
  accessKeyId: "ASIAIOSFODNN7EXAMPLE",
  secretAccessKey: SESSION_SECRET,
  sessionToken: "required",
  expiresAt: new Date("2026-11-28T22:00:00Z"),
  accountId: "111122223333",
  arn: sessionArn,
  userId: "AROAIDPPEZS35WEXAMPLE:alice@corp.example.test",
  principal: { type: "assumed-role", arn: sessionArn, accountId: "111122223333", roleArn: "arn:aws:iam::111122223333:role/ADFS-Developers", userId: "AROAIDPPEZS35WEXAMPLE:alice@corp.example.test" },
  session: {
    accessKeyId: "ASIAIOSFODNN7EXAMPLE",
    secretAccessKey: SESSION_SECRET,
    accountId: "111122223333",
    roleArn: "arn:aws:iam::111122223333:role/ADFS-Developers",
    roleId: "AROAIDPPEZS35WEXAMPLE",
    roleName: "ADFS-Developers",
    roleSessionName: "alice@corp.example.test",
    issuedAt: Date.parse("2026-11-28T20:45:12.345Z"),
    expiresAt: Date.parse("2026-11-28T21:45:12.345Z"),
    sourceIdentity: "alice",
    federation: { provider: "arn:aws:iam::111122223333:saml-provider/ADFS", subject: "CORP\\alice", subjectType: "persistent", issuer: "http://127.0.0.1:4577/idp/metadata" },
  },
};

// STS's Caller is what the server hands to the trail: it must stay a TrailCaller.
const _callerFits: TrailCaller = root;
void _callerFits;

function call(over: Partial<ApiCallRecord<TrailCaller>> = {}): ApiCallRecord<TrailCaller> {
  return {
    service: "kms",
    operation: "Encrypt",
    caller: root,
    requestId: "f3423043-63bc-11e4-bc2b-4198b6150d5c",
    time: new Date("2026-11-28T21:00:00.789Z"),
    region: "us-east-1",
    sourceIp: "192.0.2.0",
    userAgent: "aws-cli/2.15.0 Python/3.11.6",
    secureTransport: false,
    trail: {},
    ...over,
  };
}

describe("the event's own fields", () => {
  test("as CloudTrail writes a management event, in its order", () => {
    const trail = {
      requestParameters: { keyId: "alias/lab", encryptionContext: { Department: "Engineering" }, encryptionAlgorithm: "SYMMETRIC_DEFAULT" },
      resources: [{ ARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", accountId: "111122223333", type: "AWS::KMS::Key" }],
      readOnly: true,
    };
    const event = toCloudTrailEvent(call({ trail }), { eventId: "91235988-eb87-476a-ac2c-0cdc244e6dca" });
    assert.deepEqual(Object.keys(event), [
      "eventVersion",
      "userIdentity",
      "eventTime",
      "eventSource",
      "eventName",
      "awsRegion",
      "sourceIPAddress",
      "userAgent",
      "requestParameters",
      "responseElements",
      "requestID",
      "eventID",
      "readOnly",
      "resources",
      "eventType",
      "managementEvent",
      "recipientAccountId",
      "eventCategory",
    ]);
    assert.equal(event.eventVersion, "1.11");
    assert.equal(event.eventTime, "2026-11-28T21:00:00Z");
    assert.equal(event.eventSource, "kms.amazonaws.com");
    assert.equal(event.eventName, "Encrypt");
    assert.equal(event.awsRegion, "us-east-1");
    assert.equal(event.sourceIPAddress, "192.0.2.0");
    assert.equal(event.userAgent, "aws-cli/2.15.0 Python/3.11.6");
    assert.deepEqual(event.requestParameters, trail.requestParameters);
    assert.equal(event.responseElements, null);
    assert.equal(event.requestID, "f3423043-63bc-11e4-bc2b-4198b6150d5c");
    assert.equal(event.eventID, "91235988-eb87-476a-ac2c-0cdc244e6dca");
    assert.equal(event.readOnly, true);
    assert.deepEqual(event.resources, [{ accountId: "111122223333", type: "AWS::KMS::Key", ARN: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab" }]);
    assert.equal(event.eventType, "AwsApiCall");
    assert.equal(event.managementEvent, true);
    assert.equal(event.recipientAccountId, "111122223333");
    assert.equal(event.eventCategory, "Management");
    assert.equal("tlsDetails" in event, false);
    assert.equal("errorCode" in event, false);
  });

  test("an operation without trail facts has null requestParameters; readOnly follows the name", () => {
    const written = toCloudTrailEvent(call({ service: "iam", operation: "CreateRole" }));
    assert.equal(written.requestParameters, null);
    assert.equal(written.responseElements, null);
    assert.equal(written.readOnly, false);
    assert.equal("resources" in written, false);
    assert.equal(toCloudTrailEvent(call({ service: "iam", operation: "ListRoles" })).readOnly, true);
    assert.equal(toCloudTrailEvent(call({ service: "sts", operation: "GetCallerIdentity" })).readOnly, true);
    // A random UUID unless given.
    assert.match(written.eventID, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("TLS details only for calls that came over TLS", () => {
    const tls = { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: "kms.lab.example:4577" };
    const event = toCloudTrailEvent(call({ secureTransport: true, tls }));
    assert.deepEqual(event.tlsDetails, tls);
    assert.equal(Object.keys(event).at(-1), "tlsDetails");
  });

  test("time to the second, in UTC", () => {
    assert.equal(cloudTrailTime(new Date("2026-01-02T03:04:05.999Z")), "2026-01-02T03:04:05Z");
  });

  test("a very long user agent is cut at 1 KiB", () => {
    assert.equal(toCloudTrailEvent(call({ userAgent: "x".repeat(5000) })).userAgent.length, 1024);
  });
});

describe("userIdentity", () => {
  test("root", () => {
    assert.deepEqual(toCloudTrailEvent(call()).userIdentity, {
      type: "Root",
      principalId: "111122223333",
      arn: "arn:aws:iam::111122223333:root",
      accountId: "111122223333",
      accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    });
  });

  test("an IAM user", () => {
    assert.deepEqual(toCloudTrailEvent(call({ caller: user })).userIdentity, {
      type: "IAMUser",
      principalId: "AIDAJ45Q7YFFAREXAMPLE",
      arn: "arn:aws:iam::111122223333:user/ops/Alice",
      accountId: "111122223333",
      accessKeyId: "AKIAI44QH8DHBEXAMPLE",
      userName: "Alice",
    });
  });

  test("a role session from AssumeRoleWithSAML, with its session context", () => {
    assert.deepEqual(toCloudTrailEvent(call({ caller: samlSession })).userIdentity, {
      type: "AssumedRole",
      principalId: "AROAIDPPEZS35WEXAMPLE:alice@corp.example.test",
      arn: sessionArn,
      accountId: "111122223333",
      accessKeyId: "ASIAIOSFODNN7EXAMPLE",
      sessionContext: {
        sessionIssuer: {
          type: "Role",
          principalId: "AROAIDPPEZS35WEXAMPLE",
          arn: "arn:aws:iam::111122223333:role/ADFS-Developers",
          accountId: "111122223333",
          userName: "ADFS-Developers",
        },
        webIdFederationData: {},
        attributes: { creationDate: "2026-11-28T20:45:12Z", mfaAuthenticated: "false" },
        sourceIdentity: "alice",
      },
    });
  });

  test("a session whose claims lack the role's id and name takes them from the ARNs", () => {
    const session = { roleArn: "arn:aws:iam::111122223333:role/lab/ADFS-KeyAdmins" };
    const event = toCloudTrailEvent(call({ caller: { ...samlSession, session } as TrailCaller }));
    assert.deepEqual(event.userIdentity.sessionContext?.sessionIssuer, {
      type: "Role",
      principalId: "AROAIDPPEZS35WEXAMPLE",
      arn: "arn:aws:iam::111122223333:role/lab/ADFS-KeyAdmins",
      accountId: "111122223333",
      userName: "ADFS-KeyAdmins",
    });
    // No issue time known: the call's own time.
    assert.equal(event.userIdentity.sessionContext?.attributes.creationDate, "2026-11-28T21:00:00Z");
    assert.equal("sourceIdentity" in event.userIdentity.sessionContext!, false);
  });

  test("an unsigned AssumeRoleWithSAML: the SAMLUser its operation names, the role's account as recipient", () => {
    const event = toCloudTrailEvent(
      call({
        service: "sts",
        operation: "AssumeRoleWithSAML",
        caller: undefined,
        trail: {
          userIdentity: { type: "SAMLUser", principalId: "SqZ6ExAmPlE=:CORP\\alice", userName: "CORP\\alice", identityProvider: "SqZ6ExAmPlE=", secretAccessKey: SECRET },
          requestParameters: { roleArn: "arn:aws:iam::111122223333:role/ADFS-Developers", principalArn: "arn:aws:iam::111122223333:saml-provider/ADFS", durationSeconds: 3600 },
          resources: [{ ARN: "arn:aws:iam::111122223333:role/ADFS-Developers", accountId: "111122223333", type: "AWS::IAM::Role" }],
        },
      }),
    );
    assert.deepEqual(event.userIdentity, { type: "SAMLUser", principalId: "SqZ6ExAmPlE=:CORP\\alice", userName: "CORP\\alice", identityProvider: "SqZ6ExAmPlE=" });
    assert.equal(event.recipientAccountId, "111122223333");
  });

  test("an unsigned call that names no one: Unknown", () => {
    const event = toCloudTrailEvent(call({ service: "sts", operation: "AssumeRoleWithSAML", caller: undefined }));
    assert.deepEqual(event.userIdentity, { type: "Unknown" });
    assert.equal(event.recipientAccountId, "");
  });

  test("the caller's secret access key and the session's secret never get into the event", () => {
    for (const caller of [root, user, samlSession]) {
      const text = JSON.stringify(toCloudTrailEvent(call({ caller })));
      assert.equal(text.includes(SECRET), false);
      assert.equal(text.includes(SESSION_SECRET), false);
      assert.equal(text.toLowerCase().includes("secretaccesskey"), false);
    }
  });
});

describe("failures", () => {
  test("a refused call carries the error code and message the client received, and no responseElements", () => {
    const message = `User: ${sessionArn} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab because no identity-based policy allows the kms:Decrypt action`;
    const event = toCloudTrailEvent(
      call({
        operation: "Decrypt",
        caller: samlSession,
        error: { code: "AccessDeniedException", message, status: 400 },
        trail: { requestParameters: { encryptionAlgorithm: "SYMMETRIC_DEFAULT" }, responseElements: { keyId: "should not show" } },
      }),
    );
    assert.equal(event.errorCode, "AccessDeniedException");
    assert.equal(event.errorMessage, message);
    assert.deepEqual(event.requestParameters, { encryptionAlgorithm: "SYMMETRIC_DEFAULT" });
    assert.equal(event.responseElements, null);
    // errorCode and errorMessage come right after userAgent, as in CloudTrail.
    const keys = Object.keys(event);
    assert.deepEqual(keys.slice(keys.indexOf("userAgent"), keys.indexOf("userAgent") + 4), ["userAgent", "errorCode", "errorMessage", "requestParameters"]);
  });

  test("an internal failure shows as the client saw it", () => {
    const event = toCloudTrailEvent(
      call({ error: { code: "InternalFailure", message: "The request processing has failed because of an unknown error, exception or failure.", status: 500 } }),
    );
    assert.equal(event.errorCode, "InternalFailure");
    assert.equal(event.errorMessage, "The request processing has failed because of an unknown error, exception or failure.");
  });
});

describe("secrets in trail facts", () => {
  test("are scrubbed from requestParameters and responseElements, and reported by path", () => {
    const removed: string[] = [];
    const event = toCloudTrailEvent(
      call({
        operation: "GenerateDataKey",
        trail: {
          requestParameters: { keyId: "alias/lab", Plaintext: "c2VjcmV0", numberOfBytes: 32 },
          responseElements: { keyId: "k", plaintext: "AAAA", credentials: { accessKeyId: "ASIAX", sessionToken: "tok", secretAccessKey: "s" } },
        },
      }),
      { onRedacted: (path, reason) => removed.push(`${path}:${reason}`) },
    );
    assert.deepEqual(event.requestParameters, { keyId: "alias/lab", numberOfBytes: 32 });
    assert.deepEqual(event.responseElements, { keyId: "k", credentials: { accessKeyId: "ASIAX" } });
    assert.deepEqual(removed.sort(), [
      "requestParameters.Plaintext:secret-name",
      "responseElements.credentials.secretAccessKey:secret-name",
      "responseElements.credentials.sessionToken:secret-name",
      "responseElements.plaintext:secret-name",
    ]);
  });
});

describe("the store's row: the keys an event used (GetKeyLastUsage)", () => {
  const OWN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const FOREIGN = "arn:aws:kms:us-east-1:444455556666:key/0f0f0f0f-1111-2222-3333-444444444444";
  const key = (arn: string) => ({ ARN: arn, accountId: arn.split(":")[4]!, type: "AWS::KMS::Key" });
  const rowOf = (over: Partial<ApiCallRecord<TrailCaller>>) => toAuditRow(toCloudTrailEvent(call(over)));

  test("a successful cryptographic operation uses the keys of the event's account; ReEncrypt both", () => {
    assert.deepEqual(rowOf({ trail: { resources: [key(OWN)] } }).usedKeys, ["1234abcd-12ab-34cd-56ef-1234567890ab"]);
    assert.deepEqual(rowOf({ operation: "ReEncrypt", trail: { resources: [key(OWN), key(OWN.replace("1234abcd", "5678efab"))] } }).usedKeys, [
      "1234abcd-12ab-34cd-56ef-1234567890ab",
      "5678efab-12ab-34cd-56ef-1234567890ab",
    ]);
    assert.equal(rowOf({ trail: { resources: [key(OWN)] } }).requestId, "f3423043-63bc-11e4-bc2b-4198b6150d5c");
  });

  test("another account's key is not the caller's copy's to record: its owner's copy records the use", () => {
    assert.equal(rowOf({ trail: { resources: [key(FOREIGN)] } }).usedKeys, undefined);
  });

  test("refusals, dry runs, management calls and other services use no key", () => {
    assert.equal(rowOf({ trail: { resources: [key(OWN)] }, error: { code: "AccessDeniedException", message: "no", status: 400 } }).usedKeys, undefined);
    assert.equal(rowOf({ trail: { resources: [key(OWN)] }, error: { code: "DryRunOperationException", message: "would have", status: 412 } }).usedKeys, undefined);
    assert.equal(rowOf({ operation: "DescribeKey", trail: { resources: [key(OWN)] } }).usedKeys, undefined);
    assert.equal(rowOf({ service: "s3", operation: "Encrypt", trail: { resources: [key(OWN)] } }).usedKeys, undefined);
  });
});
