// The console's KMS and activity pages over HTTP, read as a form-reading client: forms refused
// without the session's CSRF token, hostile descriptions, aliases and tags escaped wherever they
// are shown, the key policy editor showing KMS's MalformedPolicyDocumentException in place, the
// wizard telling that an alias is taken, the deletion lifecycle with its typed confirmation, and
// the console's calls in the audit trail as the session's caller.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { Browser, decodeEntities, type Page } from "../support/browser.ts";
import { csrfOf, post, signIn as signInAs } from "./helpers.ts";
import { EncryptCommand, GetKeyPolicyCommand } from "@aws-sdk/client-kms";
import { kmsClient } from "../kms/helpers.ts";

const ACCOUNT = "111122223333";
const KEY_ADMINS = `arn:aws:iam::${ACCOUNT}:role/ADFS-KeyAdmins`;
const DEVELOPERS = `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`;
let federa: RunningFedera;

before(async () => {
  federa = await startFedera();
});
after(() => federa.stop());

/** alice, signed in to the console as one of her roles. */
const signIn = (roleArn: string): Promise<Browser> => signInAs(federa.url, roleArn);

interface KeyChoices {
  alias: string;
  /** Key type, usage and spec: a symmetric encryption key unless given. */
  kind?: [type: "symmetric" | "asymmetric", usage: string, spec: string];
  description?: string;
  tags?: [string, string][];
}

/** Finishes the wizard in one post, as its review step does; answers the new key's id. */
async function createKey(browser: Browser, csrf: string, o: KeyChoices): Promise<{ keyId: string; page: Page }> {
  const fields: [string, string][] = [
    ["csrf", csrf],
    ["from", "5"],
    ["keyType", o.kind?.[0] ?? "symmetric"],
    ["keyUsage", o.kind?.[1] ?? "ENCRYPT_DECRYPT"],
    ["keySpec", o.kind?.[2] ?? "SYMMETRIC_DEFAULT"],
    ["alias", o.alias],
    ["description", o.description ?? ""],
    ...(o.tags ?? []).flatMap(([k, v]): [string, string][] => [
      ["tagKey", k],
      ["tagValue", v],
    ]),
    ["admin", KEY_ADMINS],
    ["adminsMayDelete", "true"],
    ["user", DEVELOPERS],
    ["go", "create"],
  ];
  const created = await post(browser, "/console/kms/create", fields);
  assert.equal(created.status, 303, created.html.slice(0, 2000));
  const location = created.headers.get("location") ?? "";
  const keyId = /^\/console\/kms\/keys\/([0-9a-f-]{36})\?done=created$/.exec(location)?.[1];
  assert.ok(keyId, location);
  return { keyId, page: await browser.get(location) };
}

const HOSTILE = /<script>alert|<img src=x|<svg onload|<b>tag<\/b>|"><i>/;

