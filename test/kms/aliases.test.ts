// Aliases through the AWS SDK: CreateAlias with AWS's name rules and errors, aliases used for
// Encrypt, Decrypt and DescribeKey by alias name and alias ARN, UpdateAlias retargeting (same key
// type and usage only), DeleteAlias, ListAliases with its KeyId filter and pagination, the
// permissions on both the alias (IAM) and the key (key policy), and kms:ResourceAliases seeing
// every change at once.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EncryptCommand,
  ListAliasesCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
  type AliasListEntry,
  type CreateKeyCommandInput,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { ManualClock } from "../../src/shared/index.ts";
import { createAlias } from "../../src/kms/operations/create-alias.ts";
import { quietOutput } from "../../src/kms/operations/quiet-output.ts";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { federatedCredentials, kmsClient, refusal, LAB, type Credentials } from "./helpers.ts";

const clock = new ManualClock(Date.now());
let federa: RunningFedera;
let kms: KMSClient;
let admin: Credentials;
let developer: Credentials;

before(async () => {
  federa = await startFedera({}, { clock });
  kms = kmsClient(federa.url);
  admin = await federatedCredentials(federa.url, "alice", "Alice!Passw0rd1", "ADFS-KeyAdmins");
  developer = await federatedCredentials(federa.url, "bob", "Bob!Passw0rd1", "ADFS-Developers");
});
after(() => federa.stop());

const aliasArn = (name: string) => `arn:aws:kms:us-east-1:${LAB}:${name}`;
const createKey = async (input: CreateKeyCommandInput = {}) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
const create = (AliasName: string, TargetKeyId: string | undefined, client = kms) => client.send(new CreateAliasCommand({ AliasName, TargetKeyId }));
const encrypt = (KeyId: string, client = kms) => client.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from("via alias") }));

async function listAll(input: { KeyId?: string; Limit?: number } = {}): Promise<{ aliases: AliasListEntry[]; pages: number }> {
  const aliases: AliasListEntry[] = [];
  let marker: string | undefined;
  let pages = 0;
  do {
    const out = await kms.send(new ListAliasesCommand({ ...input, ...(marker ? { Marker: marker } : {}) }));
    aliases.push(...out.Aliases!);
    assert.equal(out.Truncated, out.NextMarker !== undefined);
    marker = out.NextMarker;
    pages++;
  } while (marker);
  return { aliases, pages };
}

