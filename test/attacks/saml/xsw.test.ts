// XSW1-XSW8, the signature-wrapping variants of "On Breaking SAML" (Somorovsky et al., 2012) as
// SAML Raider builds them. Each keeps a valid signature somewhere in the document and puts an
// edited copy where a careless verifier would read it. All are refused before any cryptography;
// and the signature stage alone, given any of them, never hands back the edited assertion.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseXml, type Element } from "../../../src/xml/index.ts";
import { verifySignatures } from "../../../src/sts/saml/checks/signatures.ts";
import { isStsSamlError } from "../../../src/sts/saml/index.ts";
import { XSW } from "./fixtures.ts";
import { assertRefused, directChild, keys, provider, request, roleArn, warmUp, SAML_NS, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

const expected: Record<keyof typeof XSW, string> = {
  "xsw1.response-copy-inside-signature": "response-count",
  "xsw2.response-copy-before-signature": "response-count",
  "xsw3.evil-assertion-before-signed-assertion": "assertion-count",
  "xsw4.signed-assertion-inside-evil-assertion": "assertion-count",
  "xsw5.evil-assertion-keeps-signature-original-appended": "assertion-count",
  "xsw6.original-inside-signature-of-evil-assertion": "assertion-count",
  "xsw7.evil-assertion-in-extensions": "assertion-count",
  "xsw8.original-in-signature-object-of-evil-assertion": "assertion-count",
};

describe("signature wrapping (XSW1-XSW8)", () => {
  for (const [name, build] of Object.entries(XSW) as Array<[keyof typeof XSW, (k: Keys) => string]>) {
    it(`${name}: refused, no signature check needed`, async () => {
      const xml = build(k);
      assert.ok(xml.includes("role/ADFS-KeyAdmins"), "the fixture carries the attacker's edit");
      await assertRefused(request(xml, provider(k.idpCertificatePem), { roleArn: roleArn("ADFS-KeyAdmins") }), {
        code: "InvalidIdentityToken",
        reason: expected[name],
        signatureChecks: 0,
      });
    });
  }
});

/** The Role values of an assertion element. */
function roles(assertion: Element): string[] {
  const values = assertion.getElementsByTagNameNS(SAML_NS, "AttributeValue");
  return Array.from({ length: values.length }, (_, i) => values[i]!.textContent ?? "").filter((v) => v.includes(":role/"));
}

describe("the signature stage alone trusts only signed bytes (defence in depth)", () => {
  for (const [name, build] of Object.entries(XSW) as Array<[keyof typeof XSW, (k: Keys) => string]>) {
    it(`${name}: what it returns is never the edited assertion`, () => {
      const xml = build(k);
      const document = parseXml(xml);
      const response = document.documentElement!;
      // What a careless pipeline would take: the first Assertion child of the root.
      const shape = { document, response, assertion: directChild(response as never, SAML_NS, "Assertion") as unknown as Element };
      try {
        const signed = verifySignatures(shape, xml, [k.idpCertificatePem]);
        assert.ok(signed.signatureChecks >= 1);
        assert.ok(!roles(signed.assertion).some((role) => role.includes("ADFS-KeyAdmins")), "the edit is not in the signed bytes");
        assert.ok(roles(signed.assertion).some((role) => role.includes("ADFS-Auditors")));
      } catch (error) {
        assert.ok(isStsSamlError(error) && error.code === "InvalidIdentityToken" && error.reason.startsWith("signature"), String(error));
      }
    });
  }
});
