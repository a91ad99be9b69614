// The lab's key with the AWS CLI v2 (/usr/bin/aws, --endpoint-url): the root creates a key whose
// policy names ADFS-KeyAdmins as administrators and ADFS-Developers as users, gives it an alias;
// then, with federated credentials from the IdP and STS, a developer encrypts and decrypts files
// (fileb://), and an administrator may manage the key but not decrypt.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { awsCli, federatedCredentials, LAB, labKeyPolicy, type Credentials } from "./helpers.ts";

let federa: RunningFedera;
let aws: ReturnType<typeof awsCli>;
let developer: Credentials;
let admin: Credentials;
const work = mkdtempSync(join(tmpdir(), "federa-kms-cli-"));


before(async () => {
  federa = await startFedera();
  aws = awsCli(federa.url);
  developer = await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers");
  admin = await federatedCredentials(federa.url, "alice", "Alice!Passw0rd1", "ADFS-KeyAdmins");
});
after(() => federa.stop());

describe("the lab's key with the AWS CLI", () => {
  let keyId: string;

  it("creates the key with administrators and users, and an alias", async () => {
    writeFileSync(join(work, "policy.json"), JSON.stringify(labKeyPolicy));
    const created = await aws(["kms", "create-key", "--description", "lab key", "--policy", `file://${join(work, "policy.json")}`]);
    assert.ok(created.ok, created.stderr);
    keyId = created.json.KeyMetadata.KeyId;
    assert.equal(created.json.KeyMetadata.KeyState, "Enabled");
    const policy = await aws(["kms", "get-key-policy", "--key-id", keyId, "--policy-name", "default"]);
    if (policy.ok) assert.deepEqual(JSON.parse(policy.json.Policy), labKeyPolicy);
  });

  it("lets the developer encrypt and decrypt a file, with an encryption context", async () => {
    writeFileSync(join(work, "secret.txt"), "the lab's secret\n");
    const sealed = await aws(["kms", "encrypt", "--key-id", keyId, "--plaintext", `fileb://${join(work, "secret.txt")}`, "--encryption-context", "project=lab"], developer);
    assert.ok(sealed.ok, sealed.stderr);
    assert.match(sealed.json.KeyId, new RegExp(`^arn:aws:kms:us-east-1:${LAB}:key/${keyId}$`));
    writeFileSync(join(work, "secret.enc"), Buffer.from(sealed.json.CiphertextBlob, "base64"));
    const opened = await aws(["kms", "decrypt", "--ciphertext-blob", `fileb://${join(work, "secret.enc")}`, "--encryption-context", "project=lab"], developer);
    assert.ok(opened.ok, opened.stderr);
    assert.equal(Buffer.from(opened.json.Plaintext, "base64").toString(), readFileSync(join(work, "secret.txt"), "utf8"));
    const wrongContext = await aws(["kms", "decrypt", "--ciphertext-blob", `fileb://${join(work, "secret.enc")}`], developer);
    assert.equal(wrongContext.code, "InvalidCiphertextException");
  });

  // The key policy delegates to the account too, so the refusal names the identity-based policies.
  it("refuses the administrator's encryption with AccessDeniedException in AWS's words", async () => {
    const refused = await aws(["kms", "encrypt", "--key-id", keyId, "--plaintext", `fileb://${join(work, "secret.txt")}`], admin);
    assert.equal(refused.ok, false);
    assert.equal(refused.code, "AccessDeniedException");
    assert.match(
      refused.message!,
      new RegExp(`^User: arn:aws:sts::${LAB}:assumed-role/ADFS-KeyAdmins/alice@corp\\.example\\.test is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:${LAB}:key/${keyId} because no identity-based policy allows the kms:Encrypt action$`),
    );
    const described = await aws(["kms", "describe-key", "--key-id", keyId], admin);
    assert.ok(described.ok, described.stderr);
  });

  it("refuses the developer's key administration", async () => {
    const refused = await aws(["kms", "create-grant", "--key-id", keyId, "--grantee-principal", `arn:aws:iam::${LAB}:role/ADFS-Auditors`, "--operations", "Decrypt"], developer);
    assert.equal(refused.code, "AccessDeniedException");
  });
});
