// The directory's pieces, one by one: the LDIF reader (RFC 2849), filter and DN escaping
// (RFC 4515, RFC 4514, with the RFCs' own examples), DN comparison, GUID and SID rendering, login
// names, AD bind sub-codes, the ppolicy response control, the embedded server's in-memory tree,
// AD's filter matching rules, and AD's bind decisions.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseLdif, LdifSyntaxError } from "../../src/directory/embedded/ldif.ts";
import { DirectoryTree, DirectoryLoadError, type Entry } from "../../src/directory/embedded/tree.ts";
import { matchesFilter, type FilterNode } from "../../src/directory/embedded/filter.ts";
import { simpleBind } from "../../src/directory/embedded/bind.ts";
import { search } from "../../src/directory/embedded/search.ts";
import { escapeDnValue, escapeFilterValue } from "../../src/directory/escape.ts";
import { normalizeDn, parseDn, DnSyntaxError } from "../../src/directory/dn.ts";
import { guidToBytes, guidToString, sidToBytes, sidToString } from "../../src/directory/ad/binary-values.ts";
import { dateToFiletime } from "../../src/directory/ad/account-control.ts";
import { codeForInvalidCredentials } from "../../src/directory/ad/bind-error.ts";
import { parseLoginName } from "../../src/directory/ldap/login-name.ts";
import { PasswordPolicyControl } from "../../src/directory/ldap/password-policy.ts";
import { BerReader, BerWriter } from "ldapts";
import { decodeSimpleBind, encodeResultMessage } from "../../src/directory/embedded/ber.ts";
import { FIXTURE_LDIF } from "../support/embedded-ldap.ts";

describe("LDIF reader", () => {
  it("reads comments, folded lines, base64 values and version", () => {
    const records = parseLdif(
      [
        "# a comment",
        "#  folded comment",
        " continues here",
        "version: 1",
        "",
        "dn: CN=Long Name,",
        " DC=example,DC=test",
        "objectClass: top",
        "objectClass: person",
        "description:: w6lsw6h2ZSBkZSBs",
        " J8OpY29sZQ==",
        "cn:   spaced",
        "empty:",
        "",
        "",
        "dn:: Q049QsOpYixEQz1leGFtcGxlLERDPXRlc3Q=",
        "cn: second",
      ].join("\r\n"),
    );
    assert.equal(records.length, 2);
    const [first, second] = records;
    assert.equal(first?.dn, "CN=Long Name,DC=example,DC=test");
    assert.equal(first?.line, 6);
    assert.deepEqual(first?.attributes.find((a) => a.name === "objectClass")?.values, ["top", "person"]);
    assert.deepEqual(first?.attributes.find((a) => a.name === "description")?.values, [Buffer.from("élève de l'école")]);
    assert.deepEqual(first?.attributes.find((a) => a.name === "cn")?.values, ["spaced"]);
    assert.deepEqual(first?.attributes.find((a) => a.name === "empty")?.values, [""]);
    assert.equal(second?.dn, "CN=Béb,DC=example,DC=test");
  });

  it("merges repeated attributes whatever their case", () => {
    const [r] = parseLdif("dn: cn=x\nmember: a\nMEMBER: b\n");
    assert.deepEqual(r?.attributes, [{ name: "member", values: ["a", "b"] }]);
  });

  it("refuses what it does not read, naming the line", () => {
    const cases: [string, RegExp][] = [
      ["dn: cn=x\nchangetype: add\n", /line 2: change records/],
      ["cn: x\n", /line 1: a record must start with `dn:`/],
      ["dn: cn=x\njpegPhoto:< file:///etc/passwd\n", /line 2: URL values/],
      ["dn: cn=x\nobjectGUID:: not*base64\n", /line 2: invalid base64/],
      ["dn: cn=x\ncn: a\ndn: cn=y\n", /line 3: a second `dn:`/],
      ["version: 2\n\ndn: cn=x\n", /line 1: only LDIF version 1/],
      ["dn: cn=x\nno colon here\n", /line 2: expected/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => parseLdif(text), (err: unknown) => err instanceof LdifSyntaxError && message.test(err.message));
    }
  });
});