describe("CreateAlias and using an alias", () => {
  it("names a key by key id or key ARN; Encrypt, Decrypt and DescribeKey take the alias name and the alias ARN", async () => {
    const key = await createKey({ Description: "aliased" });
    await create("alias/app/orders", key.KeyId);
    await create("alias/orders_v2-B", key.Arn);
    for (const id of ["alias/app/orders", aliasArn("alias/app/orders"), "alias/orders_v2-B"]) {
      assert.equal((await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyId, key.KeyId, id);
      const sealed = await encrypt(id);
      assert.equal(sealed.KeyId, key.Arn);
      const opened = await kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, KeyId: id }));
      assert.equal(Buffer.from(opened.Plaintext!).toString(), "via alias");
    }
    const listed = (await listAll({ KeyId: key.KeyId })).aliases;
    assert.deepEqual(
      listed.map((a) => [a.AliasName, a.AliasArn, a.TargetKeyId]),
      [
        ["alias/app/orders", aliasArn("alias/app/orders"), key.KeyId],
        ["alias/orders_v2-B", aliasArn("alias/orders_v2-B"), key.KeyId],
      ],
    );
    for (const a of listed) {
      assert.ok(a.CreationDate instanceof Date);
      assert.equal(Math.abs(a.CreationDate.getTime() - clock.now().getTime()) < 1000, true);
      assert.equal(a.LastUpdatedDate!.getTime(), a.CreationDate.getTime());
    }
  });

  it("refuses names outside AWS's rules, in AWS's words", async () => {
    const key = await createKey();
    const cases: [string, string, string][] = [
      ["my-alias", "ValidationException", 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html'],
      ["alias/my alias!", "ValidationException", "1 validation error detected: Value 'alias/my alias!' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"],
      ["alias/my:alias", "ValidationException", "alias/my:alias contains invalid characters for an alias"],
      ["", "ValidationException", "1 validation error detected: Value '' at 'aliasName' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ];
    for (const [name, code, message] of cases) {
      const refused = await refusal(create(name, key.KeyId));
      assert.equal(refused.name, code, name);
      assert.equal(refused.message, message, name);
      assert.equal(refused.status, 400);
    }
    const long = await refusal(create(`alias/${"a".repeat(251)}`, key.KeyId));
    assert.match(long.message, /^1 validation error detected: Value 'alias\/a+' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256$/);
    await create(`alias/${"a".repeat(250)}`, key.KeyId);
    // alias/aws/ is AWS's: AWS answers NotAuthorizedException, with no message.
    const reserved = await refusal(create("alias/aws/mine", key.KeyId));
    assert.equal(reserved.name, "NotAuthorizedException");
    assert.equal(reserved.status, 400);
  });

  it("refuses a taken name, an alias as the target, and targets that are not keys of this account and Region", async () => {
    const key = await createKey();
    await create("alias/taken", key.KeyId);
    const taken = await refusal(create("alias/taken", (await createKey()).KeyId));
    assert.equal(taken.name, "AlreadyExistsException");
    assert.equal(taken.message, `An alias with the name ${aliasArn("alias/taken")} already exists`);
    for (const target of ["alias/taken", aliasArn("alias/taken")]) {
      const refused = await refusal(create("alias/of-an-alias", target));
      assert.equal(refused.name, "ValidationException", target);
      assert.equal(refused.message, "Aliases must refer to keys. Not aliases");
    }
    const unknown = "0b0b0b0b-1111-2222-3333-444444444444";
    const missing = await refusal(create("alias/nothing", unknown));
    assert.equal(missing.name, "NotFoundException");
    assert.equal(missing.message, `Key 'arn:aws:kms:us-east-1:${LAB}:key/${unknown}' does not exist`);
    const invalid = await refusal(create("alias/nothing", "not-a-key-id"));
    assert.equal(invalid.message, "Invalid keyId 'not-a-key-id'");
    const noTarget = await refusal(create("alias/nothing", undefined));
    assert.equal(noTarget.message, "1 validation error detected: Value null at 'targetKeyId' failed to satisfy constraint: Member must not be null");
    const otherRegion = await refusal(create("alias/nothing", `arn:aws:kms:us-west-2:${LAB}:key/${key.KeyId}`));
    assert.equal(otherRegion.name, "NotFoundException");
    assert.equal(otherRegion.message, "Invalid arn us-west-2");
    const alias = await refusal(encrypt("alias/nothing"));
    assert.equal(alias.name, "NotFoundException");
    assert.equal(alias.message, `Alias ${aliasArn("alias/nothing")} is not found.`);
  });

  it("may name a disabled key or a key pending import, not a key pending deletion", async () => {
    const imported = await createKey({ Origin: "EXTERNAL" });
    await create("alias/pending-import", imported.KeyId);
    const doomed = await createKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId, PendingWindowInDays: 7 }));
    const refused = await refusal(create("alias/doomed", doomed.KeyId));
    assert.equal(refused.name, "KMSInvalidStateException");
    assert.equal(refused.message, `${doomed.Arn} is pending deletion.`);
  });
});

describe("UpdateAlias", () => {
  it("points the alias at another key: new encryptions use it, old ciphertexts still decrypt, LastUpdatedDate moves", async () => {
    const first = await createKey();
    const second = await createKey();
    await create("alias/rotating", first.KeyId);
    const old = await encrypt("alias/rotating");
    assert.equal(old.KeyId, first.Arn);
    const created = (await listAll({ KeyId: first.KeyId })).aliases[0]!;
    clock.advance(2000);
    await kms.send(new UpdateAliasCommand({ AliasName: "alias/rotating", TargetKeyId: second.Arn }));
    const sealed = await encrypt("alias/rotating");
    assert.equal(sealed.KeyId, second.Arn);
    assert.equal(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }))).Plaintext!).toString(), "via alias");
    const wrongKey = await refusal(kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob, KeyId: "alias/rotating" })));
    assert.equal(wrongKey.name, "IncorrectKeyException");
    assert.deepEqual((await listAll({ KeyId: first.KeyId })).aliases, []);
    const updated = (await listAll({ KeyId: second.KeyId })).aliases[0]!;
    assert.equal(updated.TargetKeyId, second.KeyId);
    assert.equal(updated.CreationDate!.getTime(), created.CreationDate!.getTime());
    assert.equal(updated.LastUpdatedDate!.getTime() - created.LastUpdatedDate!.getTime(), 2000);
  });

  it("needs a new key of the same type and key usage, not pending deletion; the alias must exist", async () => {
    const symmetric = await createKey();
    await create("alias/typed", symmetric.KeyId);
    const signing = await createKey({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" });
    const hmac = await createKey({ KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC" });
    const refusedSign = await refusal(kms.send(new UpdateAliasCommand({ AliasName: "alias/typed", TargetKeyId: signing.KeyId })));
    assert.equal(refusedSign.name, "ValidationException");
    assert.equal(refusedSign.message, "alias/typed cannot be changed from a symmetric ENCRYPT_DECRYPT key to a asymmetric SIGN_VERIFY key: the new target key must have the same key type and key usage.");
    const refusedHmac = await refusal(kms.send(new UpdateAliasCommand({ AliasName: "alias/typed", TargetKeyId: hmac.KeyId })));
    assert.equal(refusedHmac.name, "ValidationException");
    const doomed = await createKey();
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId }));
    const pending = await refusal(kms.send(new UpdateAliasCommand({ AliasName: "alias/typed", TargetKeyId: doomed.KeyId })));
    assert.equal(pending.name, "KMSInvalidStateException");
    assert.equal(pending.message, `${doomed.Arn} is pending deletion.`);
    const missing = await refusal(kms.send(new UpdateAliasCommand({ AliasName: "alias/never-made", TargetKeyId: symmetric.KeyId })));
    assert.equal(missing.name, "NotFoundException");
    assert.equal(missing.message, `Alias ${aliasArn("alias/never-made")} is not found.`);
    const toAlias = await refusal(kms.send(new UpdateAliasCommand({ AliasName: "alias/typed", TargetKeyId: "alias/typed" })));
    assert.equal(toAlias.message, "Aliases must refer to keys. Not aliases");
    assert.equal((await listAll({ KeyId: symmetric.KeyId })).aliases.length, 1, "nothing changed");
  });

  it("moves an alias away from a key pending deletion", async () => {
    const doomed = await createKey();
    const next = await createKey();
    await create("alias/lifeboat", doomed.KeyId);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId }));
    await kms.send(new UpdateAliasCommand({ AliasName: "alias/lifeboat", TargetKeyId: next.KeyId }));
    assert.equal((await encrypt("alias/lifeboat")).KeyId, next.Arn);
  });
});

