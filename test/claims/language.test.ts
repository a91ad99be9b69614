// The rule language's semantics: selection, joins, add vs issue, EXISTS, value expressions,
// RegExReplace, stores, comments and annotations.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ClaimRulesStoreError,
  ClaimRulesUnknownStoreError,
  compileClaimRules,
  createClaim,
  LOCAL_AUTHORITY,
  XML_SCHEMA_STRING,
  type AttributeStore,
  type Claim,
} from "../../src/idp/claims/index.ts";

const c = (type: string, value: string, issuer?: string): Claim => createClaim(type, value, issuer === undefined ? {} : { issuer });
const brief = (claims: Claim[]) => claims.map((x) => `${x.type}=${x.value}`);

async function run(rules: string, input: Claim[], stores: Record<string, AttributeStore> = {}): Promise<Claim[]> {
  return compileClaimRules(rules).evaluate(input, stores);
}

test("a rule with no condition fires once, with AD FS's defaults", async () => {
  const out = await run('=> issue(Type = "http://test/role", Value = "employee");', [c("a", "1"), c("b", "2")]);
  assert.deepEqual(out, [
    { type: "http://test/role", value: "employee", valueType: XML_SCHEMA_STRING, issuer: LOCAL_AUTHORITY, originalIssuer: LOCAL_AUTHORITY, properties: {} },
  ]);
});

test("a selector fires once per matching claim; no match, no claim", async () => {
  const rules = 'c:[Type == "g"] => issue(Type = "r", Value = c.Value);';
  assert.deepEqual(brief(await run(rules, [c("g", "x"), c("h", "y"), c("g", "z")])), ["r=x", "r=z"]);
  assert.deepEqual(await run(rules, [c("h", "y")]), []);
});

test("an untagged condition selects like a tagged one", async () => {
  const out = await run('[Type == "g"] => issue(Type = "seen", Value = "1");', [c("g", "a"), c("g", "b")]);
  assert.deepEqual(brief(out), ["seen=1", "seen=1"]);
});

test("an empty condition [] matches every claim: issue(claim = c) passes all through, unchanged", async () => {
  const input = [createClaim("a", "1", { issuer: "AD AUTHORITY", properties: { p: "v" } }), c("b", "2")];
  const out = await run("c:[] => issue(claim = c);", input);
  assert.deepEqual(out, input);
  assert.notEqual(out[0], input[0]);
  assert.notEqual(out[0]!.properties, input[0]!.properties);
});

test("a join c1 && c2 fires for every combination, first condition outermost", async () => {
  const rules = 'c1:[Type == "first"] && c2:[Type == "last"] => issue(Type = "name", Value = c1.Value + " " + c2.Value);';
  const out = await run(rules, [c("first", "Ada"), c("last", "Lovelace"), c("first", "Alan"), c("last", "Turing")]);
  assert.deepEqual(brief(out), ["name=Ada Lovelace", "name=Ada Turing", "name=Alan Lovelace", "name=Alan Turing"]);
  assert.deepEqual(await run(rules, [c("first", "Ada")]), []);
});

test("a three-way join binds each tag to its own claim", async () => {
  const rules = 'a:[Type == "x"] && b:[Type == "y"] && d:[Type == "z"] => issue(Type = "t", Value = a.Value + b.Value + d.Value);';
  const out = await run(rules, [c("x", "1"), c("y", "2"), c("z", "3"), c("z", "4")]);
  assert.deepEqual(brief(out), ["t=123", "t=124"]);
});

test("add makes claims visible to later rules without issuing them; issue does both", async () => {
  const rules = `
    c:[Type == "in"] => add(Type = "tmp", Value = c.Value + "-added");
    c:[Type == "tmp"] => issue(Type = "out", Value = c.Value);
    c:[Type == "out"] => issue(Type = "again", Value = c.Value);
  `;
  assert.deepEqual(brief(await run(rules, [c("in", "v")])), ["out=v-added", "again=v-added"]);
});