describe("console forms and CSRF", () => {
  it("refuses every form posted without this session's token, and changes nothing", async () => {
    const admin = await signIn(KEY_ADMINS);
    const csrf = csrfOf((await admin.get("/console/kms/create")).html);
    const { keyId } = await createKey(admin, csrf, { alias: "csrf-test" });
    const disable = `/console/kms/keys/${keyId}/disable`;

    assert.equal((await post(admin, disable, [])).status, 403);
    assert.equal((await post(admin, disable, [["csrf", "forged"]])).status, 403);
    assert.equal((await post(admin, disable, [["csrf", csrf + "x"]])).status, 403);
    // Another session's token (alice again, as the other role) does not do either.
    const developer = await signIn(DEVELOPERS);
    const otherToken = csrfOf((await developer.get(`/console/kms/keys/${keyId}`)).html);
    assert.notEqual(otherToken, csrf);
    const refused = await post(admin, disable, [["csrf", otherToken]]);
    assert.equal(refused.status, 403);
    assert.match(refused.html, /This form was not accepted/);
    assert.match((await admin.get(`/console/kms/keys/${keyId}`)).html, /id="key-state"><span class="badge ok">Enabled</);

    // The wizard too: no key is made.
    const before = (await admin.get("/console/kms")).html.match(/\/console\/kms\/keys\//g)?.length;
    const wizard = await post(admin, "/console/kms/create", [["from", "5"], ["alias", "no-token"], ["go", "create"]]);
    assert.equal(wizard.status, 403);
    assert.equal((await admin.get("/console/kms")).html.match(/\/console\/kms\/keys\//g)?.length, before);

    // Without a session there is no form at all.
    const stranger = new Browser(federa.url);
    assert.equal((await post(stranger, disable, [["csrf", csrf]])).status, 401);
    assert.equal((await stranger.get("/console/kms")).status, 401);
    assert.equal((await stranger.get("/console/activity")).status, 401);

    // With the token, the same form works.
    const done = await post(admin, disable, [["csrf", csrf]]);
    assert.equal(done.status, 303);
    assert.match((await admin.get(done.headers.get("location")!)).html, /id="key-state"><span class="badge warn">Disabled</);
  });

  it("sends pages that allow no inline script or style but their own", async () => {
    const admin = await signIn(KEY_ADMINS);
    for (const path of ["/console", "/console/kms", "/console/kms/create", "/console/activity"]) {
      const page = await admin.get(path);
      assert.equal(page.status, 200, path);
      const csp = page.headers.get("content-security-policy") ?? "";
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce, path);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(page.html, / style="/, `${path}: no style attributes`);
      assert.doesNotMatch(page.html, / on[a-z]+="/, `${path}: no event handler attributes`);
      for (const tag of page.html.match(/<(script|style)\b[^>]*>/g) ?? []) assert.match(tag, new RegExp(`nonce="${nonce}"`), `${path}: ${tag}`);
    }
  });
});

describe("escaping", () => {
  it("shows a hostile description, alias and tags as text on every page", async () => {
    const admin = await signIn(KEY_ADMINS);
    const csrf = csrfOf((await admin.get("/console/kms/create")).html);
    const description = `<script>alert("d")</script> "><img src=x onerror=alert(1)> & 'quotes'`;
    const tagValue = `"><svg onload=alert(1)>`;

    // The wizard echoes what it was given, escaped, and refuses the alias as KMS would.
    const labels = await post(admin, "/console/kms/create", [
      ["csrf", csrf],
      ["from", "2"],
      ["alias", `x"><i>alias</i><script>alert(2)</script>`],
      ["description", description],
      ["tagKey", "<b>tag</b>"],
      ["tagValue", tagValue],
      ["go", "3"],
    ]);
    assert.equal(labels.status, 400);
    assert.match(labels.html, /An alias has letters, digits, slashes, underscores and hyphens only/);
    assert.doesNotMatch(labels.html, HOSTILE);
    assert.match(labels.html, /value="x&quot;&gt;&lt;i&gt;alias&lt;\/i&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;"/);
    assert.match(labels.html, /value="&lt;script&gt;alert\(&quot;d&quot;\)&lt;\/script&gt; &quot;&gt;&lt;img src=x onerror=alert\(1\)&gt; &amp; &#39;quotes&#39;"/);

    const { keyId, page } = await createKey(admin, csrf, { alias: "escaping-test", description, tags: [["<b>tag</b>", tagValue]] });
    assert.doesNotMatch(page.html, HOSTILE);
    assert.match(page.html, /<dd id="key-description">&lt;script&gt;alert\(&quot;d&quot;\)&lt;\/script&gt;/);
    assert.match(page.html, /<td data-label="Key" class="tag-key">&lt;b&gt;tag&lt;\/b&gt;<\/td>/);
    assert.match(page.html, /class="tag-value">&quot;&gt;&lt;svg onload=alert\(1\)&gt;<\/td>/);

    // A hostile alias typed on the key's page: KMS refuses it, and the page shows it as text.
    const alias = await post(admin, `/console/kms/keys/${keyId}/aliases`, [["csrf", csrf], ["alias", `alias/"><script>alert(3)</script>`]]);
    assert.equal(alias.status, 400);
    assert.match(alias.html, /id="aliases-problem"/);
    assert.doesNotMatch(alias.html, HOSTILE);
    assert.match(alias.html, /value="alias\/&quot;&gt;&lt;script&gt;alert\(3\)&lt;\/script&gt;"/);

    // The key list, and the activity page, which shows the refused call's error.
    assert.doesNotMatch((await admin.get("/console/kms")).html, HOSTILE);
    const activity = await admin.get("/console/activity?show=all");
    assert.match(activity.html, /kms:CreateAlias/);
    assert.doesNotMatch(activity.html, HOSTILE);
  });
});

describe("the key lists", () => {
  it("lists customer managed and AWS managed keys apart, and shows an AWS managed key read-only", async () => {
    const admin = await signIn(KEY_ADMINS);
    const csrf = csrfOf((await admin.get("/console/kms/create")).html);
    const { keyId } = await createKey(admin, csrf, { alias: "listed-key" });
    // Naming alias/aws/s3 makes S3's AWS managed key, as its first use does.
    const opened = await admin.get("/console/kms/open?key=aws%2Fs3");
    assert.equal(opened.status, 303);
    const managed = await admin.get(opened.headers.get("location")!);
    assert.match(managed.html, /<h1 id="key-title">alias\/aws\/s3 /);
    assert.match(managed.html, /AWS managed keys are managed by the AWS service that made them/);
    assert.doesNotMatch(managed.html, /id="schedule-deletion"|id="save-policy"|id="disable-key"/);
    assert.match(managed.html, /<dd id="rotation-status">On<\/dd>/);

    const list = (await admin.get("/console/kms")).html;
    const customer = /<table class="stack" id="customer-keys">[\s\S]*?<\/table>/.exec(list)?.[0] ?? "";
    const aws = /<table class="stack" id="aws-keys">[\s\S]*?<\/table>/.exec(list)?.[0] ?? "";
    assert.match(customer, new RegExp(keyId));
    assert.match(customer, /alias\/listed-key/);
    assert.doesNotMatch(customer, /alias\/aws\/s3/);
    assert.match(aws, /alias\/aws\/s3/);
    assert.doesNotMatch(aws, new RegExp(keyId));

    const unknown = await admin.get("/console/kms/open?key=alias%2Fno-such-alias");
    assert.equal(unknown.status, 400);
    assert.match(unknown.html, /id="open-error">Not found\./);
  });
});

describe("the key policy editor", () => {
  it("shows KMS's MalformedPolicyDocumentException in place, keeps the text, and stores nothing", async () => {
    const admin = await signIn(KEY_ADMINS);
    const csrf = csrfOf((await admin.get("/console/kms/create")).html);
    const { keyId } = await createKey(admin, csrf, { alias: "policy-editor" });
    const path = `/console/kms/keys/${keyId}/policy`;

    const broken = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    const page = await post(admin, path, [["csrf", csrf], ["policy", broken]]);
    assert.equal(page.status, 400);
    const section = /<section class="panel" id="policy"[\s\S]*?<\/section>/.exec(page.html)?.[0] ?? "";
    assert.match(section, /<div class="problem" role="alert" id="policy-problem">/);
    assert.match(section, /The key policy was not accepted\./);
    assert.match(section, /<code>MalformedPolicyDocumentException<\/code>: /);
    assert.match(section, /line 3, column 3/);
    assert.match(section, /aria-invalid="true"/);
    assert.equal(decodeEntities(/<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(section)?.[1] ?? ""), broken);

    const unknownPrincipal = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "Nobody", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/NoSuchRole` }, Action: "kms:Decrypt", Resource: "*" },
      ],
    });
    const invalid = await post(admin, path, [["csrf", csrf], ["policy", unknownPrincipal]]);
    assert.equal(invalid.status, 400);
    assert.match(invalid.html, /MalformedPolicyDocumentException<\/code>: Policy contains a statement with one or more invalid principals\./);

    const lockout = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: DEVELOPERS }, Action: "kms:Decrypt", Resource: "*" }] });
    const locked = await post(admin, path, [["csrf", csrf], ["policy", lockout]]);
    assert.equal(locked.status, 400);
    assert.match(locked.html, /The new key policy will not allow you to update the key policy in the future\./);

    // The stored policy is still the wizard's.
    const stored = await admin.get(`/console/kms/keys/${keyId}`);
    assert.match(stored.html, /Allow access for Key Administrators/);
    assert.doesNotMatch(stored.html, /NoSuchRole/);

    // A good policy is saved.
    const good = JSON.stringify(
      { Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] },
      null,
      2,
    );
    const saved = await post(admin, path, [["csrf", csrf], ["policy", good]]);
    assert.equal(saved.status, 303);
    const after = await admin.get(saved.headers.get("location")!);
    assert.match(after.html, /The key policy was saved\./);
    assert.doesNotMatch(after.html, /Allow access for Key Administrators/);
  });
});

describe("the create-key wizard", () => {
  it("tells that an alias is taken, and moves back without checking", async () => {
    const admin = await signIn(KEY_ADMINS);
    const csrf = csrfOf((await admin.get("/console/kms/create")).html);
    await createKey(admin, csrf, { alias: "taken-alias" });
    const next = await post(admin, "/console/kms/create", [["csrf", csrf], ["from", "2"], ["alias", "taken-alias"], ["go", "3"]]);
    assert.equal(next.status, 400);
    assert.match(next.html, /alias\/taken-alias is already taken in this account and Region/);
    assert.match(next.html, /<li aria-current="step">Step 2: Add labels<\/li>/);
    const back = await post(admin, "/console/kms/create", [["csrf", csrf], ["from", "2"], ["alias", "taken-alias"], ["go", "1"]]);
    assert.equal(back.status, 200);
    assert.match(back.html, /<li aria-current="step">Step 1: Configure key<\/li>/);
    // What the other steps hold travels along, hidden.
    assert.match(back.html, /<input type="hidden" name="alias" value="taken-alias">/);
  });

  it("offers the post-quantum keys: ML-DSA for signing, ML-KEM for key encapsulation, whose users may encapsulate and decapsulate", async () => {
    const admin = await signIn(KEY_ADMINS);
    const form = (await admin.get("/console/kms/create")).html;
    assert.match(form, /data-usages="asymmetric:SIGN_VERIFY"><input type="radio" name="keySpec" id="keySpec-ML_DSA_65"/);
    assert.match(form, /data-usages="asymmetric:ENCAPSULATE_DECAPSULATE"><input type="radio" name="keySpec" id="keySpec-ML_KEM_768"/);
    assert.match(form, /id="keyUsage-ENCAPSULATE_DECAPSULATE" value="ENCAPSULATE_DECAPSULATE"/);
    const { keyId, page } = await createKey(admin, csrfOf(form), { alias: "post-quantum", kind: ["asymmetric", "ENCAPSULATE_DECAPSULATE", "ML_KEM_768"] });
    assert.match(page.html, /id="key-spec">ML_KEM_768</);
    assert.match(page.html, /id="key-usage">Key encapsulation</);
    assert.match(page.html, /<dt>Algorithms<\/dt><dd>ML_KEM<\/dd>/);
    const policy = JSON.parse((await kmsClient(federa.url).send(new GetKeyPolicyCommand({ KeyId: keyId }))).Policy!) as { Statement: { Sid: string; Action: string[] }[] };
    assert.deepEqual(policy.Statement.find((st) => st.Sid === "Allow use of the key")!.Action, ["kms:DescribeKey", "kms:GetPublicKey", "kms:Encapsulate", "kms:Decapsulate"]);
  });

  it("writes the policy without deletion rights for administrators when the box is not ticked", async () => {
    const admin = await signIn(KEY_ADMINS);
    const csrf = csrfOf((await admin.get("/console/kms/create")).html);
    // Leaving step 3 with the box unticked, then to the review.
    const review = await post(admin, "/console/kms/create", [
      ["csrf", csrf],
      ["from", "3"],
      ["alias", "no-delete"],
      ["admin", KEY_ADMINS],
      ["go", "5"],
    ]);
    assert.equal(review.status, 200);
    const policy = JSON.parse(decodeEntities(/<pre class="policy" id="policy-preview"[^>]*>([\s\S]*?)<\/pre>/.exec(review.html)?.[1] ?? "")) as {
      Statement: { Sid: string; Action: string[] | string }[];
    };
    const admins = policy.Statement.find((s) => s.Sid === "Allow access for Key Administrators")!;
    assert.equal((admins.Action as string[]).includes("kms:ScheduleKeyDeletion"), false);
    assert.equal((admins.Action as string[]).includes("kms:CancelKeyDeletion"), false);
    assert.equal(policy.Statement.some((s) => s.Sid === "Allow use of the key"), false);
    assert.match(review.html, /<input type="hidden" name="adminsMayDelete" value="false">/);
  });
});

describe("deletion", () => {
  it("asks for the typed confirmation, shows the deletion date, and cancels", async () => {
    const admin = await signIn(KEY_ADMINS);
    const csrf = csrfOf((await admin.get("/console/kms/create")).html);
    const { keyId, page: created } = await createKey(admin, csrf, { alias: "to-delete" });
    const path = `/console/kms/keys/${keyId}/schedule-deletion`;
    // Before deciding, the administrator sees when the key was last used (GetKeyLastUsage).
    assert.match(created.html, /id="last-used">Not used for any cryptographic operation since <time/);
    const sealed = await kmsClient(federa.url).send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("still needed?") }));
    const used = await admin.get(`/console/kms/keys/${keyId}`);
    assert.match(used.html, /id="last-used">Last used for <strong>Encrypt<\/strong> on <time datetime="[^"]+">[^<]+<\/time> \(audit trail event <code>[0-9a-f-]{36}<\/code>\)\./);
    assert.ok(sealed.CiphertextBlob);

    const unconfirmed = await post(admin, path, [["csrf", csrf], ["pendingDays", "7"], ["confirm", "yes"]]);
    assert.equal(unconfirmed.status, 400);
    assert.match(unconfirmed.html, /id="confirm-error">Type delete to confirm/);
    const tooShort = await post(admin, path, [["csrf", csrf], ["pendingDays", "3"], ["confirm", "delete"]]);
    assert.equal(tooShort.status, 400);
    assert.match(tooShort.html, /id="pendingDays-error">Choose a waiting period from 7 to 30 days/);
    assert.match((await admin.get(`/console/kms/keys/${keyId}`)).html, /badge ok">Enabled</);

    const scheduled = await post(admin, path, [["csrf", csrf], ["pendingDays", "7"], ["confirm", "delete"]]);
    assert.equal(scheduled.status, 303);
    const page = await admin.get(scheduled.headers.get("location")!);
    assert.match(page.html, /badge bad">Pending deletion</);
    const date = /id="deletion-date-scheduled"><time datetime="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(date);
    const days = (Date.parse(date) - Date.now()) / 86_400_000;
    assert.ok(days > 6.99 && days <= 7.001, `deleted in 7 days: ${date}`);
    assert.match(page.html, /id="deletion-pending">This key is scheduled for deletion on <strong><time/);

    const cancelled = await post(admin, `/console/kms/keys/${keyId}/cancel-deletion`, [["csrf", csrf]]);
    assert.equal(cancelled.status, 303);
    assert.match((await admin.get(cancelled.headers.get("location")!)).html, /badge warn">Disabled</);
  });
});

describe("the audit trail", () => {
  it("records the console's calls as the session's caller, and the activity page lists them", async () => {
    const developer = await signIn(DEVELOPERS);
    const keys = await developer.get("/console/kms");
    assert.match(keys.html, /id="list-problem"/);
    assert.match(keys.html, /Access denied: you are not allowed to list the account&#39;s KMS keys\./);
    assert.match(keys.html, /<span class="denial-reason">Implicitly denied because no identity-based policy allows the kms:ListKeys action\.<\/span>/);

    // The wizard's Finish, for a role that may not create keys: the review step, with the denial.
    const csrf = csrfOf((await developer.get("/console/kms/create")).html);
    const refused = await post(developer, "/console/kms/create", [["csrf", csrf], ["from", "5"], ["alias", "developer-key"], ["go", "create"]]);
    assert.equal(refused.status, 400);
    assert.match(refused.html, /<li aria-current="step">Step 5: Review<\/li>/);
    assert.match(refused.html, /id="create-problem"[\s\S]*?Access denied: you are not allowed to create KMS keys\./);

    // The account's events are CloudTrail's event history: a developer may not look them up.
    const refusedActivity = await developer.get("/console/activity?show=denied");
    assert.equal(refusedActivity.status, 403);
    assert.match(refusedActivity.html, /id="activity-problem"[\s\S]*?Access denied: you are not allowed to look up the account&#39;s events/);
    assert.match(refusedActivity.html, /<code class="denied-action">cloudtrail:LookupEvents<\/code>/);
    assert.match(refusedActivity.html, /<span class="denial-reason">Implicitly denied because no identity-based policy allows the cloudtrail:LookupEvents action\.<\/span>/);
    assert.doesNotMatch(refusedActivity.html, /id="events"|kms:ListKeys/);

    // A key administrator may, and sees the developer's refused calls and the refused lookup.
    const admin = await signIn(KEY_ADMINS);
    const activity = await admin.get("/console/activity?show=denied");
    assert.equal(activity.status, 200);
    assert.match(activity.html, /<tr class="event denied">[\s\S]*?ADFS-Developers\/alice@corp\.example\.test[\s\S]*?<code>kms:ListKeys<\/code>/);
    assert.match(activity.html, /<tr class="event denied">[\s\S]*?ADFS-Developers\/alice@corp\.example\.test[\s\S]*?<code>cloudtrail:LookupEvents<\/code>/);
    assert.match(activity.html, /<svg class="chart" id="calls-chart"/);

    const lines = readFileSync(join(federa.dataDir, "trail", "cloudtrail.jsonl"), "utf8").trim().split("\n");
    const events = lines.map((line) => JSON.parse(line) as { eventName: string; userAgent: string; errorCode?: string; userIdentity: { arn: string; type: string }; sourceIPAddress: string });
    const listKeys = events.find((e) => e.eventName === "ListKeys" && e.userIdentity.arn.includes("ADFS-Developers"));
    assert.ok(listKeys);
    assert.equal(listKeys.userAgent, "federa-console");
    assert.equal(listKeys.errorCode, "AccessDeniedException");
    assert.equal(listKeys.userIdentity.type, "AssumedRole");
    assert.equal(listKeys.userIdentity.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ADFS-Developers/alice@corp.example.test`);
    assert.equal(listKeys.sourceIPAddress, "127.0.0.1");
    const lookups = events.filter((e) => e.eventName === "LookupEvents").map((e) => `${e.userIdentity.arn.split("/")[1]} ${e.errorCode ?? "allowed"}`);
    assert.ok(lookups.includes("ADFS-Developers AccessDeniedException"), lookups.join(", "));
    assert.ok(lookups.includes("ADFS-KeyAdmins allowed"), lookups.join(", "));
    assert.ok(!lookups.includes("ADFS-Developers allowed"));
    // No secret of the session reaches the trail.
    const text = lines.join("\n");
    for (const cookie of developer.cookies.values()) assert.equal(text.includes(cookie.slice(25, 80)), false);
  });
});