describe("escaping", () => {
  it("escapes filter values as RFC 4515 requires, leaving UTF-8 alone", () => {
    assert.equal(escapeFilterValue("*)(objectClass=*"), "\\2a\\29\\28objectClass=\\2a");
    assert.equal(escapeFilterValue("alice)(|(uid=*"), "alice\\29\\28|\\28uid=\\2a");
    assert.equal(escapeFilterValue("C:\\MyFile"), "C:\\5cMyFile");
    assert.equal(escapeFilterValue("a\u0000b"), "a\\00b");
    assert.equal(escapeFilterValue("Lučić"), "Lučić");
  });

  it("escapes DN values as RFC 4514 requires", () => {
    assert.equal(escapeDnValue("Sue, Grabbit and Runn"), "Sue\\, Grabbit and Runn");
    assert.equal(escapeDnValue("Before+After"), "Before\\+After");
    assert.equal(escapeDnValue('"quoted";<x>\\'), '\\"quoted\\"\\;\\<x\\>\\\\');
    assert.equal(escapeDnValue("#hash"), "\\#hash");
    assert.equal(escapeDnValue(" lead and trail "), "\\ lead and trail\\ ");
    assert.equal(escapeDnValue("a\u0000"), "a\\00");
  });
});

describe("DNs", () => {
  it("compares DNs as directories do: case, spaces and escaping do not matter", () => {
    const dn = "CN=Okafor\\, Erin,CN=Users,DC=corp,DC=example,DC=test";
    assert.equal(normalizeDn(dn), normalizeDn("cn=okafor\\2C erin, cn=users , dc=CORP,dc=example,dc=test"));
    assert.equal(normalizeDn("cn=a+sn=b,dc=x"), normalizeDn("SN=B+CN=A,DC=X"));
    assert.notEqual(normalizeDn("cn=a\\,b,dc=x"), normalizeDn("cn=a,cn=b,dc=x"));
    assert.deepEqual(parseDn("CN=Lu\\C4\\8Di\\C4\\87,DC=x")[0], [{ type: "CN", value: "Lučić" }]);
    assert.deepEqual(parseDn(""), []);
  });

  it("refuses strings that are not DNs", () => {
    for (const bad of ["CORP\\alice", "alice@corp.example.test", "alice", "cn=x,", "=x"]) {
      assert.throws(() => parseDn(bad), DnSyntaxError, bad);
    }
  });
});

describe("AD binary values", () => {
  it("renders objectGUID as AD does (first three fields little-endian) and back", () => {
    const bytes = Buffer.from("2e0c7f6b514a0e4f9d361a2b3c4d5e01", "hex");
    assert.equal(guidToString(bytes), "6b7f0c2e-4a51-4f0e-9d36-1a2b3c4d5e01");
    assert.deepEqual(guidToBytes("{6B7F0C2E-4A51-4F0E-9D36-1A2B3C4D5E01}"), bytes);
    assert.equal(guidToString(Buffer.alloc(3)), undefined);
  });

  it("renders SIDs as S-1-… and back", () => {
    const sid = "S-1-5-21-2718281828-3141592653-1618033988-1101";
    assert.equal(sidToString(sidToBytes(sid) as Buffer), sid);
    assert.equal(sidToString(Buffer.from("010100000000000512000000", "hex")), "S-1-5-18");
  });
});

describe("login names", () => {
  const domains = { domain: "CORP", dnsDomain: "corp.example.test" };
  it("understands the three forms AD accepts", () => {
    assert.deepEqual(parseLoginName("alice", domains), { account: "alice", upn: undefined });
    assert.deepEqual(parseLoginName("CORP\\alice", domains), { account: "alice", upn: undefined });
    assert.deepEqual(parseLoginName(" alice@Corp.Example.Test ", domains), { account: "alice", upn: "alice@Corp.Example.Test" });
    assert.deepEqual(parseLoginName("a.smith@partner.example", domains), { account: undefined, upn: "a.smith@partner.example" });
    for (const bad of ["", "OTHER\\alice", "CORP\\", "CORP\\a\\b", "alice@", "@corp.example.test"]) assert.equal(parseLoginName(bad, domains), undefined, bad);
  });

  it("refuses, for AD, names AD could not hold (so they never reach a bind)", () => {
    const ad = { ...domains, flavour: "ad" as const };
    for (const bad of ["*)(objectClass=*", "alice)(|(uid=*", "a=b", "CORP\\a*", "x@corp.example.test;", "x@bad_domain"]) assert.equal(parseLoginName(bad, ad), undefined, bad);
    assert.deepEqual(parseLoginName("o'neil.(contractor)", ad), { account: "o'neil.(contractor)", upn: undefined });
    assert.deepEqual(parseLoginName("*)(uid=*", domains), { account: "*)(uid=*", upn: undefined }, "other flavours rely on escaping");
  });

  it("maps AD bind sub-codes to failure codes", () => {
    const message = (data: string): string => `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${data}, v4563\u0000`;
    assert.equal(codeForInvalidCredentials(message("525")), "UNKNOWN_USER");
    assert.equal(codeForInvalidCredentials(message("52e")), "INVALID_CREDENTIALS");
    assert.equal(codeForInvalidCredentials(message("533")), "ACCOUNT_DISABLED");
    assert.equal(codeForInvalidCredentials(message("775")), "ACCOUNT_LOCKED");
    assert.equal(codeForInvalidCredentials(message("532")), "PASSWORD_EXPIRED");
    assert.equal(codeForInvalidCredentials(message("773")), "PASSWORD_EXPIRED");
    assert.equal(codeForInvalidCredentials(message("701")), "ACCOUNT_EXPIRED");
    assert.equal(codeForInvalidCredentials("Invalid credentials"), "INVALID_CREDENTIALS");
  });
});

