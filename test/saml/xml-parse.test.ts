// parseXml refuses what an attacker would send: DTDs and entities (XXE, billion laughs),
// oversized and over-deep documents, forbidden characters, and anything not well-formed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseXml, XmlError } from "../../src/xml/index.ts";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof XmlError, `expected an XmlError, got ${String(error)}`);
    return error.code;
  }
  assert.fail("expected a failure");
}

test("parses a namespaced document", () => {
  const doc = parseXml('<?xml version="1.0" encoding="UTF-8"?><p:a xmlns:p="urn:x" b="1"><c>t&amp;</c></p:a>');
  assert.equal(doc.documentElement!.localName, "a");
  assert.equal(doc.documentElement!.namespaceURI, "urn:x");
  assert.equal(doc.documentElement!.textContent, "t&");
});

test("refuses DOCTYPE and entity declarations (XXE, billion laughs)", () => {
  assert.equal(code(() => parseXml('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')), "XML_DTD_FORBIDDEN");
  assert.equal(code(() => parseXml('<!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;">]><a>&l2;</a>')), "XML_DTD_FORBIDDEN");
  assert.equal(code(() => parseXml("<!doctype a><a/>")), "XML_DTD_FORBIDDEN");
  assert.equal(code(() => parseXml('<a><!ENTITY x "y"></a>')), "XML_DTD_FORBIDDEN");
});

test("refuses undeclared named entities", () => {
  assert.equal(code(() => parseXml("<a>&nbsp;</a>")), "XML_MALFORMED");
});

test("refuses documents over the size limit, counted in UTF-8 bytes", () => {
  assert.equal(code(() => parseXml(`<a>${"x".repeat(100)}</a>`, { maxBytes: 100 })), "XML_TOO_LARGE");
  assert.equal(code(() => parseXml(`<a>${"é".repeat(40)}</a>`, { maxBytes: 85 })), "XML_TOO_LARGE");
  assert.equal(parseXml(`<a>${"x".repeat(93)}</a>`, { maxBytes: 100 }).documentElement!.localName, "a");
});

test("refuses nesting deeper than the limit", () => {
  const deep = (n: number) => "<a>".repeat(n) + "</a>".repeat(n);
  assert.equal(code(() => parseXml(deep(12), { maxDepth: 10 })), "XML_TOO_DEEP");
  assert.equal(parseXml(deep(11), { maxDepth: 10 }).documentElement!.localName, "a");
});

test("refuses characters XML 1.0 forbids, raw or as character references", () => {
  assert.equal(code(() => parseXml("<a>\u0001</a>")), "XML_INVALID_CHARACTER");
  assert.equal(code(() => parseXml("<a>&#x1;</a>")), "XML_INVALID_CHARACTER");
  assert.equal(code(() => parseXml('<a b="&#0;"/>')), "XML_INVALID_CHARACTER");
});

test("garbage is XML_MALFORMED, never a crash", () => {
  for (const text of ["", "garbage", "<a>", "<a></b>", "<a/><b/>", "<a>x</a>trailing", "<a x=1/>", "<a b='1' b='2'/>", "<p:a/>", "\u0000", "<?xml?>"]) {
    assert.equal(code(() => parseXml(text)), "XML_MALFORMED", JSON.stringify(text));
  }
});

test("line ends follow XML 1.0: CR and CRLF become LF, U+2028 stays", () => {
  const doc = parseXml("<a>1\r\n2\r3\u20284</a>");
  assert.equal(doc.documentElement!.textContent, "1\n2\n3\u20284");
});

test("end tags are checked the same on every parse (xmldom's compiled grammar is reused)", () => {
  for (let round = 0; round < 3; round++) {
    assert.equal(parseXml("<p:a xmlns:p='urn:x'><b>t</b></p:a>").documentElement!.localName, "a");
    assert.equal(parseXml("<a><b>t</b  ></a>").documentElement!.firstChild!.textContent, "t");
    assert.equal(code(() => parseXml("<a><b>t</b c></a>")), "XML_MALFORMED");
    assert.equal(code(() => parseXml("<a><b>t</b\njunk></a>")), "XML_MALFORMED");
    assert.equal(code(() => parseXml("<a><b>t</c></a>")), "XML_MALFORMED");
    assert.equal(code(() => parseXml("<a><b>t</1b></a>")), "XML_MALFORMED");
  }
});