describe("DeleteAlias", () => {
  it("deletes the alias and leaves the key alone, in any key state", async () => {
    const key = await createKey();
    await create("alias/short-lived", key.KeyId);
    await kms.send(new DeleteAliasCommand({ AliasName: "alias/short-lived" }));
    const gone = await refusal(encrypt("alias/short-lived"));
    assert.equal(gone.name, "NotFoundException");
    assert.equal(gone.message, `Alias ${aliasArn("alias/short-lived")} is not found.`);
    const again = await refusal(kms.send(new DeleteAliasCommand({ AliasName: "alias/short-lived" })));
    assert.equal(again.name, "NotFoundException");
    assert.equal(again.message, `Alias ${aliasArn("alias/short-lived")} is not found.`);
    await encrypt(key.KeyId!);
    await create("alias/short-lived", key.KeyId);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId }));
    await kms.send(new DeleteAliasCommand({ AliasName: "alias/short-lived" }));
    const wrongPrefix = await refusal(kms.send(new DeleteAliasCommand({ AliasName: "short-lived" })));
    assert.equal(wrongPrefix.name, "ValidationException");
    const reserved = await refusal(kms.send(new DeleteAliasCommand({ AliasName: "alias/aws/s3" })));
    assert.equal(reserved.name, "NotAuthorizedException");
  });
});

