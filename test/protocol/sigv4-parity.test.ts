// Parity with the AWS SDK's signer: every request shape that @smithy/signature-v4 signs is
// accepted, and any one changed byte of method, path, query, a signed header or the body is
// refused with the right code.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { isSigV4Error, verifySigV4, type SigV4ErrorCode } from "../../src/protocol/index.ts";
import { sign, AKID } from "./support/sign.ts";
import { lookup } from "./support/credentials.ts";
import { SHAPES, SIGNING_DATE } from "./support/shapes.ts";
import { oneByteChanges, signedHeaderNames, type Variant } from "./support/tamper.ts";

const MISMATCH: readonly SigV4ErrorCode[] = ["SIGV4_SIGNATURE_MISMATCH"];

/** The refusals that are right for a change in this place. */
function expectedCodes(variant: Variant, s3: boolean, payloadKind: string): readonly SigV4ErrorCode[] {
  switch (variant.part) {
    case "query-auth":
      // SigV4's own parameters: a broken credential, date, expiry, token or signature.
      return ["SIGV4_SIGNATURE_MISMATCH", "SIGV4_INCOMPLETE_SIGNATURE", "SIGV4_UNKNOWN_KEY", "SIGV4_INVALID_TOKEN", "SIGV4_SCOPE_MISMATCH", "SIGV4_SKEW", "SIGV4_EXPIRED_PRESIGN", "SIGV4_INVALID_PAYLOAD_HASH"];
    case "header":
      if (variant.header === "x-amz-date") return ["SIGV4_SIGNATURE_MISMATCH", "SIGV4_SCOPE_MISMATCH", "SIGV4_SKEW", "SIGV4_INCOMPLETE_SIGNATURE"];
      if (variant.header === "x-amz-security-token") return ["SIGV4_INVALID_TOKEN"];
      if (variant.header === "x-amz-content-sha256") return ["SIGV4_SIGNATURE_MISMATCH", "SIGV4_INVALID_PAYLOAD_HASH"];
      return MISMATCH;
    case "body":
      return s3 && payloadKind === "signed" ? ["SIGV4_PAYLOAD_HASH_MISMATCH"] : MISMATCH;
    default:
      return MISMATCH;
  }
}

describe("SigV4 parity with @smithy/signature-v4", () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    const options = { now: SIGNING_DATE, s3: shape.s3 === true, expectedService: shape.service, expectedRegion: shape.region };

    test(`accepts ${name}`, async () => {
      const signed = await sign(shape);
      const verified = await verifySigV4(signed.request, lookup, options);
      assert.equal(verified.accessKeyId, shape.credentials?.accessKeyId ?? AKID);
      assert.equal(verified.presigned, shape.presignExpiresIn !== undefined);
      assert.deepEqual({ ...verified.scope }, { date: "20240501", region: shape.region, service: shape.service });
      assert.equal(verified.sessionToken, shape.credentials?.sessionToken);
      assert.ok(!JSON.stringify(verified).includes("signingKey"), "the signing key is not enumerable");
    });

    test(`refuses any one changed byte: ${name}`, async () => {
      const signed = await sign(shape);
      const payloadKind = (await verifySigV4(signed.request, lookup, options)).payload.kind;
      // With UNSIGNED-PAYLOAD or aws-chunked bodies, the body is not covered by the seed signature.
      const body = shape.s3 && payloadKind !== "signed" ? Buffer.alloc(0) : signed.body;
      let count = 0;
      for (const variant of oneByteChanges(signed.request, body, signedHeaderNames(signed.request))) {
        count++;
        const outcome = await verifySigV4(variant.request, lookup, options).then(
          () => "accepted",
          (error: unknown) => (isSigV4Error(error) ? error.code : `unexpected ${String(error)}`),
        );
        const allowed = expectedCodes(variant, shape.s3 === true, payloadKind);
        assert.ok(allowed.includes(outcome as SigV4ErrorCode), `${name}: change at ${variant.where} gave ${outcome}, expected one of ${allowed.join(", ")}`);
      }
      assert.ok(count > 20, `only ${count} variants`);
    });
  }

  test("a removed signed header is refused; an added unsigned one is not", async () => {
    const signed = await sign(SHAPES["api with odd path and query (double-encoded path)"]!);
    const options = { now: SIGNING_DATE };
    const { ["x-amz-meta-odd"]: _removed, ...without } = signed.request.headers;
    await assert.rejects(verifySigV4({ ...signed.request, headers: without }, lookup, options), { code: "SIGV4_SIGNATURE_MISMATCH" });
    await verifySigV4({ ...signed.request, headers: { ...signed.request.headers, "user-agent": "added/1.0" } }, lookup, options);
  });

  test("repeated headers are joined with commas, as AWS canonicalises them", async () => {
    const signed = await sign({ ...SHAPES["sts GetCallerIdentity (POST form)"]!, headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8", "x-amz-meta-list": "a,b" } });
    const headers = { ...signed.request.headers, "x-amz-meta-list": ["a", " b "] };
    await verifySigV4({ ...signed.request, headers }, lookup, { now: SIGNING_DATE });
  });
});