describe("OpenLDAP's password policy response control", () => {
  const parsed = (hex: string): PasswordPolicyControl => {
    const control = new PasswordPolicyControl();
    control.parse(new BerReader(Buffer.from(hex, "hex")));
    return control;
  };
  it("reads the error, with or without a warning before it", () => {
    assert.equal(parsed("3003810100").code, "PASSWORD_EXPIRED");
    assert.equal(parsed("3003810101").code, "ACCOUNT_LOCKED");
    assert.equal(parsed("3003810102").code, "PASSWORD_EXPIRED");
    assert.equal(parsed("3009a0048002012c810101").code, "ACCOUNT_LOCKED");
    assert.equal(parsed("3006a004800200b4").code, undefined, "a warning alone is no refusal");
    assert.equal(parsed("3000").error, undefined);
    assert.equal(parsed("04020000").error, undefined);
  });
});

describe("the lab world's tree", () => {
  const tree = new DirectoryTree(readFileSync(FIXTURE_LDIF, "utf8"));
  const find = (filter: FilterNode): string[] => tree.entries.filter((e) => matchesFilter(tree, e, filter)).map((e) => e.dn);
  const eq = (attribute: string, value: string | Buffer): FilterNode => ({ type: "equality", attribute, value: Buffer.isBuffer(value) ? value : Buffer.from(value) });

  it("computes memberOf from the groups' member values", () => {
    const alice = tree.findPrincipal("alice") as Entry;
    assert.deepEqual(alice.attrs.get("memberof")?.values, [
      "CN=AWS-111122223333-KeyAdmins,OU=Groups,DC=corp,DC=example,DC=test",
      "CN=AWS-111122223333-Developers,OU=Groups,DC=corp,DC=example,DC=test",
      "CN=Staff,OU=Groups,DC=corp,DC=example,DC=test",
    ]);
    assert.equal(tree.netbiosName, "CORP");
    assert.equal(tree.dnsDomain, "corp.example.test");
  });

  it("finds principals by DN, UPN, down-level name and sAMAccountName", () => {
    const dn = "CN=Bob Jones,CN=Users,DC=corp,DC=example,DC=test";
    for (const name of [dn, dn.toLowerCase(), "bob@corp.example.test", "CORP\\bob", "corp.example.test\\BOB", "Bob"]) {
      assert.equal(tree.findPrincipal(name)?.dn, dn, name);
    }
    for (const name of ["OTHER\\bob", "bob@other.example", "nobody", "CN=Nobody,DC=corp,DC=example,DC=test"]) assert.equal(tree.findPrincipal(name), undefined, name);
  });

  it("matches values case-insensitively, DNs as DNs, and SIDs in either form", () => {
    assert.deepEqual(find(eq("SAMACCOUNTNAME", "ALICE")), ["CN=Alice Smith,CN=Users,DC=corp,DC=example,DC=test"]);
    assert.equal(find(eq("member", "cn=okafor\\2c erin,cn=users,dc=corp,dc=example,dc=test")).length, 3);
    const sid = "S-1-5-21-2718281828-3141592653-1618033988-1205";
    assert.deepEqual(find(eq("objectSid", sid)), ["CN=Security,OU=Groups,DC=corp,DC=example,DC=test"]);
    assert.deepEqual(find(eq("objectSid", sidToBytes(sid) as Buffer)), ["CN=Security,OU=Groups,DC=corp,DC=example,DC=test"]);
    assert.deepEqual(find(eq("userPassword", "Alice!Passw0rd1")), [], "passwords never match");
    assert.deepEqual(find({ type: "present", attribute: "userPassword" }), []);
    assert.ok(find(eq("objectCategory", "person")).length >= 9);
  });

  it("implements AD's bitwise matching rules", () => {
    const disabled = find({ type: "extensible", attribute: "userAccountControl", rule: "1.2.840.113556.1.4.803", value: "2", dnAttributes: false });
    assert.deepEqual(disabled, ["CN=Carol White,CN=Users,DC=corp,DC=example,DC=test"]);
  });

  it("follows LDAP_MATCHING_RULE_IN_CHAIN through nesting, and survives cycles", () => {
    const cyclic = new DirectoryTree(
      [
        "dn: DC=x", "dc: x", "",
        "dn: CN=A,DC=x", "objectClass: group", "member: CN=B,DC=x", "member: CN=U,DC=x", "",
        "dn: CN=B,DC=x", "objectClass: group", "member: CN=A,DC=x", "",
        "dn: CN=U,DC=x", "objectClass: user", "",
      ].join("\n"),
    );
    const chain = (attribute: string, value: string): string[] =>
      cyclic.entries.filter((e) => matchesFilter(cyclic, e, { type: "extensible", attribute, rule: "1.2.840.113556.1.4.1941", value, dnAttributes: false })).map((e) => e.dn);
    assert.deepEqual(chain("member", "cn=u,dc=x"), ["CN=A,DC=x", "CN=B,DC=x"]);
    assert.deepEqual(chain("memberOf", "CN=A,DC=x"), ["CN=A,DC=x", "CN=B,DC=x", "CN=U,DC=x"]);
  });

  it("refuses a broken LDIF at load, naming the line", () => {
    assert.throws(() => new DirectoryTree("dn: cn=x,dc=y\ncn: x\n\ndn: cn=x,dc=y\ncn: x\n"), (e: unknown) => e instanceof DirectoryLoadError && /line 4: duplicate/.test(e.message));
    assert.throws(() => new DirectoryTree("dn: not a dn\n"), (e: unknown) => e instanceof DirectoryLoadError && /line 1: invalid DN/.test(e.message));
    assert.throws(() => new DirectoryTree(""), DirectoryLoadError);
  });
});

