// SigV4's checks beyond the signature itself: clock skew, presigned expiry, the credential scope,
// session tokens, missing and malformed authentication, and AWS's published test vectors.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { createChunkSignatureChain, SigningKeyCache, verifySigV4, type SignedRequest } from "../../src/protocol/index.ts";
import { HmacSha256Key, safeEqualAscii, sha256Hex } from "../../src/crypto/index.ts";
import { sign, AKID, SECRET } from "./support/sign.ts";
import { lookup, TEMP, EXPIRED, EXPIRED_AT } from "./support/credentials.ts";
import { SHAPES, SIGNING_DATE } from "./support/shapes.ts";

const STS = SHAPES["sts GetCallerIdentity (POST form)"]!;
const PRESIGNED = SHAPES["sts presigned GET"]!;
const at = (offsetMs: number) => new Date(SIGNING_DATE.getTime() + offsetMs);
const MIN = 60_000;

describe("request time", () => {
  test("X-Amz-Date up to 5 minutes either way is accepted, more is SIGV4_SKEW", async () => {
    const { request } = await sign(STS);
    await verifySigV4(request, lookup, { now: at(5 * MIN) });
    await verifySigV4(request, lookup, { now: at(-5 * MIN) });
    await assert.rejects(verifySigV4(request, lookup, { now: at(5 * MIN + 1000) }), {
      code: "SIGV4_SKEW",
      message: "Signature expired: 20240501T120000Z is now earlier than 20240501T120001Z (20240501T120501Z - 5 min.)",
    });
    await assert.rejects(verifySigV4(request, lookup, { now: at(-5 * MIN - 1000) }), {
      code: "SIGV4_SKEW",
      message: "Signature not yet current: 20240501T120000Z is still later than 20240501T115959Z (20240501T115459Z + 5 min.)",
    });
  });

  test("a presigned URL is good until X-Amz-Date + X-Amz-Expires, then SIGV4_EXPIRED_PRESIGN", async () => {
    const { request } = await sign(PRESIGNED); // 900 seconds
    await verifySigV4(request, lookup, { now: at(900_000) });
    await assert.rejects(verifySigV4(request, lookup, { now: at(901_000) }), { code: "SIGV4_EXPIRED_PRESIGN" });
    await assert.rejects(verifySigV4(request, lookup, { now: at(-6 * MIN) }), { code: "SIGV4_SKEW" });
  });

  test("X-Amz-Expires above a week is refused before anything else", async () => {
    const { request } = await sign(PRESIGNED);
    const rawQuery = request.rawQuery.replace("X-Amz-Expires=900", "X-Amz-Expires=604801");
    await assert.rejects(verifySigV4({ ...request, rawQuery }, lookup, { now: SIGNING_DATE }), {
      code: "SIGV4_INCOMPLETE_SIGNATURE",
      message: "X-Amz-Expires must be less than a week (in seconds) that is 604800",
    });
  });

  test("a Date header stands in for X-Amz-Date", async () => {
    // Signed here from AWS's documented algorithm, independently of the verifier's code.
    const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data).digest();
    const hex = (data: string) => createHash("sha256").update(data).digest("hex");
    const headers = { host: "sts.amazonaws.com", date: "Wed, 01 May 2024 12:00:00 GMT" };
    const canonical = ["GET", "/", "Action=GetCallerIdentity&Version=2011-06-15", `date:${headers.date}`, `host:${headers.host}`, "", "date;host", hex("")].join("\n");
    const scope = "20240501/us-east-1/sts/aws4_request";
    const toSign = ["AWS4-HMAC-SHA256", "20240501T120000Z", scope, hex(canonical)].join("\n");
    const key = hmac(hmac(hmac(hmac("AWS4" + SECRET, "20240501"), "us-east-1"), "sts"), "aws4_request");
    const signature = createHmac("sha256", key).update(toSign).digest("hex");
    const request: SignedRequest = {
      method: "GET",
      rawPath: "/",
      rawQuery: "Version=2011-06-15&Action=GetCallerIdentity",
      headers: { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${AKID}/${scope}, SignedHeaders=date;host, Signature=${signature}` },
      bodySha256Hex: hex(""),
    };
    await verifySigV4(request, lookup, { now: SIGNING_DATE, expectedService: "sts" });
  });
});

describe("credential scope", () => {
  test("another region than the route accepts is SIGV4_SCOPE_MISMATCH", async () => {
    const { request } = await sign(STS);
    await verifySigV4(request, lookup, { now: SIGNING_DATE, expectedRegion: ["eu-west-1", "us-east-1"] });
    await assert.rejects(verifySigV4(request, lookup, { now: SIGNING_DATE, expectedRegion: "us-west-2" }), {
      code: "SIGV4_SCOPE_MISMATCH",
      message: "Credential should be scoped to a valid region. ",
      facts: { presigned: false, scopePart: "region", actual: "us-east-1", expected: "us-west-2" },
    });
  });

  test("another service than the route's is SIGV4_SCOPE_MISMATCH", async () => {
    const { request } = await sign(STS);
    await assert.rejects(verifySigV4(request, lookup, { now: SIGNING_DATE, expectedService: "iam" }), {
      code: "SIGV4_SCOPE_MISMATCH",
      message: "Credential should be scoped to correct service: 'iam'. ",
    });
  });

  test("a scope date other than X-Amz-Date's day is SIGV4_SCOPE_MISMATCH", async () => {
    const { request } = await sign(STS);
    const headers = { ...request.headers, "x-amz-date": "20240502T000100Z" };
    await assert.rejects(verifySigV4({ ...request, headers }, lookup, { now: new Date("2024-05-02T00:01:00Z") }), {
      code: "SIGV4_SCOPE_MISMATCH",
      message: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240501' != '20240502', from '20240502T000100Z'.",
    });
  });
});

describe("keys and session tokens", () => {
  test("an unknown access key is SIGV4_UNKNOWN_KEY", async () => {
    const { request } = await sign({ ...STS, credentials: { accessKeyId: "AKIANOTKNOWNEXAMPLE1", secretAccessKey: SECRET } });
    await assert.rejects(verifySigV4(request, lookup, { now: SIGNING_DATE }), { code: "SIGV4_UNKNOWN_KEY" });
  });

  test("a wrong secret is SIGV4_SIGNATURE_MISMATCH", async () => {
    const { request } = await sign({ ...STS, credentials: { accessKeyId: AKID, secretAccessKey: SECRET.replace("K7MDENG", "K7MDENH") } });
    await assert.rejects(verifySigV4(request, lookup, { now: SIGNING_DATE }), { code: "SIGV4_SIGNATURE_MISMATCH" });
  });

  test("temporary credentials need their token; long-term keys refuse one", async () => {
    const { request } = await sign({ ...STS, credentials: TEMP });
    const verified = await verifySigV4(request, lookup, { now: SIGNING_DATE });
    assert.equal(verified.credential.arn, "arn:aws:sts::111122223333:assumed-role/ADFS-Developers/alice");
    // Without its token, a temporary key is unknown: the token is where its secret lives.
    const { ["x-amz-security-token"]: _token, ...withoutToken } = request.headers;
    await assert.rejects(verifySigV4({ ...request, headers: withoutToken }, lookup, { now: SIGNING_DATE }), { code: "SIGV4_UNKNOWN_KEY" });
    // A lookup that resolves the key anyway (a stateful store) still needs the token to come along.
    const statefulLookup = async (id: string) => lookup(id, TEMP.sessionToken);
    await assert.rejects(verifySigV4({ ...request, headers: withoutToken }, statefulLookup, { now: SIGNING_DATE }), { code: "SIGV4_INVALID_TOKEN" });
    const { request: longTerm } = await sign({ ...STS, credentials: { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: TEMP.sessionToken } });
    await assert.rejects(verifySigV4(longTerm, lookup, { now: SIGNING_DATE }), { code: "SIGV4_INVALID_TOKEN" });
    const { request: forged } = await sign({ ...STS, credentials: { ...TEMP, sessionToken: "forged" } });
    await assert.rejects(verifySigV4(forged, lookup, { now: SIGNING_DATE }), { code: "SIGV4_INVALID_TOKEN" });
  });

  test("expired temporary credentials are SIGV4_EXPIRED_TOKEN", async () => {
    const { request } = await sign({ ...STS, date: new Date(EXPIRED_AT.getTime() + 1000), credentials: EXPIRED });
    await assert.rejects(verifySigV4(request, lookup, { now: new Date(EXPIRED_AT.getTime() + 1000) }), {
      code: "SIGV4_EXPIRED_TOKEN",
      message: "The security token included in the request is expired",
    });
  });

  test("the lookup receives the presigned X-Amz-Security-Token", async () => {
    const seen: Array<string | undefined> = [];
    const { request } = await sign(SHAPES["sts presigned GET with session token"]!);
    await verifySigV4(request, (id, token) => (seen.push(token), lookup(id, token)), { now: SIGNING_DATE });
    assert.deepEqual(seen, [TEMP.sessionToken]);
  });
});

describe("missing and malformed authentication", () => {
  const plain: SignedRequest = { method: "GET", rawPath: "/", rawQuery: "Action=GetCallerIdentity", headers: { host: "h" }, bodySha256Hex: "" };

  test("no Authorization header and no presigned query is SIGV4_MISSING_AUTH", async () => {
    await assert.rejects(verifySigV4(plain, lookup, { now: SIGNING_DATE }), { code: "SIGV4_MISSING_AUTH", message: "Request is missing Authentication Token" });
  });

  const malformed: Record<string, string> = {
    "another algorithm": `AWS4-ECDSA-P256-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`,
    "SigV2": `AWS ${AKID}:c2lnbmF0dXJl`,
    "no Signature": `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date`,
    "a parameter twice": `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws4_request, Credential=x, SignedHeaders=host, Signature=00`,
    "four-part credential": `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts, SignedHeaders=host;x-amz-date, Signature=00`,
    "wrong terminator": `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws5_request, SignedHeaders=host;x-amz-date, Signature=00`,
    "host not signed": `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws4_request, SignedHeaders=x-amz-date, Signature=00`,
    "upper-case signed header": `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws4_request, SignedHeaders=Host;x-amz-date, Signature=00`,
  };
  for (const [name, authorization] of Object.entries(malformed)) {
    test(`${name} is SIGV4_INCOMPLETE_SIGNATURE`, async () => {
      const request = { ...plain, headers: { host: "h", "x-amz-date": "20240501T120000Z", authorization } };
      await assert.rejects(verifySigV4(request, lookup, { now: SIGNING_DATE }), { code: "SIGV4_INCOMPLETE_SIGNATURE" });
    });
  }

  test("messages quote the Authorization header without its signature", async () => {
    const authorization = `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws4_request, Signature=abcdef0123`;
    const request = { ...plain, headers: { host: "h", "x-amz-date": "20240501T120000Z", authorization } };
    await assert.rejects(verifySigV4(request, lookup, { now: SIGNING_DATE }), (error: Error) => {
      assert.match(error.message, /^Authorization header requires 'SignedHeaders' parameter\. Authorization=AWS4-HMAC-SHA256 /);
      assert.ok(!error.message.includes("abcdef0123"));
      return true;
    });
  });

  test("no X-Amz-Date and no Date header is SIGV4_INCOMPLETE_SIGNATURE", async () => {
    const authorization = `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00`;
    await assert.rejects(verifySigV4({ ...plain, headers: { host: "h", authorization } }, lookup, { now: SIGNING_DATE }), {
      code: "SIGV4_INCOMPLETE_SIGNATURE",
      message: /^Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header\./,
    });
  });

  test("a presigned query missing a parameter, or with one twice, is SIGV4_INCOMPLETE_SIGNATURE", async () => {
    const { request } = await sign(PRESIGNED);
    const withoutExpires = request.rawQuery.replace(/&?X-Amz-Expires=900/, "");
    await assert.rejects(verifySigV4({ ...request, rawQuery: withoutExpires }, lookup, { now: SIGNING_DATE }), { code: "SIGV4_INCOMPLETE_SIGNATURE" });
    await assert.rejects(verifySigV4({ ...request, rawQuery: request.rawQuery + "&X-Amz-Expires=900" }, lookup, { now: SIGNING_DATE }), { code: "SIGV4_INCOMPLETE_SIGNATURE" });
  });

  test("both an Authorization header and a presigned query is SIGV4_INCOMPLETE_SIGNATURE", async () => {
    const { request } = await sign(PRESIGNED);
    const { request: headerSigned } = await sign(STS);
    const both = { ...request, headers: { ...request.headers, authorization: headerSigned.headers["authorization"] as string } };
    await assert.rejects(verifySigV4(both, lookup, { now: SIGNING_DATE }), { code: "SIGV4_INCOMPLETE_SIGNATURE", message: /^Only one auth mechanism allowed/ });
  });

  test("S3 needs x-amz-content-sha256 and a known value in it", async () => {
    const { request } = await sign(SHAPES["s3 GET, unsigned payload, odd key"]!);
    const { ["x-amz-content-sha256"]: _hash, ...without } = request.headers;
    await assert.rejects(verifySigV4({ ...request, headers: without }, lookup, { now: SIGNING_DATE, s3: true }), { code: "SIGV4_MISSING_PAYLOAD_HASH" });
    await assert.rejects(verifySigV4({ ...request, headers: { ...request.headers, "x-amz-content-sha256": "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD" } }, lookup, { now: SIGNING_DATE, s3: true }), {
      code: "SIGV4_INVALID_PAYLOAD_HASH",
    });
  });

  test("outside S3, the caller must hash the body", async () => {
    const { request } = await sign(STS);
    const { bodySha256Hex: _hash, ...unhashed } = request;
    await assert.rejects(verifySigV4(unhashed, lookup, { now: SIGNING_DATE }), TypeError);
  });
});

describe("AWS's published examples", () => {
  const docLookup = async (id: string) => (id === AKID ? { accessKeyId: AKID, secretAccessKey: SECRET } : undefined);
  const suiteLookup = async (id: string) => (id === "AKIDEXAMPLE" ? { accessKeyId: id, secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" } : undefined);
  const EMPTY = createHash("sha256").update("").digest("hex");
  const may2013 = new Date("2013-05-24T00:00:00Z");

  test("S3 GET object with a Range header (header auth)", async () => {
    await verifySigV4(
      {
        method: "GET",
        rawPath: "/test.txt",
        rawQuery: "",
        headers: {
          host: "examplebucket.s3.amazonaws.com",
          range: "bytes=0-9",
          "x-amz-content-sha256": EMPTY,
          "x-amz-date": "20130524T000000Z",
          authorization:
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        },
        bodySha256Hex: EMPTY,
      },
      docLookup,
      { now: may2013, s3: true, expectedService: "s3", expectedRegion: "us-east-1" },
    );
  });

  test("S3 presigned GET object", async () => {
    const verified = await verifySigV4(
      {
        method: "GET",
        rawPath: "/test.txt",
        rawQuery:
          "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
        headers: { host: "examplebucket.s3.amazonaws.com" },
      },
      docLookup,
      { now: new Date("2013-05-24T23:59:59Z"), s3: true },
    );
    assert.deepEqual(verified.payload, { kind: "unsigned" });
  });

  test("S3 aws-chunked upload: seed and chunk signatures", async () => {
    const verified = await verifySigV4(
      {
        method: "PUT",
        rawPath: "/examplebucket/chunkObject.txt",
        rawQuery: "",
        headers: {
          host: "s3.amazonaws.com",
          "x-amz-date": "20130524T000000Z",
          "x-amz-storage-class": "REDUCED_REDUNDANCY",
          "content-encoding": "aws-chunked",
          "x-amz-decoded-content-length": "66560",
          "content-length": "66824",
          "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
          authorization:
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
        },
      },
      docLookup,
      { now: may2013, s3: true },
    );
    assert.deepEqual(verified.payload, { kind: "streaming", mode: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", signedChunks: true, trailer: false });
    const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");
    const chain = createChunkSignatureChain(verified);
    assert.equal(chain.nextChunk(sha(Buffer.alloc(65536, "a")), "0000000000000000000000000000000000000000000000000000000000000000"), false);
    assert.equal(chain.nextChunk(sha(Buffer.alloc(65536, "a")), "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"), true);
    assert.equal(chain.nextChunk(sha(Buffer.alloc(1024, "a")), "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"), true);
    assert.equal(chain.nextChunk(sha(Buffer.alloc(0)), "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"), true);
  });

  for (const [name, rawQuery, signature] of [
    ["get-vanilla", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"],
    ["get-vanilla-query-order-key-case", "Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"],
  ] as const) {
    test(`SigV4 test suite: ${name}`, async () => {
      await verifySigV4(
        {
          method: "GET",
          rawPath: "/",
          rawQuery,
          headers: {
            host: "example.amazonaws.com",
            "x-amz-date": "20150830T123600Z",
            authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
          },
          bodySha256Hex: EMPTY,
        },
        suiteLookup,
        { now: new Date("2015-08-30T12:36:00Z") },
      );
    });
  }
});

describe("signing-key cache", () => {
  test("derives a key once per secret, date, region and service", async () => {
    const cache = new SigningKeyCache();
    const { request } = await sign(STS);
    await verifySigV4(request, lookup, { now: SIGNING_DATE, keyCache: cache });
    await verifySigV4(request, lookup, { now: SIGNING_DATE, keyCache: cache });
    assert.equal(cache.size, 1);
    const { request: other } = await sign({ ...STS, region: "eu-west-1" });
    await verifySigV4(other, lookup, { now: SIGNING_DATE, keyCache: cache });
    assert.equal(cache.size, 2);
    const a = cache.key(SECRET, "20240501", "us-east-1", "sts");
    assert.equal(cache.key(SECRET, "20240501", "us-east-1", "sts"), a);
    assert.notEqual(cache.key(SECRET + "x", "20240501", "us-east-1", "sts"), a);
  });

  test("drops keys older than yesterday and stays bounded", () => {
    const cache = new SigningKeyCache(3);
    cache.key(SECRET, "20240501", "us-east-1", "sts");
    cache.key(SECRET, "20240502", "us-east-1", "sts");
    cache.key(SECRET, "20240503", "us-east-1", "sts");
    assert.equal(cache.size, 2);
    cache.key(SECRET, "20240503", "us-east-1", "iam");
    cache.key(SECRET, "20240503", "us-east-1", "kms");
    assert.equal(cache.size, 3);
  });
});

describe("signing primitives (src/crypto)", () => {
  test("HmacSha256Key equals node's HMAC for short, long, multi-byte and long-key inputs", () => {
    for (const keyLength of [32, 64, 100]) {
      const key = Buffer.alloc(keyLength, 0xa5);
      const hmacKey = new HmacSha256Key(key);
      for (const message of ["", "a", "AWS4-HMAC-SHA256\n20240501T120000Z", "é€😀".repeat(50), "x".repeat(5000), "short again"]) {
        assert.equal(hmacKey.hex(message), createHmac("sha256", key).update(message, "utf8").digest("hex"));
      }
    }
  });

  test("safeEqualAscii", () => {
    assert.equal(safeEqualAscii("abc", "abc"), true);
    assert.equal(safeEqualAscii("abc", "abd"), false);
    assert.equal(safeEqualAscii("abc", "abcd"), false);
    assert.equal(safeEqualAscii("", ""), true);
    assert.equal(sha256Hex(""), createHash("sha256").update("").digest("hex"));
  });
});
