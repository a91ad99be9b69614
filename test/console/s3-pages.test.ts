// The console's S3 pages over HTTP, read as a form-reading client: every form (the multipart
// upload included) refused without the session's CSRF token, object keys and policy drafts
// escaped, the bucket deletion's typed confirmation and S3's BucketNotEmpty in place, default
// encryption with a key picked from the account's keys, a download refused when the role may not
// decrypt, and the console's S3 calls in the audit trail as the session's caller.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { CloudTrailEvent } from "../../src/audit/index.ts";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { kmsClient } from "../kms/helpers.ts";
import type { Browser, Page } from "../support/browser.ts";
import { ALICE, csrfOf, ERIN, post, signIn as signInAs } from "./helpers.ts";

const ACCOUNT = "111122223333";
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
let federa: RunningFedera;

before(async () => {
  federa = await startFedera();
});
after(() => federa.stop());

/** alice (or erin, the auditor), signed in to the console as one of her roles. */
const signIn = (roleName: string): Promise<Browser> => signInAs(federa.url, role(roleName), roleName === "ADFS-Auditors" ? ERIN : ALICE);

function uploadForm(fields: [string, string][], file?: { name: string; text: string }): FormData {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  if (file) form.append("file", new Blob([file.text], { type: "text/plain" }), file.name);
  return form;
}

async function createBucket(browser: Browser, name: string): Promise<Page> {
  const csrf = csrfOf((await browser.get("/console/s3")).html);
  const created = await post(browser, "/console/s3/create", [["csrf", csrf], ["name", name]]);
  assert.equal(created.status, 303, created.html.slice(0, 1500));
  return browser.get(created.headers.get("location") ?? "");
}

const HOSTILE = /<script>alert|<img src=x/;

