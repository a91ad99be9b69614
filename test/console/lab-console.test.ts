// The seed's whole lab in a real browser (Debian's Chromium driven by playwright-core): alice
// signs in at the IdP, picks ADFS-KeyAdmins in AWS's role chooser, creates a key with the wizard
// (ADFS-KeyAdmins its administrators, ADFS-Developers its users, the key policy previewed), gives
// it an alias and turns rotation on; switches role to ADFS-Developers, creates a bucket, uploads a
// file with SSE-KMS under that key (entered as its ARN: developers may not list keys), puts the
// RequireSSEKMS policy, sees an SSE-S3 upload refused with the reason, downloads the file; tries to
// schedule the key's deletion and is shown the denial with its decoded reason; may not look up the
// account's events (cloudtrail:LookupEvents); back as ADFS-KeyAdmins, the activity page lists the
// denied calls. A screenshot of every step goes to test-output/console/.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { startFedera, type RunningFedera } from "../support/federa.ts";
import { requireSseKms as seedPolicy } from "../s3/api-helpers.ts";

const SHOTS = "test-output/console";
const ACCOUNT = "111122223333";
const KEY_ADMINS = `arn:aws:iam::${ACCOUNT}:role/ADFS-KeyAdmins`;
const DEVELOPERS = `arn:aws:iam::${ACCOUNT}:role/ADFS-Developers`;
const ALIAS = "lab-sse-kms-1";
const BUCKET = "lab-console-bucket";
const REPORT = "Quarterly figures: 42\n";

let federa: RunningFedera;
let chrome: Browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  federa = await startFedera();
  chrome = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
});
after(async () => {
  await chrome?.close();
  await federa?.stop();
});

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** The role chooser is on the page: pick a role and sign in to the console. */
async function chooseRole(page: Page, roleName: string): Promise<void> {
  await page.locator("#saml_form").waitFor();
  await page.getByLabel(roleName).check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("#assumed-role-arn").waitFor();
}

