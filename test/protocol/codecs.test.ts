// The Query and JSON 1.1 codecs and the error bodies of all three protocols.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AwsError,
  SigV4Error,
  decodeQueryParams,
  queryList,
  queryString,
  readQueryParameters,
  renderJsonError,
  renderJsonResponse,
  renderQueryError,
  renderQueryResponse,
  renderRestXmlError,
  parseJsonBody,
  sigV4ToAwsError,
  toAwsError,
  type SigV4ErrorCode,
} from "../../src/protocol/index.ts";

describe("Query requests", () => {
  test("form body and query string, + as space, first value wins, SigV4 parameters left out", () => {
    const flat = readQueryParameters(
      "Action=Ignored&Extra=q%20s&X-Amz-Signature=abc&X-Amz-Credential=x",
      Buffer.from("Action=AssumeRoleWithSAML&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2FR&SAMLAssertion=PHNh+bWw%2B&Empty="),
    );
    assert.deepEqual([...flat], [
      ["Action", "AssumeRoleWithSAML"],
      ["Version", "2011-06-15"],
      ["RoleArn", "arn:aws:iam::111122223333:role/R"],
      ["SAMLAssertion", "PHNh bWw+"],
      ["Empty", ""],
      ["Extra", "q s"],
    ]);
  });

  test("lists of members, lists of structures, maps and empty lists", () => {
    const params = decodeQueryParams(
      new Map([
        ["Action", "AssumeRoleWithSAML"],
        ["PolicyArns.member.2.arn", "arn:aws:iam::aws:policy/B"],
        ["PolicyArns.member.1.arn", "arn:aws:iam::aws:policy/A"],
        ["Tags.member.1.Key", "team"],
        ["Tags.member.1.Value", "blue"],
        ["Names.member.10", "ten"],
        ["Names.member.9", "nine"],
        ["Attributes.entry.1.key", "color"],
        ["Attributes.entry.1.value", "red"],
        ["Nothing", ""],
        ["__proto__.polluted", "yes"],
      ]),
    );
    const { ["__proto__"]: proto, ...rest } = JSON.parse(JSON.stringify(params)) as Record<string, unknown>;
    assert.deepEqual(proto, { polluted: "yes" }, "__proto__ is a plain name");
    assert.deepEqual(rest, {
      PolicyArns: [{ arn: "arn:aws:iam::aws:policy/A" }, { arn: "arn:aws:iam::aws:policy/B" }],
      Tags: [{ Key: "team", Value: "blue" }],
      Names: ["nine", "ten"],
      Attributes: { color: "red" },
      Nothing: "",
    });
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
    assert.deepEqual(queryList(params, "Nothing"), []);
    assert.deepEqual(queryList(params, "Absent"), []);
    assert.equal(queryList(params, "Attributes"), undefined);
    assert.equal(queryString(params, "Action"), undefined, "Action and Version stay apart");
  });
});

describe("Query answers", () => {
  test("result envelope with nested structures, <member> lists, escaping, dates and bytes", () => {
    const xml = renderQueryResponse(
      "GetCallerIdentity",
      "https://sts.amazonaws.com/doc/2011-06-15/",
      {
        Arn: "arn:aws:sts::111122223333:assumed-role/R/a&b<c>\"'",
        Roles: [{ RoleName: "A", CreateDate: new Date("2024-01-01T00:00:00Z") }, { RoleName: "B" }],
        Empty: [],
        Skipped: undefined,
        Blob: new Uint8Array([104, 105]),
        Count: 3,
        Truncated: false,
        Tags: new Map([["k", "v"]]),
      },
      "c2f3d3e0-0000-4000-8000-000000000000",
    );
    assert.equal(
      xml,
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
        "<Arn>arn:aws:sts::111122223333:assumed-role/R/a&amp;b&lt;c&gt;&quot;&apos;</Arn>" +
        "<Roles><member><RoleName>A</RoleName><CreateDate>2024-01-01T00:00:00.000Z</CreateDate></member><member><RoleName>B</RoleName></member></Roles>" +
        "<Empty></Empty><Blob>aGk=</Blob><Count>3</Count><Truncated>false</Truncated>" +
        "<Tags><entry><key>k</key><value>v</value></entry></Tags>" +
        "</GetCallerIdentityResult><ResponseMetadata><RequestId>c2f3d3e0-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
    );
  });

  test("no Result element for operations without output", () => {
    assert.equal(
      renderQueryResponse("DeleteRole", "https://iam.amazonaws.com/doc/2010-05-08/", undefined, "id"),
      '<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>id</RequestId></ResponseMetadata></DeleteRoleResponse>',
    );
  });

  test("error envelope", () => {
    assert.equal(
      renderQueryError(new AwsError("ValidationError", "1 validation error <x>"), "id", "https://sts.amazonaws.com/doc/2011-06-15/"),
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>1 validation error &lt;x&gt;</Message></Error><RequestId>id</RequestId></ErrorResponse>',
    );
    assert.match(renderQueryError(new AwsError("ServiceUnavailable", "busy", { status: 503 }), "id", undefined), /^<ErrorResponse><Error><Type>Receiver<\/Type>/);
  });
});

