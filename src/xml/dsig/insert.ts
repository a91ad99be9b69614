// Finds where an enveloped signature goes inside an element in canonical form: right after its
// first child, which must be an Issuer (SAML 2.0 core §3.2.1, §2.3.3: Issuer, then Signature), or as
// the first child (metadata, SAML metadata §2.3.2). Canonical form keeps this a plain scan: attribute
// values sit in double quotes with `"` escaped, and text never holds a raw `<`.

/** Index just past the `>` that ends the tag opening at `start`. */
function endOfTag(xml: string, start: number): number {
  let quoted = false;
  for (let i = start; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 62 && !quoted) return i + 1;
  }
  throw new TypeError("not an element in canonical form");
}

export interface StartTag {
  /** The start tag, `<` to `>`. */
  readonly text: string;
  readonly end: number;
}

export function startTag(xml: string): StartTag {
  if (!xml.startsWith("<")) throw new TypeError("not an element in canonical form");
  const end = endOfTag(xml, 0);
  return { text: xml.slice(0, end), end };
}

export function afterFirstChild(xml: string, expectedLocalName: string): number {
  const open = startTag(xml).end;
  if (xml.charCodeAt(open) !== 60 || xml.charCodeAt(open + 1) === 47) throw new TypeError("the element has no first child");
  const childOpenEnd = endOfTag(xml, open);
  const name = /^<([^\s>]+)/.exec(xml.slice(open, childOpenEnd))![1]!;
  if (name.slice(name.indexOf(":") + 1) !== expectedLocalName) {
    throw new TypeError(`the first child is ${name}, not ${expectedLocalName}`);
  }
  const close = xml.indexOf("<", childOpenEnd);
  if (close < 0 || !xml.startsWith(`</${name}>`, close)) throw new TypeError(`${expectedLocalName} must hold text only`);
  return close + name.length + 3;
}
