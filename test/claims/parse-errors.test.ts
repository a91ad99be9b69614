// Rule sets that do not compile: a ClaimRulesParseError naming the line and column (1-based) and
// what was expected, raised by compileClaimRules (at start-up), never at evaluation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ClaimRulesParseError, compileClaimRules } from "../../src/idp/claims/index.ts";

function parseError(text: string, source?: string): ClaimRulesParseError {
  try {
    compileClaimRules(text, source);
  } catch (err) {
    assert.ok(err instanceof ClaimRulesParseError, `not a ClaimRulesParseError: ${String(err)}`);
    assert.equal(err.code, "CLAIM_RULES_PARSE_ERROR");
    assert.equal(err.expose, false);
    return err;
  }
  assert.fail("the rule set compiled");
}

function assertError(text: string, line: number, column: number, reason: string): void {
  const err = parseError(text);
  assert.equal(err.message, `claim rules: line ${line}, column ${column}: ${reason}`);
  assert.equal(err.line, line);
  assert.equal(err.column, column);
  assert.equal(err.reason, reason);
}

test('missing "=>"', () => {
  assertError('@RuleName = "NameId"\nc:[Type == "a"]\n issue(Type = "b", Value = c.Value);', 3, 2, 'expected "=>", found "issue"');
});

test("unterminated string: at its opening quote, even when a later line has a quote", () => {
  assertError('c:[Type == "a"] => issue(Type = "b", Value = "unterminated);\nc:[Type == "x"] => issue(claim = c);', 1, 46, "unterminated string");
  assertError('c:[Type == "a', 1, 12, "unterminated string");
});

test("unknown function", () => {
  assertError('c:[Type == "a"]\n => issue(Type = "b", Value = ToUpper(c.Value));', 2, 31, 'unknown function "ToUpper" (the only function is RegExReplace)');
});

test("bad regex: at the construct inside the string", () => {
  assertError('@RuleName = "Roles"\nc:[Type == "g", Value =~ "^AWS-(\\d{12}"] => issue(claim = c);', 2, 32, "bad regular expression: not enough )'s: this ( is not closed");
  assertError('c:[Value =~ "(?>a)"] => issue(claim = c);', 1, 14, "bad regular expression: atomic groups (?>...) are not supported");
  assertError('c:[Value =~ "^\\p{IsGreek}+$"] => issue(claim = c);', 1, 15, 'bad regular expression: the Unicode category "IsGreek" is not supported (only general categories such as L, Lu, Nd)');
  assertError('c:[Type == "g"]\n  => issue(Type = "r", Value = RegExReplace(c.Value, "[a-", "x"));', 2, 55, "bad regular expression: unterminated [] set");
});

test("bad regex that JavaScript rejects: at the start of the pattern", () => {
  assertError('c:[Value =~ "a**"] => issue(claim = c);', 1, 14, "bad regular expression: Nothing to repeat");
});

test('missing ";" at the end of input', () => {
  assertError('c:[Type == "a"] => issue(claim = c)\n', 2, 1, 'expected ";", found end of input');
});

test("a tag that no condition binds, and a tag bound twice", () => {
  assertError('=> issue(claim = c);', 1, 18, 'unknown claim tag "c": no condition of this rule binds it');
  assertError('c1:[Type == "a"] => issue(Type = "b", Value = c2.Value);', 1, 47, 'unknown claim tag "c2": no condition of this rule binds it');
  assertError('c:[Type == "a"] && c:[Type == "b"] => issue(claim = c);', 1, 20, 'the tag "c" is already bound in this rule');
});

test("tags are per rule", () => {
  assertError('c:[Type == "a"] => issue(claim = c);\n=> issue(Type = "t", Value = c.Value);', 2, 30, 'unknown claim tag "c": no condition of this rule binds it');
});