test("a rule does not see the claims it issues itself", async () => {
  const out = await run('c:[Type == "n"] => issue(Type = "n", Value = c.Value + "+");', [c("n", "1")]);
  assert.deepEqual(brief(out), ["n=1+"]);
});

test("== and != compare case-insensitively (MS-CTA); =~ is case-sensitive unless (?i)", async () => {
  const input = [c("HTTP://Test/Group", "Admins"), c("http://test/group", "admins")];
  assert.deepEqual(brief(await run('c:[Type == "http://test/group", Value == "ADMINS"] => issue(Type = "eq", Value = c.Value);', input)), [
    "eq=Admins",
    "eq=admins",
  ]);
  assert.deepEqual(brief(await run('c:[Type == "http://test/group", Value != "ADMINS"] => issue(Type = "ne", Value = c.Value);', input)), []);
  assert.deepEqual(brief(await run('c:[Value =~ "^Adm"] => issue(Type = "re", Value = c.Value);', input)), ["re=Admins"]);
  assert.deepEqual(brief(await run('c:[Value =~ "(?i)^ADM"] => issue(Type = "re", Value = c.Value);', input)), ["re=Admins", "re=admins"]);
  assert.deepEqual(brief(await run('c:[Value !~ "^Adm"] => issue(Type = "nre", Value = c.Value);', input)), ["nre=admins"]);
});

test("conditions on Issuer, OriginalIssuer, ValueType and Properties", async () => {
  const input = [
    createClaim("t", "1", { issuer: "AD AUTHORITY", originalIssuer: "ORIGIN", valueType: "http://www.w3.org/2001/XMLSchema#integer", properties: { p: "yes" } }),
    createClaim("t", "2", { issuer: "AD AUTHORITY" }),
    createClaim("t", "3"),
  ];
  const pick = async (cond: string) => brief(await run(`c:[${cond}] => issue(Type = "o", Value = c.Value);`, input));
  assert.deepEqual(await pick('Issuer == "AD AUTHORITY"'), ["o=1", "o=2"]);
  assert.deepEqual(await pick('OriginalIssuer == "origin"'), ["o=1"]);
  assert.deepEqual(await pick('ValueType =~ "#integer$"'), ["o=1"]);
  assert.deepEqual(await pick('Properties["p"] == "yes"'), ["o=1"]);
  assert.deepEqual(await pick('Properties["p"] != "yes"'), ["o=2", "o=3"]);
  assert.deepEqual(await pick('Properties["p"] =~ "."'), ["o=1"]);
});

test("issue with Issuer, OriginalIssuer, ValueType and Properties, copied or literal", async () => {
  const input = [createClaim("in", "v", { issuer: "AD AUTHORITY", originalIssuer: "ORIGIN", valueType: "vt", properties: { q: "from-q" } })];
  const rules = `c:[Type == "in"] => issue(Type = "out", Value = c.Value, ValueType = c.ValueType, Issuer = c.Issuer, OriginalIssuer = c.OriginalIssuer,
      Properties["http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/format"] = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
      Properties["copied"] = c.Properties["q"], Properties["missing"] = c.Properties["nope"]);`;
  assert.deepEqual(await run(rules, input), [
    {
      type: "out",
      value: "v",
      valueType: "vt",
      issuer: "AD AUTHORITY",
      originalIssuer: "ORIGIN",
      properties: {
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claimproperties/format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
        copied: "from-q",
        missing: "",
      },
    },
  ]);
});

test("an Issuer without OriginalIssuer sets both, as .NET's Claim does", async () => {
  const out = await run('=> issue(Type = "t", Value = "v", Issuer = "ME");', []);
  assert.equal(out[0]!.issuer, "ME");
  assert.equal(out[0]!.originalIssuer, "ME");
});

