// The writer's output is already in exclusive canonical form: escaping, attribute order and
// namespace placement agree with xml-crypto's and libxml2's (lxml) exc-c14n of the same bytes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ExclusiveCanonicalization } from "xml-crypto";
import {
  attribute,
  canonicalize,
  element,
  escapeAttribute,
  escapeText,
  NO_NAMESPACE,
  parseXml,
  XmlError,
  xmlNamespace,
  XML_NAMESPACE_URI,
  type XmlElement,
} from "../../src/xml/index.ts";
import { onelogin } from "../support/saml-verify.ts";

const A = xmlNamespace("urn:a");
const P = xmlNamespace("urn:b", "p");
const Q = xmlNamespace("urn:c", "q");
const Z = xmlNamespace("urn:0", "z");
const XML = xmlNamespace(XML_NAMESPACE_URI, "xml");

const SPECIAL = "a&b<c>d\"e'f\tg\nh\ri é 𝄞 ]]>";

function xmlCryptoC14n(xml: string): string {
  const doc = parseXml(xml);
  return new ExclusiveCanonicalization().process(doc.documentElement as unknown as globalThis.Element, {}).toString();
}

/** A tree that exercises every rule: default namespace undone and redone, prefixes declared
 * where first used, attributes sorted by namespace URI (not prefix), xml:lang, escapes. */
function tricky(): XmlElement {
  return element(A, "root", { b: "2", a: SPECIAL, ID: "_1" }, [
    "lead " + SPECIAL,
    element(P, "child", [attribute(Q, "x", "1"), attribute(null, "y", "2"), attribute(Z, "w", "0"), attribute(XML, "lang", "en")], [
      element(NO_NAMESPACE, "plain", null, [element(A, "again", null, ["in a"]), element(NO_NAMESPACE, "empty")]),
      element(P, "same-prefix", { k: "v" }),
      element(Q, "q-elem", null, [element(Q, "q-inner")]),
    ]),
    element(A, "empty"),
    element(xmlNamespace("urn:other", "p"), "rebound", null, [element(P, "back")]),
  ]);
}

test("escapes text and attribute values as C14N 1.0 does", () => {
  assert.equal(escapeText(SPECIAL), "a&amp;b&lt;c&gt;d\"e'f\tg\nh&#xD;i é 𝄞 ]]&gt;");
  assert.equal(escapeAttribute(SPECIAL), "a&amp;b&lt;c>d&quot;e'f&#x9;g&#xA;h&#xD;i é 𝄞 ]]>");
  assert.equal(escapeText("plain"), "plain");
});

test("refuses characters XML 1.0 cannot carry", () => {
  for (const bad of ["\u0000", "\u0008", "\u000B", "\uFFFE", "\uD800", "x\uDC00"]) {
    assert.throws(() => escapeText(bad), (e: unknown) => e instanceof XmlError && e.code === "XML_INVALID_CHARACTER");
    assert.throws(() => canonicalize(element(A, "a", { v: bad })), (e: unknown) => e instanceof XmlError && e.code === "XML_INVALID_CHARACTER");
  }
});

test("renders namespace declarations where exc-c14n puts them, attributes in c14n order", () => {
  const xml = canonicalize(tricky()).xml;
  const specialAttr = escapeAttribute(SPECIAL);
  const specialText = escapeText(SPECIAL);
  assert.equal(
    xml,
    `<root xmlns="urn:a" ID="_1" a="${specialAttr}" b="2">lead ${specialText}` +
      `<p:child xmlns:p="urn:b" xmlns:q="urn:c" xmlns:z="urn:0" y="2" xml:lang="en" z:w="0" q:x="1">` +
      `<plain xmlns=""><again xmlns="urn:a">in a</again><empty></empty></plain>` +
      `<p:same-prefix k="v"></p:same-prefix>` +
      `<q:q-elem><q:q-inner></q:q-inner></q:q-elem>` +
      `</p:child>` +
      `<empty></empty>` +
      `<p:rebound xmlns:p="urn:other"><p:back xmlns:p="urn:b"></p:back></p:rebound>` +
      `</root>`,
  );
});