describe("ListAliases", () => {
  it("pages by alias name (50 by default, Limit 1–100) and filters by key id or key ARN", async () => {
    const key = await createKey();
    for (let i = 0; i < 55; i++) await create(`alias/bulk/${String(i).padStart(2, "0")}`, key.KeyId);
    const first = await kms.send(new ListAliasesCommand({}));
    assert.equal(first.Aliases!.length, 50);
    assert.equal(first.Truncated, true);
    const everything = await listAll({});
    const names = everything.aliases.map((a) => a.AliasName!);
    assert.deepEqual(names, [...names].sort(), "alias name order");
    assert.equal(new Set(names).size, names.length, "no alias twice");
    const byKey = await listAll({ KeyId: key.KeyId, Limit: 20 });
    assert.equal(byKey.pages, 3);
    assert.deepEqual(
      byKey.aliases.map((a) => a.AliasName),
      Array.from({ length: 55 }, (_, i) => `alias/bulk/${String(i).padStart(2, "0")}`),
    );
    assert.equal((await listAll({ KeyId: key.Arn!, Limit: 100 })).aliases.length, 55);
    const big = await refusal(kms.send(new ListAliasesCommand({ Limit: 101 })));
    assert.equal(big.message, "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
    const marker = await refusal(kms.send(new ListAliasesCommand({ Marker: "forged" })));
    assert.equal(marker.name, "InvalidMarkerException");
    const unknown = "0b0b0b0b-1111-2222-3333-444444444444";
    const missing = await refusal(kms.send(new ListAliasesCommand({ KeyId: unknown })));
    assert.equal(missing.name, "NotFoundException");
    assert.equal(missing.message, `Key 'arn:aws:kms:us-east-1:${LAB}:key/${unknown}' does not exist`);
  });
});

describe("permissions and kms:ResourceAliases", () => {
  it("needs kms:CreateAlias on the alias (IAM policy) and on the key (key policy)", async () => {
    const key = await createKey();
    await create("alias/by-admin", key.KeyId, kmsClient(federa.url, admin));
    const bob = `arn:aws:sts::${LAB}:assumed-role/ADFS-Developers/bob@corp.example.test`;
    const deniedAlias = await refusal(create("alias/by-bob", key.KeyId, kmsClient(federa.url, developer)));
    assert.equal(deniedAlias.name, "AccessDeniedException");
    assert.equal(deniedAlias.message, `User: ${bob} is not authorized to perform: kms:CreateAlias on resource: ${aliasArn("alias/by-bob")} because no identity-based policy allows the kms:CreateAlias action`);
    // A key whose policy keeps kms:CreateAlias from the account: the alias side allows the
    // administrator, the key side does not.
    const guarded = await createKey({
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Sid: "Account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, NotAction: "kms:CreateAlias", Resource: "*" }],
      }),
    });
    const deniedKey = await refusal(create("alias/guarded", guarded.KeyId, kmsClient(federa.url, admin)));
    assert.equal(deniedKey.name, "AccessDeniedException");
    assert.ok(deniedKey.message.startsWith(`User: arn:aws:sts::${LAB}:assumed-role/ADFS-KeyAdmins/alice@corp.example.test is not authorized to perform: kms:CreateAlias on resource: ${guarded.Arn}`), deniedKey.message);
    assert.deepEqual((await listAll({ KeyId: guarded.KeyId })).aliases, []);
    const deniedList = await refusal(kmsClient(federa.url, developer).send(new ListAliasesCommand({})));
    assert.equal(deniedList.name, "AccessDeniedException");
    assert.equal(deniedList.message, `User: ${bob} is not authorized to perform: kms:ListAliases on resource: * because no identity-based policy allows the kms:ListAliases action`);
    assert.ok((await kmsClient(federa.url, admin).send(new ListAliasesCommand({ KeyId: key.KeyId }))).Aliases!.some((a) => a.AliasName === "alias/by-admin"));
  });

  it("lets a key policy condition on kms:ResourceAliases see CreateAlias, UpdateAlias and DeleteAlias at once", async () => {
    const key = await createKey({
      Policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Sid: "Account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${LAB}:root` }, NotAction: "kms:Encrypt", Resource: "*" },
          {
            Sid: "Developers while the key is the finance key",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${LAB}:role/ADFS-Developers` },
            Action: "kms:Encrypt",
            Resource: "*",
            Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/finance" } },
          },
        ],
      }),
    });
    const other = await createKey();
    const bob = kmsClient(federa.url, developer);
    assert.equal((await refusal(encrypt(key.KeyId!, bob))).name, "AccessDeniedException");
    await create("alias/finance", key.KeyId);
    assert.equal((await encrypt(key.KeyId!, bob)).KeyId, key.Arn);
    await kms.send(new UpdateAliasCommand({ AliasName: "alias/finance", TargetKeyId: other.KeyId }));
    assert.equal((await refusal(encrypt(key.KeyId!, bob))).name, "AccessDeniedException");
    await kms.send(new UpdateAliasCommand({ AliasName: "alias/finance", TargetKeyId: key.KeyId }));
    assert.equal((await encrypt(key.KeyId!, bob)).KeyId, key.Arn);
    await kms.send(new DeleteAliasCommand({ AliasName: "alias/finance" }));
    assert.equal((await refusal(encrypt(key.KeyId!, bob))).name, "AccessDeniedException");
  });
});

describe("the trail", () => {
  it("records aliasName and targetKeyId, and the alias and key ARNs", () => {
    const keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
    const keyArn = `arn:aws:kms:us-east-1:${LAB}:key/${keyId}`;
    const output = quietOutput([
      { ARN: aliasArn("alias/x"), accountId: LAB, type: "AWS::KMS::Alias" },
      { ARN: keyArn, accountId: LAB, type: "AWS::KMS::Key" },
    ]);
    const trail = createAlias.trail!({ AliasName: "alias/x", TargetKeyId: keyId }, output);
    assert.deepEqual(trail.requestParameters, { aliasName: "alias/x", targetKeyId: keyId });
    assert.equal(trail.responseElements, null);
    assert.deepEqual(trail.resources?.map((r) => r.ARN), [aliasArn("alias/x"), keyArn]);
  });
});