describe("the seed's lab in the console, in Chromium", () => {
  it("a key administrator creates the key; a developer stores an object under it in a bucket that requires SSE-KMS, and may not delete the key", async () => {
    const context = await chrome.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      // A refused action answers 4xx on purpose; anything else in red (a CSP violation, a script error) is a fault.
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) pageErrors.push(m.text());
    });

    // Sign in at the IdP and pick ADFS-KeyAdmins.
    await page.goto(`${federa.url}/idp/sso/init?sp=urn:amazon:webservices`);
    await page.getByLabel("User name").fill("alice");
    await page.getByLabel("Password").fill("Alice!Passw0rd1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#saml_form").waitFor();
    await shot(page, "lab-01-role-chooser");
    await chooseRole(page, "ADFS-KeyAdmins");
    assert.equal(await page.locator("#role").textContent(), "ADFS-KeyAdmins");
    assert.equal(await page.locator("#session-name").textContent(), "alice@corp.example.test");
    assert.equal(await page.locator("#account").textContent(), ACCOUNT);
    await shot(page, "lab-02-home-key-admins");

    // The KMS page: no customer managed keys yet.
    await page.getByRole("link", { name: "Key Management Service" }).first().click();
    await page.locator("#customer-keys-empty").waitFor();
    await shot(page, "lab-03-keys-empty");

    // The wizard, step 1: a symmetric encryption key.
    await page.getByRole("link", { name: "Create key" }).click();
    assert.equal(await page.getByLabel("Symmetric", { exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel("Encrypt and decrypt", { exact: true }).isChecked(), true);
    await shot(page, "lab-04-wizard-configure");
    await page.getByRole("button", { name: "Next" }).click();

    // Step 2: alias, description, a tag.
    await page.getByLabel("Alias", { exact: true }).fill(ALIAS);
    await page.getByLabel("Description").fill("The lab's key for SSE-KMS");
    await page.locator("#tag-key-0").fill("Project");
    await page.locator("#tag-value-0").fill("federa-lab");
    await shot(page, "lab-05-wizard-labels");
    await page.getByRole("button", { name: "Next" }).click();

    // Step 3: ADFS-KeyAdmins administer the key (and may delete it).
    await page.getByLabel("ADFS-KeyAdmins", { exact: true }).check();
    assert.equal(await page.getByLabel("Allow key administrators to delete this key").isChecked(), true);
    await shot(page, "lab-06-wizard-administrators");
    await page.getByRole("button", { name: "Next" }).click();

    // Step 4: ADFS-Developers use it.
    await page.getByLabel("ADFS-Developers", { exact: true }).check();
    await shot(page, "lab-07-wizard-users");
    await page.getByRole("button", { name: "Next" }).click();

    // Step 5: the review, with the key policy as AWS's console writes it.
    const policy = JSON.parse((await page.locator("#policy-preview").textContent()) ?? "") as { Statement: { Sid: string; Principal: { AWS: string }; Action: string | string[] }[] };
    assert.deepEqual(
      policy.Statement.map((s) => s.Sid),
      ["Enable IAM User Permissions", "Allow access for Key Administrators", "Allow use of the key", "Allow attachment of persistent resources"],
    );
    assert.equal(policy.Statement[0]!.Principal.AWS, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(policy.Statement[1]!.Principal.AWS, KEY_ADMINS);
    assert.ok((policy.Statement[1]!.Action as string[]).includes("kms:ScheduleKeyDeletion"));
    assert.equal(policy.Statement[2]!.Principal.AWS, DEVELOPERS);
    assert.deepEqual(policy.Statement[2]!.Action, ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]);
    assert.equal(await page.locator("#review-alias").textContent(), `alias/${ALIAS}`);
    await shot(page, "lab-08-wizard-review");
    await page.getByRole("button", { name: "Finish" }).click();

    // The key's page.
    await page.locator("#flash").waitFor();
    assert.equal(await page.locator("#flash").textContent(), "The key was created.");
    assert.equal((await page.locator("#key-title").textContent())?.trim().startsWith(`alias/${ALIAS}`), true);
    const keyId = (await page.locator("#key-id").textContent()) ?? "";
    assert.match(keyId, /^[0-9a-f-]{36}$/);
    assert.equal(await page.locator(".alias-name").first().textContent(), `alias/${ALIAS}`);
    assert.equal(await page.locator(".tag-key").first().textContent(), "Project");
    assert.equal(await page.locator("#rotation-status").textContent(), "Off");
    await shot(page, "lab-09-key-created");

    // Rotation on (every 180 days), and one rotation now: the timeline shows two backing keys.
    await page.getByLabel("Automatically rotate this KMS key").check();
    await page.getByLabel("Rotation period (days)").fill("180");
    await page.getByRole("button", { name: "Save rotation" }).click();
    await page.locator("#flash").waitFor();
    assert.equal(await page.locator("#rotation-status").textContent(), "On");
    assert.equal(await page.locator("#rotation-period").textContent(), "180 days");
    await page.getByRole("button", { name: "Rotate now" }).click();
    await page.locator("#flash").waitFor();
    assert.equal(await page.locator("#flash").textContent(), "The key was rotated: a new backing key encrypts from now on.");
    assert.equal(await page.locator("#rotation-timeline .backing-key").count(), 2);
    assert.equal(await page.locator("#rotations tbody tr").count(), 2);
    await page.locator("#rotation").screenshot({ path: `${SHOTS}/lab-10-rotation-timeline.png` });
    await shot(page, "lab-11-key-rotation-on");

    // The key is in the customer managed list, with its alias.
    await page.getByRole("link", { name: "Key Management Service" }).first().click();
    await page.locator("#customer-keys").waitFor();
    assert.match((await page.locator("#customer-keys").textContent()) ?? "", new RegExp(`alias/${ALIAS}`));
    await shot(page, "lab-12-keys-list");

    // Switch role: through the IdP (its session signs alice on again) to the chooser.
    await page.locator("#nav-switch-role").click();
    await chooseRole(page, "ADFS-Developers");
    assert.equal(await page.locator("#role").textContent(), "ADFS-Developers");
    await shot(page, "lab-13-home-developers");

    // Developers may not list keys: the denial is shown in place; they open the key by its alias.
    await page.getByRole("link", { name: "Key Management Service" }).first().click();
    await page.locator("#list-problem").waitFor();
    assert.match((await page.locator("#list-problem").textContent()) ?? "", /not allowed to list the account's KMS keys/);
    await shot(page, "lab-14-developer-keys-denied");
    await page.getByLabel("Alias, key ID or key ARN").fill(ALIAS);
    await page.getByRole("button", { name: "Open" }).click();
    await page.locator("#key-id").waitFor();
    assert.equal(await page.locator("#key-id").textContent(), keyId);
    const keyArn = (await page.locator("#key-arn").textContent()) ?? "";
    assert.equal(keyArn, `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`);

    // Lab step 2: a bucket, and an object uploaded with SSE-KMS under the lab's key.
    await page.getByRole("link", { name: "S3", exact: true }).click();
    await page.locator("#buckets-empty").waitFor();
    await page.getByLabel("Bucket name").fill(BUCKET);
    await shot(page, "lab-s3-01-create-bucket");
    await page.getByRole("button", { name: "Create bucket" }).click();
    await page.locator("#flash").waitFor();
    assert.equal(await page.locator("#flash").textContent(), "The bucket was created.");
    assert.equal(await page.locator("#bucket-title").textContent(), BUCKET);
    assert.equal(await page.locator("#objects-empty").textContent(), "This bucket is empty.");
    assert.equal(await page.locator("#default-encryption").textContent(), "SSE-S3");
    assert.match((await page.locator("#upload-keys-unlisted").textContent()) ?? "", /may not list the account's keys/);
    writeFileSync(`${SHOTS}/q1.txt`, REPORT);
    const upload = page.locator("#upload");
    await upload.getByLabel("Object key").fill("reports/q1.txt");
    await upload.getByLabel("SSE-KMS", { exact: true }).check();
    await upload.getByLabel("AWS KMS key", { exact: true }).selectOption("arn");
    await upload.getByLabel("Key ARN").fill(keyArn);
    await upload.getByLabel("File").setInputFiles(`${SHOTS}/q1.txt`);
    await page.locator("#upload").screenshot({ path: `${SHOTS}/lab-s3-02-upload-properties.png` });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await page.locator("#flash").waitFor();
    assert.equal(await page.locator("#flash").textContent(), "The file was uploaded.");
    const stored = page.locator("#object-list tbody tr", { hasText: "reports/q1.txt" });
    assert.match((await stored.textContent()) ?? "", /SSE-KMS/);
    assert.equal(await stored.locator(".kms-key").textContent(), keyArn);
    await shot(page, "lab-s3-03-object-sse-kms");

    // Lab step 3: the RequireSSEKMS policy. A typo first: the error shows in place, the draft stays.
    const requireSseKms = (await page.locator("#require-sse-kms").textContent()) ?? "";
    assert.deepEqual(JSON.parse(requireSseKms), seedPolicy(BUCKET), "the policy offered is the seed's, word for word");
    await page.getByLabel("Policy document (JSON)").fill(requireSseKms.replace('"Version"', "Version"));
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.locator("#policy-problem").waitFor();
    assert.match((await page.locator("#policy-problem").textContent()) ?? "", /MalformedPolicy/);
    assert.match((await page.locator("#policy-error").textContent()) ?? "", /line 2, column 3/);
    await page.locator("#policy").screenshot({ path: `${SHOTS}/lab-s3-04-policy-error.png` });
    await page.getByLabel("Policy document (JSON)").fill(requireSseKms);
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.locator("#flash").waitFor();
    assert.equal(await page.locator("#flash").textContent(), "The bucket policy was saved.");
    assert.deepEqual(JSON.parse(await page.getByLabel("Policy document (JSON)").inputValue()), JSON.parse(requireSseKms));
    await shot(page, "lab-s3-05-policy-saved");

    // An SSE-S3 upload is refused by the policy, with S3's reason in words.
    await page.locator("#upload").getByLabel("Object key").fill("reports/plain.txt");
    await page.locator("#upload").getByLabel("SSE-S3", { exact: true }).check();
    await page.locator("#upload").getByLabel("File").setInputFiles(`${SHOTS}/q1.txt`);
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const refused = page.locator("#upload-problem");
    await refused.waitFor();
    assert.match((await refused.locator("h3").textContent()) ?? "", /Access denied: you are not allowed to upload this object/);
    assert.equal(await refused.locator(".denied-action").textContent(), "s3:PutObject");
    assert.match((await refused.locator(".denial-reason").textContent()) ?? "", /Deny statement of the bucket policy/);
    assert.equal(await page.locator("#sse-s3").isChecked(), true, "the properties chosen are kept");
    assert.equal(await page.locator("#object-list tbody tr", { hasText: "reports/plain.txt" }).count(), 0);
    await refused.screenshot({ path: `${SHOTS}/lab-s3-06-sse-s3-refused-detail.png` });
    await shot(page, "lab-s3-07-sse-s3-refused");
    // The picture for the README: the objects and the refused upload, from the page's top.
    const bottom = await page.locator("#upload-problem").evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
    await page.screenshot({ path: `${SHOTS}/lab-s3-readme.png`, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(bottom) + 16 }, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("#objects").scrollIntoViewIfNeeded();
    await shot(page, "lab-s3-08-bucket-phone", false);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 1, "the bucket page fits a phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The object downloads, decrypted, as it was uploaded.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download reports/q1.txt" }).click()]);
    assert.equal(download.suggestedFilename(), "q1.txt");
    assert.equal(readFileSync((await download.path())!, "utf8"), REPORT);

    // Back to the key: scheduling its deletion is refused.
    await page.getByRole("link", { name: "Key Management Service" }).first().click();
    await page.getByLabel("Alias, key ID or key ARN").fill(ALIAS);
    await page.getByRole("button", { name: "Open" }).click();
    await page.locator("#key-id").waitFor();

    // Scheduling the deletion: refused, with the decoded reason.
    await page.getByLabel("Waiting period (days)").fill("7");
    const shown = (await page.locator("#deletion-date-value").textContent()) ?? "";
    const expected = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    assert.ok(shown.startsWith(expected), `the deletion date follows the waiting period: ${shown}`);
    await page.getByLabel("To confirm, type delete").fill("delete");
    await page.getByRole("button", { name: "Schedule key deletion" }).click();
    const denial = page.locator("#deletion-problem");
    await denial.waitFor();
    assert.match((await denial.locator("h3").textContent()) ?? "", /Access denied: you are not allowed to schedule this key's deletion/);
    assert.equal(await denial.locator(".denied-action").textContent(), "kms:ScheduleKeyDeletion");
    assert.match((await denial.locator(".denial-reason").textContent()) ?? "", /^Implicitly denied/);
    assert.match((await denial.textContent()) ?? "", /ADFS-Developers\/alice@corp\.example\.test/);
    assert.equal(await page.locator("#key-state .badge").textContent(), "Enabled");
    await denial.screenshot({ path: `${SHOTS}/lab-15-deletion-denied-detail.png` });
    await shot(page, "lab-16-deletion-denied");

    // At phone width the page still reads, one column.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("#deletion").scrollIntoViewIfNeeded();
    await shot(page, "lab-17-deletion-denied-phone", false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `no sideways scrolling at phone width (${overflow}px)`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A developer may not look up the account's events: the activity page says why.
    await page.getByRole("link", { name: "Activity" }).click();
    const lookupRefused = page.locator("#activity-problem");
    await lookupRefused.waitFor();
    assert.equal(await lookupRefused.locator(".denied-action").textContent(), "cloudtrail:LookupEvents");
    assert.match((await lookupRefused.locator(".denial-reason").textContent()) ?? "", /^Implicitly denied because no identity-based policy allows the cloudtrail:LookupEvents action/);
    await shot(page, "lab-18-activity-refused");

    // Back as a key administrator, the activity page lists the denied calls.
    await page.locator("#nav-switch-role").click();
    await chooseRole(page, "ADFS-KeyAdmins");
    await page.getByRole("navigation", { name: "Services" }).getByRole("link", { name: "Activity" }).click();
    const row = page.locator("#events tr.event.denied", { hasText: "kms:ScheduleKeyDeletion" });
    await row.first().waitFor();
    assert.match((await row.first().textContent()) ?? "", /ADFS-Developers\/alice@corp\.example\.test/);
    assert.match((await row.first().textContent()) ?? "", new RegExp(keyId));
    assert.match((await row.first().textContent()) ?? "", /AccessDeniedException/);
    const s3Refusal = page.locator("#events tr.event.denied", { hasText: "PutObject" });
    assert.match((await s3Refusal.first().textContent()) ?? "", new RegExp(BUCKET));
    assert.ok((await page.locator("#calls-chart .denied-bar").count()) >= 1);
    const lookupRow = page.locator("#events tr.event.denied", { hasText: "cloudtrail:LookupEvents" });
    assert.match((await lookupRow.first().textContent()) ?? "", /ADFS-Developers\/alice@corp\.example\.test/);
    await shot(page, "lab-19-activity");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "lab-20-activity-phone", false);
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)) <= 1, "the activity page fits a phone");

    assert.deepEqual(pageErrors, [], "no script errors and no CSP violations");
    await context.close();
  });
});