describe("AWS JSON 1.1", () => {
  test("input: empty body is {}, non-objects and bad JSON are SerializationException", () => {
    assert.deepEqual({ ...parseJsonBody(Buffer.alloc(0)) }, {});
    assert.deepEqual(parseJsonBody(Buffer.from('{"KeyId":"k","N":1}')), { KeyId: "k", N: 1 });
    assert.throws(() => parseJsonBody(Buffer.from("[1]")), { code: "SerializationException" });
    assert.throws(() => parseJsonBody(Buffer.from("{bad")), { code: "SerializationException" });
  });

  test("output: blobs as base64, timestamps as epoch seconds; errors as __type and message", () => {
    assert.equal(renderJsonResponse({ CiphertextBlob: Buffer.from("hi"), CreationDate: new Date(1_700_000_000_500), Nested: { B: new Uint8Array([1]) } }), '{"CiphertextBlob":"aGk=","CreationDate":1700000000.5,"Nested":{"B":"AQ=="}}');
    assert.equal(renderJsonResponse(undefined), "{}");
    assert.equal(renderJsonError(new AwsError("NotFoundException", "Key 'x' does not exist")), '{"__type":"NotFoundException","message":"Key \'x\' does not exist"}');
    assert.equal(renderJsonError(new AwsError("UnknownOperationException", "")), '{"__type":"UnknownOperationException"}');
  });
});

describe("SigV4 refusals as each protocol answers them", () => {
  const cases: Array<[SigV4ErrorCode, [string, number], [string, number], [string, number]]> = [
    ["SIGV4_MISSING_AUTH", ["MissingAuthenticationToken", 403], ["MissingAuthenticationTokenException", 400], ["AccessDenied", 403]],
    ["SIGV4_INCOMPLETE_SIGNATURE", ["IncompleteSignature", 400], ["IncompleteSignatureException", 400], ["AuthorizationHeaderMalformed", 400]],
    ["SIGV4_UNKNOWN_KEY", ["InvalidClientTokenId", 403], ["UnrecognizedClientException", 400], ["InvalidAccessKeyId", 403]],
    ["SIGV4_SIGNATURE_MISMATCH", ["SignatureDoesNotMatch", 403], ["InvalidSignatureException", 400], ["SignatureDoesNotMatch", 403]],
    ["SIGV4_SKEW", ["SignatureDoesNotMatch", 403], ["InvalidSignatureException", 400], ["RequestTimeTooSkewed", 403]],
    ["SIGV4_EXPIRED_PRESIGN", ["RequestExpired", 400], ["InvalidSignatureException", 400], ["AccessDenied", 403]],
    ["SIGV4_SCOPE_MISMATCH", ["SignatureDoesNotMatch", 403], ["InvalidSignatureException", 400], ["AuthorizationHeaderMalformed", 400]],
    ["SIGV4_INVALID_TOKEN", ["InvalidClientTokenId", 403], ["UnrecognizedClientException", 400], ["InvalidToken", 400]],
    ["SIGV4_EXPIRED_TOKEN", ["ExpiredToken", 403], ["ExpiredTokenException", 400], ["ExpiredToken", 400]],
    ["SIGV4_PAYLOAD_HASH_MISMATCH", ["IncompleteSignature", 400], ["IncompleteSignatureException", 400], ["XAmzContentSHA256Mismatch", 400]],
  ];
  for (const [code, query, json, s3] of cases) {
    test(code, () => {
      const error = new SigV4Error(code, "message", { scopePart: "region", actual: "us-east-1", expected: "eu-west-1" });
      for (const [protocol, [awsCode, status]] of [["query", query], ["json", json], ["rest-xml", s3]] as const) {
        const mapped = sigV4ToAwsError(error, protocol);
        assert.deepEqual([mapped.code, mapped.status, mapped.senderFault], [awsCode, status, true], `${code} as ${protocol}`);
      }
    });
  }

  test("AWS's wording for invalid, expired and missing credentials", () => {
    assert.equal(sigV4ToAwsError(new SigV4Error("SIGV4_UNKNOWN_KEY", "x"), "query").message, "The security token included in the request is invalid.");
    assert.equal(sigV4ToAwsError(new SigV4Error("SIGV4_EXPIRED_TOKEN", "x"), "json").message, "The security token included in the request is expired");
    assert.equal(sigV4ToAwsError(new SigV4Error("SIGV4_MISSING_AUTH", "x"), "query").message, "Request is missing Authentication Token");
    assert.equal(
      sigV4ToAwsError(new SigV4Error("SIGV4_SIGNATURE_MISMATCH", "x"), "rest-xml").message,
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    );
    assert.equal(
      sigV4ToAwsError(new SigV4Error("SIGV4_SCOPE_MISMATCH", "x", { presigned: true, scopePart: "region", actual: "us-east-1", expected: "eu-west-1" }), "rest-xml").message,
      "Error parsing the X-Amz-Credential parameter; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    );
  });

  test("anything else is InternalFailure with a generic message", () => {
    const { error, internal } = toAwsError(new Error("db password=hunter2"), "query");
    assert.equal(internal, true);
    assert.deepEqual([error.code, error.status, error.senderFault], ["InternalFailure", 500, false]);
    assert.ok(!error.message.includes("hunter2"));
    assert.equal(toAwsError("boom", "rest-xml").error.code, "InternalError");
  });

  test("S3 error body", () => {
    assert.equal(
      renderRestXmlError(new AwsError("AccessDenied", "Access Denied", { status: 403 }), "req-1", "host-1"),
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>req-1</RequestId><HostId>host-1</HostId></Error>',
    );
  });
});
