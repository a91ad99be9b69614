// .NET regex translation (regex.ts) and .NET replacement strings (replacement.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileDotNetRegex, RegexTranslationError, translateDotNetRegex } from "../../src/idp/claims/regex.ts";
import { compileDotNetReplacement } from "../../src/idp/claims/replacement.ts";

const matches = (pattern: string, input: string) => compileDotNetRegex(pattern).matcher.test(input);

function replace(input: string, pattern: string, replacement: string): string {
  const regex = compileDotNetRegex(pattern);
  const r = compileDotNetReplacement(replacement, regex);
  return typeof r === "string" ? input.replace(regex.global, r) : input.replace(regex.global, r as (m: string, ...a: unknown[]) => string);
}

function refused(pattern: string, index: number, message: string): void {
  assert.throws(
    () => compileDotNetRegex(pattern),
    (err: unknown) => {
      assert.ok(err instanceof RegexTranslationError);
      assert.equal(err.message, message);
      assert.equal(err.index, index);
      return true;
    },
    pattern,
  );
}

test("(?i) at the start becomes the i flag", () => {
  assert.equal(translateDotNetRegex("(?i)^AWS-").flags, "iu");
  assert.equal(translateDotNetRegex("^AWS-").flags, "u");
  assert.equal(matches("(?i)^AWS-([\\d]{12})", "aws-111122223333-x"), true);
  assert.equal(matches("^AWS-([\\d]{12})", "aws-111122223333-x"), false);
});

test("(?m) and (?s) keep .NET's meaning of ^, $ and .", () => {
  assert.equal(matches("^b$", "a\nb\nc"), false);
  assert.equal(matches("(?m)^b$", "a\nb\nc"), true);
  assert.equal(matches("(?m)^b$", "a\rb\rc"), false, ".NET lines end at \\n only");
  assert.equal(matches("(?im)^B$", "a\nb"), true);
  assert.equal(matches("a.c", "a\nc"), false);
  assert.equal(matches("(?s)a.c", "a\nc"), true);
  assert.equal(matches("a.c", "a\rc"), true, ".NET's . excludes only \\n");
  assert.equal(matches("abc$", "abc\n"), true, "$ also matches before a final \\n");
  assert.equal(matches("abc\\z", "abc\n"), false);
  assert.equal(matches("abc\\Z", "abc\n"), true);
  assert.equal(matches("\\Aabc", "xabc"), false);
});

test("\\d, \\w, \\s and \\b are Unicode, as in .NET", () => {
  assert.equal(matches("^\\d{3}$", "١٢٣"), true);
  assert.equal(matches("^[\\d]{2}$", "٣4"), true);
  assert.equal(matches("^\\D$", "٣"), false);
  assert.equal(matches("^\\w+$", "Zoë_Ünal"), true);
  assert.equal(matches("^[\\w.-]+$", "zoë.ünal-2"), true);
  assert.equal(matches("^\\W$", "é"), false);
  assert.equal(matches("^a\\sb$", "a\u00A0b"), true);
  assert.equal(matches("^a\\Sb$", "a b"), false);
  assert.equal(matches("\\bété\\b", "un été chaud"), true);
  assert.equal(matches("\\bté\\b", "été"), false);
  assert.equal(matches("t\\Bé", "été"), true);
});

test("escapes: punctuation, hex, unicode, octal, control, \\a \\e", () => {
  assert.equal(matches("^\\-\\#\\ \\.\\/$", "-# ./"), true);
  assert.equal(matches("^[\\-\\]\\[]+$", "-][-"), true);
  assert.equal(matches("^\\x41\\u0042$", "AB"), true);
  assert.equal(matches("^\\0101$", "A"), false);
  assert.equal(matches("^\\0$", "\0"), true);
  assert.equal(matches("^\\012$", "\n"), true);
  assert.equal(matches("^\\e\\a\\cA$", "\x1B\x07\x01"), true);
  assert.equal(matches("^[\\b]$", "\b"), true);
  assert.equal(matches("^\\p{Lu}\\P{Lu}$", "Ab"), true);
});

test("a { that is not a quantifier is literal; quantifiers are kept", () => {
  assert.equal(matches("^a{b}$", "a{b}"), true);
  assert.equal(matches("^a{2}$", "aa"), true);
  assert.equal(matches("^a{2,}$", "aaa"), true);
  assert.equal(matches("^a{1,2}?$", "a"), true);
  assert.equal(matches("^{,2}$", "{,2}"), true);
  assert.equal(matches("^a]$", "a]"), true);
  assert.equal(matches("^[]a]+$", "]a"), true, "] first in a set is literal");
  assert.equal(matches("^[^]a]+$", "bc"), true);
});

