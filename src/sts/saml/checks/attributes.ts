// The assertion's attributes, by exact (case-sensitive) Name as AWS matches them: every
// AttributeStatement's Attributes, values in document order, repeated Names merged. Values are the
// full text of each AttributeValue in the signed bytes (comments there are gone, never a cut).
import { attributeOf, textOf, type Element } from "../../../xml/index.ts";
import { samlChildren } from "../saml-xml.ts";

export type SamlAttributes = ReadonlyMap<string, readonly string[]>;

export function readAttributes(assertion: Element): SamlAttributes {
  const attributes = new Map<string, string[]>();
  for (const statement of samlChildren(assertion, "AttributeStatement")) {
    for (const attribute of samlChildren(statement, "Attribute")) {
      const name = attributeOf(attribute, "Name");
      if (name === undefined) continue;
      const values = samlChildren(attribute, "AttributeValue").map((value) => textOf(value));
      const known = attributes.get(name);
      if (known) known.push(...values);
      else attributes.set(name, values);
    }
  }
  return attributes;
}

/** The one value of a single-valued attribute; undefined when absent; null when it has several. */
export function singleValue(attributes: SamlAttributes, name: string): string | undefined | null {
  const values = attributes.get(name);
  if (values === undefined || values.length === 0) return undefined;
  return values.length === 1 ? values[0]! : null;
}
