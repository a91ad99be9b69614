// The Active Directory attribute store over plain user objects: AD FS's query form, attributes,
// tokenGroups and its qualified forms, account names, and the errors it raises.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClaimRulesStoreError, ClaimRulesUnsupportedQueryError, AD_AUTHORITY, createActiveDirectoryStore } from "../../src/idp/claims/index.ts";
import { labStore, USERS } from "./users.ts";

test("the store's claims are issued by AD AUTHORITY", () => {
  assert.equal(labStore().store.issuer, AD_AUTHORITY);
});

test("attributes by name, case-insensitively, one column each, in the query's order", async () => {
  const { store } = labStore();
  const columns = await store.query(";Mail,DISPLAYNAME,sAMAccountName,userPrincipalName,objectGUID,department;{0}", ["CORP\\alice"]);
  assert.deepEqual(columns, [
    ["alice@corp.example.test"],
    ["Alice Archer"],
    ["alice"],
    ["alice@corp.example.test"],
    ["00000005-1111-2222-3333-444455556666"],
    ["Security"],
  ]);
});

test("an attribute the user does not have is an empty column", async () => {
  const { store } = labStore();
  assert.deepEqual(await store.query(";telephoneNumber,mail;{0}", ["CORP\\alice"]), [[], ["alice@corp.example.test"]]);
});

test("sAMAccountName and distinguishedName fall back to the user's name and DN", async () => {
  const store = createActiveDirectoryStore(async () => ({ username: "zed", domain: "CORP", dn: "CN=Zed,DC=corp,DC=example,DC=test", attributes: {}, groups: [] }));
  assert.deepEqual(await store.query(";sAMAccountName,distinguishedName;{0}", ["CORP\\zed"]), [["zed"], ["CN=Zed,DC=corp,DC=example,DC=test"]]);
});

test("tokenGroups: short names, nested included; domain- and DNS-qualified forms", async () => {
  const { store } = labStore();
  const columns = await store.query(
    ";tokenGroups,tokenGroups(domainQualifiedName),tokenGroups(fullyQualifiedDomainName),tokenGroups(longDomainQualifiedName);{0}",
    ["CORP\\erin"],
  );
  assert.deepEqual(columns, [
    ["Security", "AWS-444455556666-ReadOnly", "AWS-111122223333-Auditors"],
    ["CORP\\Security", "CORP\\AWS-444455556666-ReadOnly", "CORP\\AWS-111122223333-Auditors"],
    ["corp.example.test\\Security", "corp.example.test\\AWS-444455556666-ReadOnly", "corp.example.test\\AWS-111122223333-Auditors"],
    ["corp.example.test\\Security", "corp.example.test\\AWS-444455556666-ReadOnly", "corp.example.test\\AWS-111122223333-Auditors"],
  ]);
});

test("resolve gets the account name without domain; DOMAIN\\user, dns.domain\\user and user all work", async () => {
  const { store, resolved } = labStore();
  for (const param of ["CORP\\bob", "corp\\bob", "corp.example.test\\bob", "bob"]) {
    assert.deepEqual(await store.query(";mail;{0}", [param]), [["bob@corp.example.test"]]);
  }
  assert.deepEqual(resolved, ["bob", "bob", "bob", "bob"]);
});

test("an account of another domain is refused", async () => {
  const { store } = labStore();
  await assert.rejects(store.query(";mail;{0}", ["OTHER\\bob"]), (err: unknown) => {
    assert.ok(err instanceof ClaimRulesStoreError);
    assert.equal(err.code, "CLAIM_RULES_STORE_ERROR");
    assert.equal(err.message, 'Active Directory attribute store: the account\'s domain "OTHER" is not the directory\'s domain "CORP"');
    return true;
  });
});

test("queries federa does not run: an LDAP filter, a wrong shape", async () => {
  const { store, resolved } = labStore();
  const cases: [string, string][] = [
    [
      "(sAMAccountName={0});mail;{0}",
      'Active Directory attribute store: LDAP filters in Active Directory queries are not supported (found "(sAMAccountName={0})"): leave the filter empty, as in ";mail;{0}", with {0} the account name DOMAIN\\user',
    ],
    [";mail", 'Active Directory attribute store: an Active Directory query has three parts separated by ";" (<LDAP filter>;<attributes>;<account>, e.g. ";mail;{0}"), found 2'],
    [";mail,;{0}", "Active Directory attribute store: an empty attribute name in the Active Directory query"],
    [";mail(x);{0}", 'Active Directory attribute store: only tokenGroups takes a qualifier, found "mail(x)"'],
    [";mail;", 'Active Directory attribute store: the Active Directory query names no account: end it with ";{0}"'],
  ];
  for (const [query, message] of cases) {
    await assert.rejects(store.query(query, ["CORP\\alice"]), (err: unknown) => {
      assert.ok(err instanceof ClaimRulesUnsupportedQueryError);
      assert.equal(err.code, "CLAIM_RULES_UNSUPPORTED_QUERY");
      assert.equal(err.message, message);
      return true;
    });
  }
  assert.deepEqual(resolved, []);
});

test("the directory's errors pass through unchanged", async () => {
  const { store } = labStore();
  await assert.rejects(store.query(";mail;{0}", ["CORP\\mallory"]), { message: "no such user: mallory" });
});

test("answers are copies: changing them does not change the user", async () => {
  const { store } = labStore();
  const columns = await store.query(";mail,tokenGroups;{0}", ["CORP\\alice"]);
  columns[0]!.push("x");
  columns[1]!.length = 0;
  assert.deepEqual(USERS.alice!.attributes.mail, ["alice@corp.example.test"]);
  assert.equal(USERS.alice!.groups.length, 3);
});

test("an attribute named like an Object.prototype member is just absent", async () => {
  const { store } = labStore();
  assert.deepEqual(await store.query(";constructor,toString;{0}", ["CORP\\alice"]), [[], []]);
});