describe("AD's bind decisions", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const old = String(dateToFiletime(new Date("2025-01-01T00:00:00Z")));
  const recent = String(dateToFiletime(new Date("2026-05-31T23:50:00Z")));
  const tree = new DirectoryTree(
    [
      "dn: DC=x,DC=test", "dc: x", "maxPwdAge: -36288000000000", "lockoutDuration: -18000000000", "",
      `dn: CN=Ivan,DC=x,DC=test`, "sAMAccountName: ivan", "userAccountControl: 512", `pwdLastSet: ${old}`, "userPassword: Ivan!Passw0rd1", "",
      `dn: CN=Judy,DC=x,DC=test`, "sAMAccountName: judy", "userAccountControl: 66048", `pwdLastSet: ${old}`, "userPassword: Judy!Passw0rd1", "",
      `dn: CN=Ken,DC=x,DC=test`, "sAMAccountName: ken", "userAccountControl: 512", `lockoutTime: ${old}`, `pwdLastSet: ${recent}`, "userPassword: Ken!Passw0rd1", "",
      `dn: CN=Leo,DC=x,DC=test`, "sAMAccountName: leo", "userAccountControl: 512", `lockoutTime: ${recent}`, `pwdLastSet: ${recent}`, "userPassword: Leo!Passw0rd1", "",
    ].join("\n"),
  );
  const data = (name: string, password: string): string => {
    const outcome = simpleBind(tree, name, password, now);
    return outcome.ok ? "ok" : outcome.data;
  };

  it("a password older than the domain's maxPwdAge is data 532, unless it never expires", () => {
    assert.equal(data("ivan", "Ivan!Passw0rd1"), "532");
    assert.equal(data("judy", "Judy!Passw0rd1"), "ok");
  });

  it("a lockout ends after the domain's lockoutDuration", () => {
    assert.equal(data("ken", "Ken!Passw0rd1"), "ok");
    assert.equal(data("leo", "Leo!Passw0rd1"), "775");
    assert.equal(data("leo", "wrong"), "775");
  });

  it("an empty password is an anonymous bind, not a login", () => {
    const outcome = simpleBind(tree, "ivan", "", now);
    assert.deepEqual(outcome, { ok: true, principal: undefined });
  });
});

