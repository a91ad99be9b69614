// validateSamlAssertion accepts what AWS accepts: a response signed on the assertion only, on the
// Response only, or both; roles in either order; AWS's global or regional sign-in endpoint or
// federa's own /saml as Recipient; and hands back what AssumeRoleWithSAML answers with.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { describeCertificate } from "../../src/crypto/index.ts";
import { AWS_ATTRIBUTE, NAMEID_FORMAT } from "../../src/idp/index.ts";
import { nameQualifierOf } from "../../src/sts/saml/index.ts";
import {
  accepted,
  base64,
  keys,
  provider,
  request,
  responseInput,
  roleArn,
  signResponse,
  signedResponse,
  withoutSignature,
  ADFS,
  AWS_SIGNIN,
  FEDERA_SAML,
  IDP_ENTITY,
  NOW,
  REGIONAL_SIGNIN,
  type Keys,
} from "../attacks/saml/support.ts";

let k: Keys;
before(async () => {
  k = await keys();
});

const trust = () => provider(k.idpCertificatePem);

describe("what is signed", () => {
  it("the assertion only: one signature check", async () => {
    const result = await accepted(request(signedResponse(k.idp, { signResponse: false }), trust()));
    assert.equal(result.signatureChecks, 1);
  });

  it("the Response only (covering its unsigned assertion): one signature check", async () => {
    const unsignedAssertion = withoutSignature(signedResponse(k.idp, { signResponse: false }), 0);
    assert.ok(!unsignedAssertion.includes("<ds:Signature"));
    const result = await accepted(request(signResponse(unsignedAssertion, k.idp), trust()));
    assert.equal(result.signatureChecks, 1);
  });

  it("both: two signature checks", async () => {
    const result = await accepted(request(signedResponse(k.idp), trust()));
    assert.equal(result.signatureChecks, 2);
  });

  it("certificates as base64 DER (as metadata carries them), and several during a rollover", async () => {
    const der = describeCertificate(k.idpCertificatePem).base64;
    await accepted(request(signedResponse(k.idp), { ...trust(), certificates: [der] }));
    await accepted(request(signedResponse(k.idp), { ...trust(), certificates: [k.attackerCertificatePem, der] }));
  });

  it("an XML declaration and base64 wrapped at 76 columns are fine", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${signedResponse(k.idp)}`;
    const wrapped = base64(xml).replace(/(.{76})/g, "$1\r\n");
    await accepted(request(xml, trust(), { samlAssertion: wrapped }));
  });
});

describe("roles, recipients, audiences", () => {
  it("a role-first pair and a provider-first pair are both granted", async () => {
    const xml = signedResponse(k.idp);
    const auditors = await accepted(request(xml, trust(), { roleArn: roleArn("ADFS-Auditors") }));
    const developers = await accepted(request(xml, trust(), { roleArn: roleArn("ADFS-Developers") }));
    assert.equal(auditors.roleArn, roleArn("ADFS-Auditors"));
    assert.equal(developers.roleArn, roleArn("ADFS-Developers"));
    assert.equal(developers.principalArn, ADFS);
  });

  for (const [name, recipient] of [
    ["AWS's global sign-in endpoint", AWS_SIGNIN],
    ["a regional sign-in endpoint", REGIONAL_SIGNIN],
    ["federa's own /saml", FEDERA_SAML],
  ] as const) {
    it(`Recipient ${name}: accepted, and it is SAML:aud`, async () => {
      const result = await accepted(request(signedResponse(k.idp, { recipient, destination: recipient }), trust()));
      assert.equal(result.recipient, recipient);
      assert.equal(result.conditionKeys["SAML:aud"], recipient);
    });
  }

  for (const audience of ["urn:amazon:webservices", AWS_SIGNIN, "https://ap-southeast-2.signin.aws.amazon.com/saml", FEDERA_SAML]) {
    it(`Audience ${audience}: accepted`, async () => {
      const result = await accepted(request(signedResponse(k.idp, { audience }), trust()));
      assert.equal(result.audience, audience);
    });
  }

  it("an extra accepted audience can be configured", async () => {
    const audience = "https://federa.example.test/saml/metadata";
    const result = await accepted(request(signedResponse(k.idp, { audience }), trust(), { acceptedAudiences: [audience] }));
    assert.equal(result.audience, audience);
  });
});

describe("what comes back", () => {
  it("every field AssumeRoleWithSAML needs", async () => {
    const attributes = [
      ...responseInput().attributes,
      { name: AWS_ATTRIBUTE.sourceIdentity, values: ["carol"] },
      { name: `${AWS_ATTRIBUTE.principalTagPrefix}CostCenter`, values: ["12345"] },
      { name: AWS_ATTRIBUTE.transitiveTagKeys, values: ["CostCenter"] },
    ];
    const sessionNotOnOrAfter = new Date(NOW.getTime() + 2 * 3_600_000);
    const xml = signedResponse(k.idp, { attributes, sessionNotOnOrAfter });
    const assertionId = /<Assertion [^>]*?ID="([^"]+)"/.exec(xml)![1]!;
    const result = await accepted(request(xml, trust()));
    const nameQualifier = nameQualifierOf(IDP_ENTITY, "111122223333", "ADFS");
    assert.deepEqual(result, {
      assertionId,
      issuer: IDP_ENTITY,
      subject: "CORP\\carol",
      subjectType: "persistent",
      recipient: AWS_SIGNIN,
      audience: "urn:amazon:webservices",
      roleArn: roleArn("ADFS-Auditors"),
      principalArn: ADFS,
      roleSessionName: "carol@corp.example.test",
      sessionDurationSeconds: 3600,
      sessionNotOnOrAfter,
      sourceIdentity: "carol",
      principalTags: { department: "Audit", CostCenter: "12345" },
      transitiveTagKeys: ["CostCenter"],
      conditionKeys: {
        "SAML:aud": AWS_SIGNIN,
        "SAML:iss": IDP_ENTITY,
        "SAML:sub": "CORP\\carol",
        "SAML:sub_type": "persistent",
        "SAML:namequalifier": nameQualifier,
        "SAML:doc": "111122223333/ADFS",
      },
      nameQualifier,
      // 300 s lifetime + 300 s skew: the bearer confirmation ends first (with the 5-minute rule).
      validUntil: new Date(NOW.getTime() + 600_000),
      signatureChecks: 2,
    });
  });

  it("no SessionDuration, SessionNotOnOrAfter or SourceIdentity: the fields are absent, not undefined", async () => {
    const attributes = responseInput().attributes.filter((a) => a.name !== AWS_ATTRIBUTE.sessionDuration);
    const result = await accepted(request(signedResponse(k.idp, { attributes }), trust()));
    assert.ok(!("sessionDurationSeconds" in result) && !("sourceIdentity" in result));
  });

  for (const [format, subjectType] of [
    [NAMEID_FORMAT.transient, "transient"],
    [NAMEID_FORMAT.entity, "entity"],
    [NAMEID_FORMAT.emailAddress, NAMEID_FORMAT.emailAddress],
    [NAMEID_FORMAT.unspecified, NAMEID_FORMAT.unspecified],
  ] as const) {
    it(`NameID Format ${format} gives SubjectType ${subjectType}`, async () => {
      const result = await accepted(request(signedResponse(k.idp, { nameId: { value: "carol", format } }), trust()));
      assert.equal(result.subjectType, subjectType);
      assert.equal(result.conditionKeys["SAML:sub_type"], subjectType);
    });
  }

  it("NameQualifier is AWS's documented formula (the value pins the concatenation order)", () => {
    // BASE64 ( SHA1 ( "https://example.com/saml" + "123456789012" + "/MySAMLIdP" ) ), STS API reference.
    assert.equal(nameQualifierOf("https://example.com/saml", "123456789012", "MySAMLIdP"), "1uAJanUnBc2XeUkHURMht+xam2c=");
  });
});