test("groups: .NET numbering (unnamed first, then named), (?'name'), backreferences, comments", () => {
  const t = translateDotNetRegex("(?<n>a)(b)(?<m>c)(d)");
  assert.deepEqual(t.dotnetToJs, [0, 2, 4, 1, 3]);
  assert.deepEqual([...t.names], [["n", 1], ["m", 3]]);
  assert.equal(matches("^(?'word'ab)\\k<word>$", "abab"), true);
  assert.equal(matches("^(?<n>x)(y)\\1\\2$", "xyyx"), true, "\\1 is the unnamed (y), \\2 the named (x)");
  assert.equal(matches("^(a)\\1(0)$", "aa0"), true, "a backreference is followed by a literal digit");
  assert.equal(matches("^(a)\\10$", "a\b"), true, "no group 10: .NET reads \\10 as octal");
  assert.equal(matches("^(a)\\1019$", "a\x419"), true, "at most three octal digits, then literal digits");
  assert.equal(matches("^[\\1]$", "\x01"), true, "in a set, \\1 is octal");
  assert.equal(matches("^a(?#a comment)b$", "ab"), true);
  assert.equal(matches("^(?:ab)+(?=c)(?!d)(?<=b)(?<!x)c$", "ababc"), true);
});

test("constructs without a faithful translation are refused, at their index", () => {
  refused("(?x)a b", 2, 'the inline option "x" is not supported (only i, m and s are)');
  refused("(?n)(a)", 2, 'the inline option "n" is not supported (only i, m and s are)');
  refused("(?-i)a", 2, "turning options off ((?-...)) is not supported");
  refused("(?i:a)", 0, "scoped inline options (?i:...) are not supported; put (?i) at the start");
  refused("a(?i)b", 1, "inline options are supported only at the start of the pattern, as (?i)");
  refused("x(?>a)", 1, "atomic groups (?>...) are not supported");
  refused("(?(a)b|c)", 0, "conditional groups (?(...)...) are not supported");
  refused("(?<o>a)(?<c-o>b)", 7, "balancing groups (?<a-b>...) are not supported");
  refused("(?<1>a)", 0, "numbered groups (?<1>...) are not supported; use a name");
  refused("(?<n>a)(?<n>b)", 7, 'the group name "n" is used twice');
  refused("[a-z-[aeiou]]", 4, "character class subtraction [a-z-[...]] is not supported");
  refused("\\Ga", 0, "\\G is not supported");
  refused("[\\W]", 1, "\\W inside [...] is not supported");
  refused("a\\q", 1, "unrecognized escape sequence \\q");
  refused("ab\\", 2, "illegal \\ at end of pattern");
  refused("\\x4", 0, "insufficient hex digits after \\x");
  refused("\\p{IsGreek}", 0, 'the Unicode category "IsGreek" is not supported (only general categories such as L, Lu, Nd)');
  refused("(a)\\2", 3, "reference to undefined group number 2");
  refused("(a)\\91", 3, "reference to undefined group number 91");
  refused("[\\8]", 1, "unrecognized escape sequence \\8");
  refused("\\k<nope>", 0, 'reference to undefined group name "nope"');
  refused("ab[cd", 2, "unterminated [] set");
  refused("a)b", 1, "too many )'s");
  refused("(a(b)", 0, "not enough )'s: this ( is not closed");
  refused("(?P<n>a)", 0, "unrecognized grouping construct");
  refused("a**", 0, "Nothing to repeat");
});

test("replacement: $n, ${n}, ${name}, $$, $&, $0", () => {
  assert.equal(replace("AWS-111122223333-Admins", "AWS-([\\d]{12})-", "arn:aws:iam::$1:saml-provider/ADFS,arn:aws:iam::$1:role/ADFS-"), "arn:aws:iam::111122223333:saml-provider/ADFS,arn:aws:iam::111122223333:role/ADFS-Admins");
  assert.equal(replace("ab", "(?<x>a)(?<y>b)", "${y}${x}"), "ba");
  assert.equal(replace("ab", "(a)", "${1}0"), "a0b");
  assert.equal(replace("ab", "a", "$$1"), "$1b");
  assert.equal(replace("ab", "a", "[$&][$0]"), "[a][a]b");
  assert.equal(replace("a-b-c", "-", "+"), "a+b+c", "every match is replaced");
});

test("replacement: .NET's rules for what is not a group", () => {
  assert.equal(replace("ab", "(a)", "$10"), "$10b", "no group 10: literal text");
  assert.equal(replace("ab", "(a)", "$2"), "$2b");
  assert.equal(replace("ab", "(a)", "${nope}"), "${nope}b");
  assert.equal(replace("ab", "(a)", "$x$"), "$x$b");
  assert.equal(replace("ab", "(a)(x)?", "[$2]"), "[]b", "a group that did not take part is empty");
});

test("replacement: $` $' $+ $_", () => {
  assert.equal(replace("xay", "a", "[$`|$']"), "x[x|y]y");
  assert.equal(replace("xay", "(?<n>a)(.)?", "[$+]"), "x[a]", "$+ is the last group in .NET numbering: the named one");
  assert.equal(replace("xay", "a", "[$_]"), "x[xay]y");
});

test("replacement: the native JS string is used when it says the same", () => {
  const regex = compileDotNetRegex("AWS-(\\d{12})-");
  assert.equal(compileDotNetReplacement("arn:$1:$$", regex), "arn:$01:$$");
  assert.equal(typeof compileDotNetReplacement("$_", regex), "function");
});