test("parity: xml-crypto's exc-c14n of the written bytes is the same bytes", () => {
  // The tree without a no-namespace element nested in another one (see the divergence below).
  const tree = element(A, "root", { b: "2", a: SPECIAL }, [
    SPECIAL,
    element(P, "child", [attribute(Q, "x", "1"), attribute(null, "y", "2"), attribute(Z, "w", "0"), attribute(XML, "lang", "en")], [
      element(NO_NAMESPACE, "plain", null, [element(A, "again", null, ["in a"])]),
      element(Q, "q-elem", null, [element(Q, "q-inner")]),
    ]),
    element(xmlNamespace("urn:other", "p"), "rebound", null, [element(P, "back")]),
  ]);
  const xml = canonicalize(tree).xml;
  assert.equal(xmlCryptoC14n(xml), xml);
});

test("known divergence: xml-crypto 6 repeats xmlns=\"\" that libxml2 and C14N 1.0 §2.3 leave out", () => {
  // <plain xmlns=""><empty/></plain> under a default namespace: the nearest output ancestor of
  // <empty> has an empty default, so no xmlns="" is due. SAML documents never take this shape.
  const xml = canonicalize(element(A, "r", null, [element(NO_NAMESPACE, "plain", null, [element(NO_NAMESPACE, "empty")])])).xml;
  assert.equal(xml, '<r xmlns="urn:a"><plain xmlns=""><empty></empty></plain></r>');
  assert.equal(onelogin<{ c14n: string }>("exc_c14n", { xml }).c14n, xml);
  assert.equal(xmlCryptoC14n(xml), '<r xmlns="urn:a"><plain xmlns=""><empty xmlns=""></empty></plain></r>');
});

test("parity: libxml2's exc-c14n (lxml) of the written bytes is the same bytes", () => {
  const xml = canonicalize(tricky()).xml;
  assert.equal(onelogin<{ c14n: string }>("exc_c14n", { xml }).c14n, xml);
});

test("an embedded canonical element renders as it would in place", () => {
  const inner = canonicalize(element(A, "inner", { ID: "_i" }, [element(P, "x", null, ["t"])]));
  const outer = canonicalize(element(Q, "outer", null, [inner, element(A, "after")]));
  const inPlace = canonicalize(element(Q, "outer", null, [element(A, "inner", { ID: "_i" }, [element(P, "x", null, ["t"])]), element(A, "after")]));
  assert.equal(outer.xml, inPlace.xml);
  assert.equal(xmlCryptoC14n(outer.xml), outer.xml);
});

test("embedding where the parent already declares a prefix the element uses is refused", () => {
  const inner = canonicalize(element(P, "inner"));
  assert.throws(() => canonicalize(element(P, "outer", null, [inner])), TypeError);
  const defaultInner = canonicalize(element(A, "inner"));
  assert.throws(() => canonicalize(element(A, "outer", null, [defaultInner])), TypeError);
});

test("one prefix bound to two namespaces on one element is refused", () => {
  assert.throws(() => canonicalize(element(P, "e", [attribute(xmlNamespace("urn:not-b", "p"), "a", "1")])), TypeError);
});

test("a duplicate attribute and an attribute named xmlns are refused", () => {
  assert.throws(() => canonicalize(element(A, "e", [attribute(null, "a", "1"), attribute(null, "a", "2")])), TypeError);
  assert.throws(() => canonicalize(element(A, "e", [attribute(P, "a", "1"), attribute(P, "a", "2")])), TypeError);
  assert.throws(() => element(A, "e", { xmlns: "urn:evil" }), TypeError);
  assert.equal(canonicalize(element(A, "e", [attribute(P, "a", "1"), attribute(Q, "a", "2")])).xml, '<e xmlns="urn:a" xmlns:p="urn:b" xmlns:q="urn:c" p:a="1" q:a="2"></e>');
});

test("optional attributes and children are left out", () => {
  assert.equal(canonicalize(element(A, "e", { a: undefined, b: "1" }, [undefined, false, null, "t"])).xml, '<e xmlns="urn:a" b="1">t</e>');
});
