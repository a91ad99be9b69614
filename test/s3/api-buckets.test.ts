// Buckets through the AWS SDK: CreateBucket with S3's naming rules and location constraints,
// HeadBucket, ListBuckets, GetBucketLocation, DeleteBucket (only when empty), the two "already
// exists" answers, and the errors' exact codes, statuses and XML bodies.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
  DeleteObjectCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { errorOf, LAB, rawRequest, refusal, s3Client, signedFetch, SECOND, type Credentials } from "./api-helpers.ts";

let federa: RunningFedera;
let s3: S3Client;
let west: S3Client;
let other: S3Client;
let otherRoot: Credentials;

before(async () => {
  federa = await startFedera();
  s3 = s3Client(federa.url);
  west = s3Client(federa.url, undefined, "eu-west-1");
  await federa.server.iam.ensureAccount(SECOND);
  const key = await federa.server.iam.createAccessKey(SECOND, null);
  otherRoot = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  other = s3Client(federa.url, otherRoot);
});
after(() => federa.stop());

describe("CreateBucket", () => {
  it("creates a bucket in us-east-1, answers its Location, and lists it", async () => {
    const created = await s3.send(new CreateBucketCommand({ Bucket: "alpha-bucket" }));
    assert.equal(created.Location, "/alpha-bucket");
    const listed = await s3.send(new ListBucketsCommand({}));
    const bucket = listed.Buckets?.find((b) => b.Name === "alpha-bucket");
    assert.ok(bucket?.CreationDate instanceof Date);
    assert.equal(bucket?.BucketRegion, "us-east-1");
    assert.match(listed.Owner?.ID ?? "", /^[0-9a-f]{64}$/);
    const head = await s3.send(new HeadBucketCommand({ Bucket: "alpha-bucket" }));
    assert.equal(head.BucketRegion, "us-east-1");
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: "alpha-bucket" }));
    assert.equal(location.LocationConstraint, undefined);
  });

  it("re-creating one's own us-east-1 bucket is 200 (legacy), elsewhere BucketAlreadyOwnedByYou", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "alpha-bucket" }));
    await west.send(new CreateBucketCommand({ Bucket: "west-bucket", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
    const again = await refusal(west.send(new CreateBucketCommand({ Bucket: "west-bucket", CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } })));
    assert.deepEqual(again, { name: "BucketAlreadyOwnedByYou", message: "Your previous request to create the named bucket succeeded and you already own it.", status: 409 });
    const location = await west.send(new GetBucketLocationCommand({ Bucket: "west-bucket" }));
    assert.equal(location.LocationConstraint, "eu-west-1");
  });

  it("another account's bucket name is BucketAlreadyExists", async () => {
    const taken = await refusal(other.send(new CreateBucketCommand({ Bucket: "alpha-bucket" })));
    assert.equal(taken.name, "BucketAlreadyExists");
    assert.equal(taken.status, 409);
    assert.match(taken.message, /^The requested bucket name is not available\./);
    const mine = await other.send(new ListBucketsCommand({}));
    assert.deepEqual(mine.Buckets ?? [], []);
  });

  for (const name of ["ab", "Upper-Case", "-leading", "trailing-", "two..dots", "192.168.1.1", "xn--punycode", "name-s3alias", "a".repeat(64), "under_score"]) {
    it(`refuses the name ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)} with InvalidBucketName`, async () => {
      const refused = await refusal(s3.send(new CreateBucketCommand({ Bucket: name })));
      assert.deepEqual(refused, { name: "InvalidBucketName", message: "The specified bucket is not valid.", status: 400 });
    });
  }

  it("refuses location constraints that do not fit the endpoint's region", async () => {
    const east = await refusal(s3.send(new CreateBucketCommand({ Bucket: "east-constraint", CreateBucketConfiguration: { LocationConstraint: "us-east-1" as never } })));
    assert.deepEqual(east, { name: "InvalidLocationConstraint", message: "The specified location-constraint is not valid", status: 400 });
    // The SDK adds its region as the constraint; S3 refuses a request without one at a regional endpoint.
    const unspecified = await signedFetch(federa.url, { method: "PUT", path: "/no-constraint", payloadHash: "UNSIGNED-PAYLOAD" }, undefined, "eu-west-1");
    assert.equal(unspecified.status, 400);
    assert.deepEqual(errorOf(unspecified.body), {
      code: "IllegalLocationConstraintException",
      message: "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.",
    });
    const mismatch = await refusal(west.send(new CreateBucketCommand({ Bucket: "mismatch", CreateBucketConfiguration: { LocationConstraint: "ap-south-1" } })));
    assert.equal(mismatch.name, "IllegalLocationConstraintException");
  });

  it("refuses ACLs, as buckets that enforce bucket-owner ownership do", async () => {
    const refused = await refusal(s3.send(new CreateBucketCommand({ Bucket: "acl-bucket", ACL: "public-read" })));
    assert.equal(refused.name, "InvalidBucketAclWithObjectOwnership");
  });
});

