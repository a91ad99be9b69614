// AWS's classic AD FS rule set (the default) over the lab world's users.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AD_AUTHORITY,
  AWS_PRINCIPAL_TAG_DEPARTMENT,
  AWS_ROLE,
  AWS_ROLE_SESSION_NAME,
  compileClaimRules,
  createClaim,
  DEFAULT_AWS_CLAIM_RULES,
  LOCAL_AUTHORITY,
  NAME_ID_FORMAT_PERSISTENT,
  NAME_ID_FORMAT_PROPERTY,
  NAME_IDENTIFIER,
  TEMP_VARIABLE,
  windowsAccountNameClaim,
  WINDOWS_ACCOUNT_NAME,
  XML_SCHEMA_STRING,
  type Claim,
} from "../../src/idp/claims/index.ts";
import { labStore, USERS } from "./users.ts";

const rules = compileClaimRules(DEFAULT_AWS_CLAIM_RULES, "default-aws.rules");

async function login(username: string): Promise<Claim[]> {
  const { store } = labStore();
  return rules.evaluate([windowsAccountNameClaim("CORP", username)], { "Active Directory": store });
}

const values = (claims: Claim[], type: string) => claims.filter((c) => c.type === type).map((c) => c.value);

test("the default rule set compiles: five rules, one store", () => {
  assert.equal(rules.ruleCount, 5);
  assert.deepEqual(rules.storeNames, ["Active Directory"]);
  assert.equal(rules.source, "default-aws.rules");
});

test("alice: persistent NameID, RoleSessionName from mail, both roles, department tag, in rule order", async () => {
  const out = await login("alice");
  assert.deepEqual(out, [
    {
      type: NAME_IDENTIFIER,
      value: "CORP\\alice",
      valueType: XML_SCHEMA_STRING,
      issuer: AD_AUTHORITY,
      originalIssuer: AD_AUTHORITY,
      properties: { [NAME_ID_FORMAT_PROPERTY]: NAME_ID_FORMAT_PERSISTENT },
    },
    { type: AWS_ROLE_SESSION_NAME, value: "alice@corp.example.test", valueType: XML_SCHEMA_STRING, issuer: AD_AUTHORITY, originalIssuer: AD_AUTHORITY, properties: {} },
    {
      type: AWS_ROLE,
      value: "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-KeyAdmins",
      valueType: XML_SCHEMA_STRING,
      issuer: LOCAL_AUTHORITY,
      originalIssuer: LOCAL_AUTHORITY,
      properties: {},
    },
    {
      type: AWS_ROLE,
      value: "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Developers",
      valueType: XML_SCHEMA_STRING,
      issuer: LOCAL_AUTHORITY,
      originalIssuer: LOCAL_AUTHORITY,
      properties: {},
    },
    { type: AWS_PRINCIPAL_TAG_DEPARTMENT, value: "Security", valueType: XML_SCHEMA_STRING, issuer: AD_AUTHORITY, originalIssuer: AD_AUTHORITY, properties: {} },
  ]);
});

test("the groups rule adds http://temp/variable claims without issuing them", async () => {
  const out = await login("alice");
  assert.deepEqual(values(out, TEMP_VARIABLE), []);
});

test("erin: the nested Auditors role and the cross-account ReadOnly role", async () => {
  const out = await login("erin");
  assert.deepEqual(values(out, AWS_ROLE), [
    "arn:aws:iam::444455556666:saml-provider/ADFS,arn:aws:iam::444455556666:role/ADFS-ReadOnly",
    "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Auditors",
  ]);
  assert.deepEqual(values(out, AWS_ROLE_SESSION_NAME), ["erin@corp.example.test"]);
  assert.deepEqual(values(out, AWS_PRINCIPAL_TAG_DEPARTMENT), ["Audit"]);
});

test("dave: no AWS group, so no Role claim (and still NameID and RoleSessionName)", async () => {
  const out = await login("dave");
  assert.deepEqual(values(out, AWS_ROLE), []);
  assert.deepEqual(values(out, NAME_IDENTIFIER), ["CORP\\dave"]);
  assert.deepEqual(values(out, AWS_ROLE_SESSION_NAME), ["dave@corp.example.test"]);
});

test("bob: the one Developers role", async () => {
  assert.deepEqual(values(await login("bob"), AWS_ROLE), [
    "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Developers",
  ]);
});

test("the store is asked for the bare account name, once per store rule", async () => {
  const { store, resolved } = labStore();
  await rules.evaluate([windowsAccountNameClaim("CORP", "alice")], { "Active Directory": store });
  assert.deepEqual(resolved, ["alice", "alice", "alice"]);
});

test("a windowsaccountname claim not issued by AD AUTHORITY triggers nothing", async () => {
  const { store, resolved } = labStore();
  const out = await rules.evaluate([createClaim(WINDOWS_ACCOUNT_NAME, "CORP\\alice", { issuer: "https://partner.example/adfs" })], {
    "Active Directory": store,
  });
  assert.deepEqual(out, []);
  assert.deepEqual(resolved, []);
});

test("(?i) in the Roles condition: a lower-case group matches, and AWS's case-sensitive RegExReplace leaves it as is, as AD FS does", async () => {
  const users = { frank: { ...USERS.dave!, username: "frank", groups: ["aws-111122223333-Lower", "AWS-111122223333-Upper"] } };
  const { store } = labStore(users);
  const out = await rules.evaluate([windowsAccountNameClaim("CORP", "frank")], { "Active Directory": store });
  assert.deepEqual(values(out, AWS_ROLE), [
    "aws-111122223333-Lower",
    "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Upper",
  ]);
});

test("groups that only look like AWS groups (11 digits, a prefix) get no role; .NET's Unicode \\d is kept", async () => {
  const users = { gail: { ...USERS.dave!, username: "gail", groups: ["AWS-11112222333-Short", "XAWS-111122223333-Prefixed", "AWS-١١١١٢٢٢٢٣٣٣٣-Arabic"] } };
  const { store } = labStore(users);
  const out = await rules.evaluate([windowsAccountNameClaim("CORP", "gail")], { "Active Directory": store });
  // .NET's \d is Unicode: Arabic-Indic digits match the condition and the replacement, exactly as in AD FS.
  assert.deepEqual(values(out, AWS_ROLE), [
    "arn:aws:iam::١١١١٢٢٢٢٣٣٣٣:saml-provider/ADFS,arn:aws:iam::١١١١٢٢٢٢٣٣٣٣:role/ADFS-Arabic",
  ]);
});