describe("embedded server BER: simple binds and results", () => {
  function bindRequest(messageId: number, name: string, password: string, authTag = 0x80): Buffer {
    const w = new BerWriter();
    w.startSequence();
    w.writeInt(messageId);
    w.startSequence(0x60);
    w.writeInt(3);
    w.writeString(name);
    w.writeString(password, authTag);
    w.endSequence();
    w.endSequence();
    return w.buffer;
  }

  it("decodes a simple bind's message ID, name and password (UTF-8)", () => {
    assert.deepEqual(decodeSimpleBind(bindRequest(300, "CORP\\alice", "Pässw0rd!")), { messageId: 300, name: "CORP\\alice", password: "Pässw0rd!" });
    assert.deepEqual(decodeSimpleBind(bindRequest(1, "", "")), { messageId: 1, name: "", password: "" });
  });

  it("leaves other operations and SASL binds to the slow path", () => {
    assert.equal(decodeSimpleBind(bindRequest(2, "x", "y", 0xa3)), undefined);
    const w = new BerWriter();
    w.startSequence();
    w.writeInt(3);
    w.startSequence(0x42);
    w.endSequence();
    w.endSequence();
    assert.equal(decodeSimpleBind(w.buffer), undefined);
  });

  it("encodes an LDAPResult that a BER reader reads back", () => {
    const r = new BerReader(encodeResultMessage(70000, 0x61, 49, "DC=corp", "80090308: LdapErr: é"));
    r.readSequence();
    assert.equal(r.readInt(), 70000);
    assert.equal(r.readSequence(), 0x61);
    assert.equal(r.readEnumeration(), 49);
    assert.equal(r.readString(), "DC=corp");
    assert.equal(r.readString(), "80090308: LdapErr: é");
    assert.equal(r.remain, 0);
  });
});

describe("embedded search: indexed login lookups", () => {
  const tree = new DirectoryTree(readFileSync(FIXTURE_LDIF, "utf8"));
  const base = tree.defaultNamingContext.dn;
  const ctx = { tree, now: new Date("2025-06-01T00:00:00Z"), authenticated: true, startTls: false, references: false };
  const eq = (attribute: string, value: string): FilterNode => ({ type: "equality", attribute, value: Buffer.from(value, "utf8") });
  const run = (baseDn: string, scope: number, filter: FilterNode) => search(ctx, { baseDn, scope, filter, attributes: ["1.1"], sizeLimit: 0, typesOnly: false }).entries.map((e) => e.dn);

  it("finds by sAMAccountName or userPrincipalName, case-insensitively, as a scan does", () => {
    const login: FilterNode = { type: "and", filters: [eq("objectClass", "user"), { type: "or", filters: [eq("userPrincipalName", "ALICE@corp.example.test"), eq("sAMAccountName", "Alice")] }] };
    assert.deepEqual(run(base, 2, login), ["CN=Alice Smith,CN=Users,DC=corp,DC=example,DC=test"]);
    assert.deepEqual(run(base, 2, eq("samaccountname;x", "ALICE")), ["CN=Alice Smith,CN=Users,DC=corp,DC=example,DC=test"]);
    assert.deepEqual(run(base, 2, { type: "and", filters: [eq("objectClass", "group"), eq("sAMAccountName", "alice")] }), []);
    assert.deepEqual(run(base, 2, eq("sAMAccountName", "nobody")), []);
  });

  it("keeps to the search's base and scope", () => {
    const alice = "CN=Alice Smith,CN=Users,DC=corp,DC=example,DC=test";
    assert.deepEqual(run("CN=Users," + base, 1, eq("sAMAccountName", "alice")), [alice]);
    assert.deepEqual(run(base, 1, eq("sAMAccountName", "alice")), []);
    assert.deepEqual(run(alice, 0, eq("sAMAccountName", "alice")), [alice]);
    assert.deepEqual(run(alice, 3, eq("sAMAccountName", "alice")), []);
  });

  it("returns several matches in tree order, as a scan does", () => {
    const either: FilterNode = { type: "or", filters: [eq("sAMAccountName", "bob"), eq("sAMAccountName", "alice")] };
    const scanned = run(base, 2, { type: "or", filters: [either, { type: "not", filter: { type: "present", attribute: "objectClass" } }] });
    assert.equal(scanned.length, 2);
    assert.deepEqual(run(base, 2, either), scanned);
  });
});