test("concatenation of literals and claim fields", async () => {
  const out = await run('c:[Type == "u"] => issue(Type = "t", Value = "user:" + c.Value + "@" + c.Issuer + "/" + c.Type);', [c("u", "alice", "AD")]);
  assert.deepEqual(brief(out), ["t=user:alice@AD/u"]);
});

test("RegExReplace: $1, ${name}, $$, $0, all matches replaced, and nested in a concatenation", async () => {
  const input = [c("g", "AWS-111122223333-Admins")];
  const value = async (expr: string) => (await run(`c:[Type == "g"] => issue(Type = "t", Value = ${expr});`, input))[0]!.value;
  assert.equal(await value('RegExReplace(c.Value, "^AWS-(\\d{12})-(.*)$", "acct=$1 role=$2")'), "acct=111122223333 role=Admins");
  assert.equal(await value('RegExReplace(c.Value, "^AWS-(?<account>\\d{12})-(?<role>.*)$", "${role}@${account}")'), "Admins@111122223333");
  assert.equal(await value('RegExReplace(c.Value, "-", "$$")'), "AWS$111122223333$Admins");
  assert.equal(await value('RegExReplace(c.Value, "\\d+", "[$0]")'), "AWS-[111122223333]-Admins");
  assert.equal(await value('"<" + RegExReplace(RegExReplace(c.Value, "^AWS-", ""), "-.*", "") + ">"'), "<111122223333>");
  assert.equal(await value('RegExReplace(c.Value, "^(x)?AWS", "[$1]")'), "[]-111122223333-Admins");
});

test("RegExReplace numbers groups as .NET does: unnamed first, then named", async () => {
  const out = await run('=> issue(Type = "t", Value = RegExReplace("ab", "(?<n>a)(b)", "$1|$2|${n}"));', []);
  assert.equal(out[0]!.value, "b|a|a");
});

test("NOT EXISTS and EXISTS conditions fire once, on presence or absence", async () => {
  const rules = `
    NOT EXISTS([Type == "http://test/email"]) => issue(Type = "missing", Value = "email");
    EXISTS([Type == "http://test/role", Value == "admin"]) => issue(Type = "is", Value = "admin");
    EXISTS([Type == "http://test/role"]) && NOT EXISTS([Type == "http://test/blocked"]) => issue(Type = "ok", Value = "1");
  `;
  assert.deepEqual(brief(await run(rules, [c("http://test/role", "admin"), c("http://test/role", "ADMIN")])), ["missing=email", "is=admin", "ok=1"]);
  assert.deepEqual(brief(await run(rules, [c("http://test/email", "a@b"), c("http://test/blocked", "x")])), []);
});

test("keywords are case-insensitive; comments and annotations are skipped", async () => {
  const rules = `
    // a line comment
    @RuleTemplate = "CustomClaims"
    @RuleName = "Upper case keywords"
    C:[TYPE == "in", VALUE =~ "x"] /* a block
    comment */ => ISSUE(type = "out", value = regexreplace(C.VALUE, "x", "y"));
  `;
  assert.deepEqual(brief(await run(rules, [c("in", "xx")])), ["out=yy"]);
});

test("store rules: params fill {0}, {1}; columns map to types in order; issue vs add", async () => {
  const calls: { query: string; params: string[] }[] = [];
  const store: AttributeStore = {
    issuer: "SQL AUTHORITY",
    async query(query, params) {
      calls.push({ query, params });
      return [[`${params[0]}-a`, `${params[0]}-b`], [`${params[1]}`]];
    },
  };
  const rules = `
    c1:[Type == "first"] && c2:[Type == "last"] => issue(store = "SQL", types = ("t1", "t2"), query = "SELECT x, y FROM t WHERE a={0} AND b={1}", param = c1.Value, param = c2.Value);
    c:[Type == "first"] => add(store = "SQL", types = ("hidden1", "hidden2"), query = "q {0} {1}", param = c.Value, param = "lit");
    c:[Type == "hidden2"] => issue(Type = "seen", Value = c.Value);
  `;
  const out = await run(rules, [c("first", "F"), c("last", "L")], { SQL: store });
  assert.deepEqual(brief(out), ["t1=F-a", "t1=F-b", "t2=L", "seen=lit"]);
  assert.equal(out[0]!.issuer, "SQL AUTHORITY");
  assert.equal(out[0]!.originalIssuer, "SQL AUTHORITY");
  assert.deepEqual(calls, [
    { query: "SELECT x, y FROM t WHERE a={0} AND b={1}", params: ["F", "L"] },
    { query: "q {0} {1}", params: ["F", "lit"] },
  ]);
});