describe("buckets by name", () => {
  it("NoSuchBucket, with the bucket named in the XML body", async () => {
    const response = await signedFetch(federa.url, { method: "GET", path: "/no-such-bucket", query: { "list-type": "2" }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get("content-type"), "application/xml");
    assert.match(response.headers.get("x-amz-request-id") ?? "", /^[0-9A-F]{16}$/);
    assert.deepEqual(errorOf(response.body), { code: "NoSuchBucket", message: "The specified bucket does not exist" });
    assert.match(response.body, /<BucketName>no-such-bucket<\/BucketName>/);
    assert.match(response.body, /<Resource>\/no-such-bucket<\/Resource>/);
    assert.match(response.body, /<RequestId>[0-9A-F]{16}<\/RequestId>/);
    const head = await refusal(s3.send(new HeadBucketCommand({ Bucket: "no-such-bucket" })));
    assert.equal(head.status, 404);
  });

  it("a request signed for another region than the bucket's is AuthorizationHeaderMalformed", async () => {
    const refused = await refusal(s3.send(new HeadBucketCommand({ Bucket: "west-bucket" })));
    assert.equal(refused.status, 400);
    const response = await signedFetch(federa.url, { method: "GET", path: "/west-bucket", query: { "list-type": "2" }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal(response.status, 400);
    assert.deepEqual(errorOf(response.body), {
      code: "AuthorizationHeaderMalformed",
      message: "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    });
    assert.match(response.body, /<Region>eu-west-1<\/Region>/);
  });

  it("another account may not list or delete my bucket (AccessDenied)", async () => {
    const refused = await refusal(other.send(new HeadBucketCommand({ Bucket: "alpha-bucket" })));
    assert.equal(refused.status, 403);
    const deleted = await refusal(other.send(new DeleteBucketCommand({ Bucket: "alpha-bucket" })));
    assert.deepEqual(deleted, { name: "AccessDenied", message: "Access Denied", status: 403 });
  });

  it("x-amz-expected-bucket-owner that names another account is AccessDenied", async () => {
    const refused = await refusal(s3.send(new HeadBucketCommand({ Bucket: "alpha-bucket", ExpectedBucketOwner: SECOND })));
    assert.equal(refused.status, 403);
    await s3.send(new HeadBucketCommand({ Bucket: "alpha-bucket", ExpectedBucketOwner: LAB }));
  });

  it("an unsigned request is AccessDenied", async () => {
    const port = new URL(federa.url).port;
    const response = await rawRequest(federa.url, { method: "GET", path: "/?list-type=2", headers: { host: `alpha-bucket.localhost:${port}` } });
    assert.equal(response.status, 403);
    assert.deepEqual(errorOf(response.body), { code: "AccessDenied", message: "Access Denied" });
  });

  it("methods a resource does not take are MethodNotAllowed; unimplemented subresources NotImplemented", async () => {
    const post = await signedFetch(federa.url, { method: "POST", path: "/alpha-bucket", payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal(post.status, 405);
    assert.equal(errorOf(post.body).code, "MethodNotAllowed");
    const tagging = await signedFetch(federa.url, { method: "GET", path: "/alpha-bucket", query: { tagging: "" }, payloadHash: "UNSIGNED-PAYLOAD" });
    assert.equal(tagging.status, 501);
    assert.equal(errorOf(tagging.body).code, "NotImplemented");
  });
});

describe("DeleteBucket", () => {
  it("refuses a bucket with objects (BucketNotEmpty), then deletes it once empty, with its unfinished uploads", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "doomed-bucket" }));
    await s3.send(new PutObjectCommand({ Bucket: "doomed-bucket", Key: "k", Body: "x" }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket: "doomed-bucket", Key: "unfinished" }));
    const refused = await refusal(s3.send(new DeleteBucketCommand({ Bucket: "doomed-bucket" })));
    assert.deepEqual(refused, { name: "BucketNotEmpty", message: "The bucket you tried to delete is not empty", status: 409 });
    await s3.send(new DeleteObjectCommand({ Bucket: "doomed-bucket", Key: "k" }));
    assert.equal((await s3.send(new ListMultipartUploadsCommand({ Bucket: "doomed-bucket" }))).Uploads?.length, 1);
    const deleted = await s3.send(new DeleteBucketCommand({ Bucket: "doomed-bucket" }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    const gone = await refusal(s3.send(new DeleteBucketCommand({ Bucket: "doomed-bucket" })));
    assert.equal(gone.name, "NoSuchBucket");
  });
});