test("what the parser expected, in several places", () => {
  assertError('c:[Type = "a"] => issue(claim = c);', 1, 9, 'expected "==", "!=", "=~" or "!~", found "="');
  assertError('c:[Kind == "a"] => issue(claim = c);', 1, 4, 'expected Type, Value, ValueType, Issuer, OriginalIssuer or Properties["..."], found "Kind"');
  assertError('c:[Type == a] => issue(claim = c);', 1, 12, 'expected a string, found "a"');
  assertError('c:[Type == "a" Value == "b"] => issue(claim = c);', 1, 16, 'expected "," or "]", found "Value"');
  assertError('c:[Type == "a"] => emit(claim = c);', 1, 20, 'expected "issue" or "add", found "emit"');
  assertError('c:[Type == "a"] => issue(Type = "t");', 1, 36, "issue(...) needs Value = ...");
  assertError('c:[Type == "a"] => issue(Type = "t", Type = "u", Value = "v");', 1, 38, '"Type" is given twice');
  assertError('c:[Type == "a"] => issue(Type = "t", Value = );', 1, 46, 'expected a value: a string, a claim property such as c.Value, or RegExReplace(...), found ")"');
  assertError('issue(Type = "t", Value = "v");', 1, 1, 'expected a condition such as c:[Type == "..."], or "=>", found "issue"');
  assertError('c:[Type == "a"] && => issue(claim = c);', 1, 20, 'expected a condition such as c:[Type == "..."], found "=>"');
  assertError('=> add(store = "S", query = "q");', 1, 32, 'add(store = ...) needs types = ("...")');
});

test("unexpected characters, typographic quotes, unterminated comments", () => {
  assertError('c:[Type == "a"] => issue(claim = c); #', 1, 38, 'unexpected character "#"');
  assertError("c:[Type == \u201Ca\u201D] => issue(claim = c);", 1, 12, 'unexpected character "\u201C" (a typographic quote: write strings with ")');
  assertError('/* never\nclosed => issue(Type = "a", Value = "b");', 1, 1, "unterminated comment");
});

test("AD FS does not combine claim selectors and EXISTS in one rule", () => {
  assertError('c:[Type == "a"] && NOT EXISTS([Type == "b"]) => issue(claim = c);', 1, 20, "a rule's conditions are either claim selectors or EXISTS(...) conditions, not both");
  assertError('EXISTS([Type == "b"]) && [Type == "a"] => issue(Type = "t", Value = "v");', 1, 26, "a rule's conditions are either claim selectors or EXISTS(...) conditions, not both");
  assertError('NOT [Type == "b"] => issue(Type = "t", Value = "v");', 1, 5, 'expected "EXISTS", found "["');
});

test("store queries are checked at start-up: placeholders and the Active Directory form", () => {
  assertError('c:[Type == "a"] => issue(store = "S", types = ("t"), query = "{0} {1}", param = c.Value);', 1, 63, "the query uses {1} but the rule passes 1 param(s)");
  assertError('c:[Type == "a"] => issue(store = "S", types = ("t"), query = "{x}", param = c.Value);', 1, 63, "bad query: malformed placeholder at index 0 (expected {0}, {1}...)");
  assertError(
    'c:[Type == "a"]\n => issue(store = "Active Directory", types = ("t"), query = "(objectClass=user);mail;{0}", param = c.Value);',
    2,
    63,
    'LDAP filters in Active Directory queries are not supported (found "(objectClass=user)"): leave the filter empty, as in ";mail;{0}", with {0} the account name DOMAIN\\user',
  );
  assertError(
    'c:[Type == "a"] => issue(store = "Active Directory", types = ("t1"), query = ";mail,displayName;{0}", param = c.Value);',
    1,
    79,
    "the query asks for 2 attribute(s) but types = (...) names 1 claim type(s)",
  );
  assertError(
    'c:[Type == "a"] => issue(store = "Active Directory", types = ("t1"), query = ";tokenGroups(SID);{0}", param = c.Value);',
    1,
    79,
    'unsupported tokenGroups form "tokenGroups(SID)" (use tokenGroups, tokenGroups(domainQualifiedName) or tokenGroups(fullyQualifiedDomainName))',
  );
});

test("the source name, when given, is in the message", () => {
  const err = parseError('c:[Type == "a"] issue(claim = c);', "/etc/federa/aws.rules");
  assert.equal(err.message, 'claim rules (/etc/federa/aws.rules): line 1, column 17: expected "=>", found "issue"');
  assert.equal(err.source, "/etc/federa/aws.rules");
});

test("columns count from 1 after CRLF line ends and a byte-order mark", () => {
  assertError('\uFEFFc:[Type == "a"]\r\n=> issue(claim = c)\r\n;;', 3, 2, 'expected a condition such as c:[Type == "..."], or "=>", found ";"');
});