test("a store rule with no matching claim does not query the store", async () => {
  let calls = 0;
  const store: AttributeStore = {
    async query() {
      calls++;
      return [[]];
    },
  };
  assert.deepEqual(await run('c:[Type == "nope"] => issue(store = "S", types = ("t"), query = "{0}", param = c.Value);', [c("x", "y")], { S: store }), []);
  assert.equal(calls, 0);
});

test("an unknown store rejects with CLAIM_RULES_UNKNOWN_STORE, whether or not the rule matches", async () => {
  const rules = 'c:[Type == "x"] => issue(store = "Nowhere", types = ("t"), query = "{0}", param = c.Value);';
  for (const input of [[c("x", "1")], []]) {
    await assert.rejects(run(rules, input, {}), (err: unknown) => {
      assert.ok(err instanceof ClaimRulesUnknownStoreError);
      assert.equal(err.code, "CLAIM_RULES_UNKNOWN_STORE");
      assert.equal(err.message, 'claim rules: line 1: unknown attribute store "Nowhere"');
      return true;
    });
  }
  // Not an inherited property of the stores object either.
  await assert.rejects(run('=> issue(store = "constructor", types = ("t"), query = "q");', [], {}), { code: "CLAIM_RULES_UNKNOWN_STORE" });
});

test("a store answering the wrong number of columns rejects with CLAIM_RULES_STORE_ERROR", async () => {
  const store: AttributeStore = { query: async () => [["a"], ["b"]] };
  await assert.rejects(run('=> issue(store = "S", types = ("t"), query = "q");', [], { S: store }), (err: unknown) => {
    assert.ok(err instanceof ClaimRulesStoreError);
    assert.equal(err.message, 'attribute store "S" answered 2 column(s) for 1 claim type(s) (line 1)');
    return true;
  });
});

test("a store's own error passes through unchanged", async () => {
  const boom = new Error("directory unavailable");
  const store: AttributeStore = { query: async () => Promise.reject(boom) };
  await assert.rejects(run('=> issue(store = "S", types = ("t"), query = "q");', [], { S: store }), (err) => err === boom);
});

test("a rule set that queries no store resolves without awaiting one, and errors reject, never throw", async () => {
  const rules = compileClaimRules('=> issue(Type = "t", Value = "v");');
  const promise = rules.evaluate([]);
  assert.ok(promise instanceof Promise);
  assert.deepEqual(brief(await promise), ["t=v"]);
  const failing = compileClaimRules('=> issue(store = "S", types = ("t"), query = "q");');
  const rejected = failing.evaluate([]);
  assert.ok(rejected instanceof Promise);
  await assert.rejects(rejected, { code: "CLAIM_RULES_UNKNOWN_STORE" });
});

test("the input array and its claims are left untouched", async () => {
  const input = [c("in", "v")];
  const snapshot = structuredClone(input);
  await run('c:[Type == "in"] => add(Type = "x", Value = "y"); c:[] => issue(claim = c);', input);
  assert.deepEqual(input, snapshot);
});

test("an empty rule set, or one of comments only, issues nothing", async () => {
  assert.deepEqual(await run("", [c("a", "b")]), []);
  assert.deepEqual(await run("// nothing\n/* at all */\n", [c("a", "b")]), []);
  assert.equal(compileClaimRules("").ruleCount, 0);
});
