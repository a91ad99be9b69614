// Small readers shared by the checks: SAML children by namespace and local name, strict
// xs:dateTime instants, and a nested element written out as a document of its own (now in src/xml,
// where verifySignedXml falls back to it).
import { childElements, type Element } from "../../xml/index.ts";
import { SAML_ASSERTION_NS } from "./constants.ts";

/** Children of `parent` named `local` in the SAML assertion namespace (or `ns`). */
export function samlChildren(parent: Element, local: string, ns: string = SAML_ASSERTION_NS): Element[] {
  return childElements(parent, ns, local);
}

// xs:dateTime with an explicit zone (SAML core §1.3.3 wants UTC); no zone would mean local time.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or NaN when `value` is not a zoned xs:dateTime. */
export function instantOf(value: string): number {
  return INSTANT.test(value) ? Date.parse(value) : Number.NaN;
}

/** `element` as a document of its own, carrying the namespace declarations it inherits. */
export { standaloneXml } from "../../xml/index.ts";