describe("the console's S3 pages", () => {
  it("creates buckets, refuses names S3 would refuse in place, and lists them", async () => {
    const developer = await signIn("ADFS-Developers");
    const bucket = await createBucket(developer, "pages-alpha");
    assert.match(bucket.html, /The bucket was created\./);
    assert.match(bucket.html, /id="objects-empty">This bucket is empty\./);
    const csrf = csrfOf(bucket.html);
    const bad = await post(developer, "/console/s3/create", [["csrf", csrf], ["name", "Not_A_Bucket"]]);
    assert.equal(bad.status, 400);
    assert.match(bad.html, /id="bucket-name-error"/);
    const taken = await post(developer, "/console/s3/create", [["csrf", csrf], ["name", "pages-alpha"]]);
    assert.equal(taken.status, 409);
    assert.match(taken.html, /id="create-problem"[\s\S]*You already own a bucket of that name\./);
    const list = await developer.get("/console/s3");
    assert.match(list.html, /<a href="\/console\/s3\/buckets\/pages-alpha">pages-alpha<\/a>/);
  });

  it("refuses every form without this session's token, the upload's included, and changes nothing", async () => {
    const developer = await signIn("ADFS-Developers");
    const page = await createBucket(developer, "pages-csrf");
    const csrf = csrfOf(page.html);
    const other = await signIn("ADFS-Developers");
    const otherCsrf = csrfOf((await other.get("/console/s3")).html);
    assert.notEqual(otherCsrf, csrf);
    for (const [path, fields] of [
      ["/console/s3/create", [["name", "pages-never"]]],
      ["/console/s3/buckets/pages-csrf/policy", [["policy", "{}"]]],
      ["/console/s3/buckets/pages-csrf/encryption", [["sse", "AES256"]]],
      ["/console/s3/buckets/pages-csrf/delete", [["confirm", "pages-csrf"]]],
    ] as [string, [string, string][]][]) {
      assert.equal((await post(developer, path, fields)).status, 403, path);
      assert.equal((await post(developer, path, [["csrf", otherCsrf], ...fields])).status, 403, path);
    }
    const noToken = await developer.upload("/console/s3/buckets/pages-csrf/upload", uploadForm([["sse", "default"]], { name: "a.txt", text: "a" }));
    assert.equal(noToken.status, 403);
    // The token must come before the file, as the form orders it.
    const late = new FormData();
    late.append("file", new Blob(["b"]), "b.txt");
    late.append("csrf", csrf);
    assert.equal((await developer.upload("/console/s3/buckets/pages-csrf/upload", late)).status, 403);
    const after = await developer.get("/console/s3/buckets/pages-csrf");
    assert.match(after.html, /This bucket is empty\./);
    assert.match(after.html, /This bucket has no policy\./);
    assert.doesNotMatch((await developer.get("/console/s3")).html, /pages-never/);
  });

  it("uploads with each encryption choice, shows each object's encryption, and escapes keys", async () => {
    const developer = await signIn("ADFS-Developers");
    const csrf = csrfOf((await createBucket(developer, "pages-upload")).html);
    const path = "/console/s3/buckets/pages-upload/upload";
    const hostileKey = `<script>alert(1)</script><img src=x>.txt`;
    assert.equal((await developer.upload(path, uploadForm([["csrf", csrf], ["sse", "default"], ["object-key", hostileKey]], { name: "x.txt", text: "x" }))).status, 303);
    assert.equal((await developer.upload(path, uploadForm([["csrf", csrf], ["sse", "AES256"]], { name: "s3.txt", text: "s3" }))).status, 303);
    assert.equal((await developer.upload(path, uploadForm([["csrf", csrf], ["sse", "aws:kms"], ["key", "aws/s3"]], { name: "managed.txt", text: "kms" }))).status, 303);
    const page = await developer.get("/console/s3/buckets/pages-upload");
    assert.doesNotMatch(page.html, HOSTILE);
    assert.match(page.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;img src=x&gt;\.txt/);
    const rowOf = (key: string) => new RegExp(`object-key">${key}</td>[\\s\\S]*?</tr>`).exec(page.html)?.[0] ?? "";
    assert.match(rowOf("s3\\.txt"), /SSE-S3/);
    // S3's AWS managed key, made on first use.
    assert.match(rowOf("managed\\.txt"), /SSE-KMS<\/span> <code class="kms-key">arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36}<\/code>/);
    // The console's own checks: no file, an ARN that is not one.
    const noFile = await developer.upload(path, uploadForm([["csrf", csrf], ["sse", "default"]]));
    assert.equal(noFile.status, 400);
    assert.match(noFile.html, /id="file-error">Choose a file to upload\./);
    const badArn = await developer.upload(path, uploadForm([["csrf", csrf], ["sse", "aws:kms"], ["key", "arn"], ["key-arn", "not-an-arn"]], { name: "y.txt", text: "y" }));
    assert.equal(badArn.status, 400);
    assert.match(badArn.html, /id="key-arn-error">Enter a KMS key ARN/);
    assert.match(badArn.html, /id="sse-kms" name="sse" value="aws:kms" aria-describedby="sse-kms-hint" checked/);
    // A key that does not exist is KMS's to say, through S3.
    const missing = await developer.upload(path, uploadForm([["csrf", csrf], ["sse", "aws:kms"], ["key", "arn"], ["key-arn", `arn:aws:kms:us-east-1:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`]], { name: "z.txt", text: "z" }));
    assert.equal(missing.status, 400);
    assert.match(missing.html, /id="upload-problem"[\s\S]*KMS\.NotFoundException/);
  });

  it("sets the default encryption with a key picked from the account's keys", async () => {
    // Developers may not list keys; give them kms:ListKeys and kms:ListAliases to see the picker.
    await federa.server.iam.putRolePolicy(ACCOUNT, "ADFS-Developers", "ListKeysForPicker", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["kms:ListKeys", "kms:ListAliases"], Resource: "*" }] }));
    try {
      const developer = await signIn("ADFS-Developers");
      const bucket = await createBucket(developer, "pages-default");
      const managed = /<option value="(arn:aws:kms:[^"]+)">alias\/aws\/s3 \(/.exec(bucket.html);
      assert.ok(managed, "the picker lists the account's AWS managed key aws/s3 (made by the earlier upload)");
      const saved = await post(developer, "/console/s3/buckets/pages-default/encryption", [["csrf", csrfOf(bucket.html)], ["sse", "aws:kms"], ["key", managed[1]!], ["bucket-key", "on"]]);
      assert.equal(saved.status, 303);
      const page = await developer.get(saved.headers.get("location") ?? "");
      assert.match(page.html, /id="default-encryption">SSE-KMS</);
      assert.match(page.html, new RegExp(`id="default-kms-key">${managed[1]}<`));
      assert.match(page.html, /<dt>Bucket Key<\/dt><dd>Enabled<\/dd>/);
    } finally {
      await federa.server.iam.deleteRolePolicy(ACCOUNT, "ADFS-Developers", "ListKeysForPicker");
    }
  });

  it("keeps a refused policy draft with S3's reason in place, and deletes the policy", async () => {
    const developer = await signIn("ADFS-Developers");
    const csrf = csrfOf((await createBucket(developer, "pages-policy")).html);
    const draft = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::other-bucket/*","Sid":"<img src=x>"}]}`;
    const refused = await post(developer, "/console/s3/buckets/pages-policy/policy", [["csrf", csrf], ["policy", draft]]);
    assert.equal(refused.status, 400);
    assert.match(refused.html, /id="policy-problem"[\s\S]*MalformedPolicy[\s\S]*Policy has invalid resource/);
    assert.doesNotMatch(refused.html, HOSTILE);
    assert.ok(refused.html.includes("&quot;Sid&quot;:&quot;&lt;img src=x&gt;&quot;"), "the draft is kept, escaped");
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: "arn:aws:s3:::pages-policy/*", Condition: { StringNotEquals: { "s3:x-amz-server-side-encryption": "aws:kms" } } }] });
    assert.equal((await post(developer, "/console/s3/buckets/pages-policy/policy", [["csrf", csrf], ["policy", policy]])).status, 303);
    const saved = await developer.get("/console/s3/buckets/pages-policy?done=policy");
    assert.match(saved.html, /The bucket policy was saved\./);
    assert.match(saved.html, /id="delete-policy"/);
    assert.equal((await post(developer, "/console/s3/buckets/pages-policy/policy/delete", [["csrf", csrf]])).status, 303);
    assert.match((await developer.get("/console/s3/buckets/pages-policy")).html, /This bucket has no policy\./);
  });

  it("deletes a bucket only when its name is typed and it is empty", async () => {
    const developer = await signIn("ADFS-Developers");
    const csrf = csrfOf((await createBucket(developer, "pages-delete")).html);
    assert.equal((await developer.upload("/console/s3/buckets/pages-delete/upload", uploadForm([["csrf", csrf], ["sse", "default"]], { name: "keep.txt", text: "k" }))).status, 303);
    const unconfirmed = await post(developer, "/console/s3/buckets/pages-delete/delete", [["csrf", csrf], ["confirm", "pages-delet"]]);
    assert.equal(unconfirmed.status, 400);
    assert.match(unconfirmed.html, /id="confirm-error">Type the bucket&#39;s name, pages-delete, to confirm\./);
    const notEmpty = await post(developer, "/console/s3/buckets/pages-delete/delete", [["csrf", csrf], ["confirm", "pages-delete"]]);
    assert.equal(notEmpty.status, 409);
    assert.match(notEmpty.html, /id="deletion-problem"[\s\S]*The bucket is not empty: delete its objects first\.[\s\S]*BucketNotEmpty/);
    assert.equal((await post(developer, "/console/s3/buckets/pages-delete/objects/delete", [["csrf", csrf], ["key", "keep.txt"]])).status, 303);
    const deleted = await post(developer, "/console/s3/buckets/pages-delete/delete", [["csrf", csrf], ["confirm", "pages-delete"]]);
    assert.equal(deleted.status, 303);
    assert.equal(deleted.headers.get("location"), "/console/s3?done=bucket-deleted");
    const list = await developer.get("/console/s3?done=bucket-deleted");
    assert.match(list.html, /The bucket was deleted\./);
    assert.doesNotMatch(list.html, /pages-delete/);
  });

  it("downloads an object as it was stored; a role that may not decrypt its key is told why", async () => {
    // A customer managed key that developers use: the key policy delegates to IAM and names ADFS-Developers.
    // (aws/s3 would not do: its policy lets everyone in the account use it through S3, as on AWS.)
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "Allow use of the key", Effect: "Allow", Principal: { AWS: role("ADFS-Developers") }, Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"], Resource: "*" },
      ],
    };
    const keyArn = (await kmsClient(federa.url).send(new CreateKeyCommand({ Policy: JSON.stringify(policy) }))).KeyMetadata!.Arn!;
    const developer = await signIn("ADFS-Developers");
    const csrf = csrfOf((await createBucket(developer, "pages-download")).html);
    assert.equal((await developer.upload("/console/s3/buckets/pages-download/upload", uploadForm([["csrf", csrf], ["sse", "aws:kms"], ["key", "arn"], ["key-arn", keyArn]], { name: "note.txt", text: "kept secret" }))).status, 303);
    const got = await developer.get("/console/s3/buckets/pages-download/object?key=note.txt");
    assert.equal(got.status, 200);
    assert.equal(got.html, "kept secret");
    assert.equal(got.headers.get("content-disposition"), "attachment; filename*=UTF-8''note.txt");
    assert.equal(got.headers.get("x-amz-server-side-encryption"), "aws:kms");
    // A larger file goes up and comes back whole (many 64 KiB segments; the download waits on the socket).
    const big = Buffer.alloc(6 * 1024 * 1024 + 123);
    for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
    const form = uploadForm([["csrf", csrf], ["sse", "aws:kms"], ["key", "arn"], ["key-arn", keyArn]]);
    form.append("file", new Blob([big]), "big.bin");
    assert.equal((await developer.upload("/console/s3/buckets/pages-download/upload", form)).status, 303);
    const url = new URL("/console/s3/buckets/pages-download/object?key=big.bin", federa.url);
    const response = await fetch(url, { headers: { cookie: [...developer.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-length"), String(big.length));
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(big), "the download is the upload, byte for byte");
    // Auditors read S3 (s3:Get*) but may not use KMS keys: S3 asks KMS as the caller and is refused.
    const auditor = await signIn("ADFS-Auditors");
    const refused = await auditor.get("/console/s3/buckets/pages-download/object?key=note.txt");
    assert.equal(refused.status, 403);
    assert.match(refused.html, /id="objects-problem"[\s\S]*Access denied: the object is encrypted with a KMS key that you are not allowed to use to decrypt data \(kms:Decrypt\)\./);
    assert.doesNotMatch(refused.html, /kept secret/);
  });

  it("records the console's S3 calls in the audit trail as the session's caller", async () => {
    // The trail writes off the request's path: read its file until the last call is in it.
    const file = join(federa.dataDir, "trail", "cloudtrail.jsonl");
    const read = (): CloudTrailEvent[] => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").map((line) => JSON.parse(line) as CloudTrailEvent) : []);
    let events = read().filter((e) => e.eventSource === "s3.amazonaws.com");
    for (let i = 0; i < 50 && !events.some((e) => e.eventName === "GetObject" && e.errorCode === "AccessDenied"); i++) {
      await sleep(100);
      events = read().filter((e) => e.eventSource === "s3.amazonaws.com");
    }
    const create = events.find((e) => e.eventName === "CreateBucket" && e.requestParameters?.["bucketName"] === "pages-alpha");
    assert.ok(create, "CreateBucket is recorded");
    assert.equal(create.userAgent, "federa-console");
    assert.equal(create.userIdentity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ADFS-Developers/alice@corp.example.test`);
    assert.equal(create.eventCategory, "Management");
    assert.equal(create.managementEvent, true);
    const put = events.find((e) => e.eventName === "PutObject" && e.requestParameters?.["key"] === "managed.txt");
    assert.ok(put, "PutObject is recorded");
    assert.equal(put.eventCategory, "Data");
    assert.equal(put.managementEvent, false);
    assert.equal(put.requestParameters?.["x-amz-server-side-encryption"], "aws:kms");
    assert.equal(put.responseElements?.["x-amz-server-side-encryption"], "aws:kms");
    assert.deepEqual(put.resources?.map((r) => r.type), ["AWS::S3::Object", "AWS::S3::Bucket"]);
    const denied = events.find((e) => e.eventName === "GetObject" && e.errorCode === "AccessDenied");
    assert.ok(denied, "the auditor's refused download is recorded");
    assert.match(denied.userIdentity.arn ?? "", /ADFS-Auditors\/erin@/);
    // No object body in any event.
    assert.doesNotMatch(JSON.stringify(events), /kept secret/);
  });
});
