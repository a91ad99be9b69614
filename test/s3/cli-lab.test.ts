// The lab, walked in order with the AWS CLI v2 and federated credentials from federa's IdP and STS:
// the root creates a key with ADFS-KeyAdmins as administrators and ADFS-Developers as users; bob
// (a developer) makes a bucket and uploads with SSE-KMS under that key; the RequireSSEKMS bucket
// policy goes on, after which plain and AES256 uploads are refused and aws:kms ones accepted; bob
// reads the object back; erin, an auditor, may see it but not read it (no kms:Decrypt).
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, LAB, requireSseKms as labPolicy, s3Cli, type Credentials } from "./api-helpers.ts";
import { labKeyPolicy } from "../kms/helpers.ts";

let federa: RunningFedera;
let aws: ReturnType<typeof s3Cli>;
let developer: Credentials;
let auditor: Credentials;
const work = mkdtempSync(join(tmpdir(), "federa-s3-lab-"));
const file = (name: string) => join(work, name);
const BUCKET = "lab-sse-kms-bucket";


const requireSseKms = labPolicy(BUCKET);

before(async () => {
  federa = await startFedera();
  aws = s3Cli(federa.url);
  developer = await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers");
  auditor = await federatedCredentials(federa.url, "erin", "Erin!Passw0rd1", "ADFS-Auditors");
  writeFileSync(file("report.txt"), "quarterly report: confidential\n");
});
after(() => federa.stop());

describe("the S3 SSE-KMS lab with the AWS CLI and federated credentials", () => {
  let keyId: string;
  let keyArn: string;

  it("1. the root creates the lab key: KeyAdmins administer it, Developers use it", async () => {
    writeFileSync(file("key-policy.json"), JSON.stringify(labKeyPolicy));
    const created = await aws(["kms", "create-key", "--description", "S3 lab key", "--policy", `file://${file("key-policy.json")}`]);
    assert.ok(created.ok, created.stderr);
    keyId = created.json.KeyMetadata.KeyId;
    keyArn = created.json.KeyMetadata.Arn;
  });

  it("2. the developer makes a bucket and uploads with SSE-KMS under the lab key", async () => {
    const made = await aws(["s3", "mb", `s3://${BUCKET}`], developer);
    assert.ok(made.ok, made.stderr);
    const put = await aws(
      ["s3api", "put-object", "--bucket", BUCKET, "--key", "reports/q1.txt", "--body", file("report.txt"), "--server-side-encryption", "aws:kms", "--ssekms-key-id", keyId],
      developer,
    );
    assert.ok(put.ok, put.stderr);
    assert.equal(put.json.ServerSideEncryption, "aws:kms");
    assert.equal(put.json.SSEKMSKeyId, keyArn);
  });

  it("3. the RequireSSEKMS policy goes on the bucket", async () => {
    writeFileSync(file("bucket-policy.json"), JSON.stringify(requireSseKms));
    const put = await aws(["s3api", "put-bucket-policy", "--bucket", BUCKET, "--policy", `file://${file("bucket-policy.json")}`], developer);
    assert.ok(put.ok, put.stderr);
  });

  it("4. a plain upload and an AES256 upload are refused; an aws:kms one is accepted", async () => {
    const plain = await aws(["s3", "cp", file("report.txt"), `s3://${BUCKET}/reports/plain.txt`], developer);
    assert.equal(plain.ok, false);
    assert.equal(plain.code, "AccessDenied");
    assert.match(plain.message ?? "", /^User: arn:aws:sts::\d{12}:assumed-role\/ADFS-Developers\/\S+ is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::[a-z0-9.-]+\/reports\/plain\.txt" with an explicit deny in a resource-based policy$/);
    const aes = await aws(["s3api", "put-object", "--bucket", BUCKET, "--key", "reports/aes.txt", "--body", file("report.txt"), "--server-side-encryption", "AES256"], developer);
    assert.equal(aes.code, "AccessDenied");
    const kms = await aws(["s3", "cp", file("report.txt"), `s3://${BUCKET}/reports/q2.txt`, "--sse", "aws:kms", "--sse-kms-key-id", keyId], developer);
    assert.ok(kms.ok, kms.stderr);
    const listed = await aws(["s3api", "list-objects-v2", "--bucket", BUCKET], developer);
    assert.deepEqual(listed.json.Contents.map((c: { Key: string }) => c.Key), ["reports/q1.txt", "reports/q2.txt"]);
  });

  it("5. the developer reads the object back", async () => {
    const down = await aws(["s3", "cp", `s3://${BUCKET}/reports/q1.txt`, file("q1.back.txt")], developer);
    assert.ok(down.ok, down.stderr);
    assert.equal(readFileSync(file("q1.back.txt"), "utf8"), "quarterly report: confidential\n");
  });

  it("6. the auditor sees the object but may not read it: no kms:Decrypt", async () => {
    const head = await aws(["s3api", "head-object", "--bucket", BUCKET, "--key", "reports/q1.txt"], auditor);
    assert.ok(head.ok, head.stderr);
    assert.equal(head.json.SSEKMSKeyId, keyArn);
    const refused = await aws(["s3api", "get-object", "--bucket", BUCKET, "--key", "reports/q1.txt", file("q1.auditor.txt")], auditor);
    assert.equal(refused.ok, false);
    assert.equal(refused.code, "AccessDenied");
    assert.equal(refused.message, "The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.");
  });
});
