// The trust-policy hook, for the policy engine that plugs in there: it is called once, last but for
// the replay check, with the assertion's SAML:* condition keys and the actions the call needs; it
// is never reached when an earlier check refuses, and anything but an explicit allow refuses.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { AWS_ATTRIBUTE } from "../../../src/idp/index.ts";
import type { TrustPolicyRequest, TrustDecision } from "../../../src/sts/saml/index.ts";
import {
  accepted,
  assertRefused,
  keys,
  provider,
  refusal,
  request,
  responseInput,
  roleArn,
  signedResponse,
  warmUp,
  ADFS,
  AWS_SIGNIN,
  IDP_ENTITY,
  NOW,
  type Keys,
} from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

function recording(decision: TrustDecision = { allowed: true }) {
  const calls: TrustPolicyRequest[] = [];
  return { calls, deps: { evaluateTrustPolicy: (req: TrustPolicyRequest) => (calls.push(req), decision) } };
}

describe("trust-policy hook", () => {
  it("is called once with the assertion's condition keys, the actions and the request keys", async () => {
    const { calls, deps } = recording();
    const attributes = [
      ...responseInput().attributes,
      { name: AWS_ATTRIBUTE.sourceIdentity, values: ["carol"] },
      { name: AWS_ATTRIBUTE.transitiveTagKeys, values: ["department"] },
      { name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", values: ["staff", "member"] },
      { name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.6", values: ["carol@corp.example.test"] },
    ];
    const result = await accepted(request(signedResponse(k.idp, { attributes }), provider(k.idpCertificatePem)), deps);
    assert.equal(calls.length, 1);
    const nameQualifier = createHash("sha1").update(`${IDP_ENTITY}111122223333/ADFS`).digest("base64");
    assert.deepEqual(calls[0], {
      roleArn: roleArn("ADFS-Auditors"),
      principalArn: ADFS,
      actions: ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity"],
      conditionKeys: {
        "SAML:aud": AWS_SIGNIN,
        "SAML:iss": IDP_ENTITY,
        "SAML:sub": "CORP\\carol",
        "SAML:sub_type": "persistent",
        "SAML:namequalifier": nameQualifier,
        "SAML:doc": "111122223333/ADFS",
        "SAML:edupersonaffiliation": ["staff", "member"],
        "SAML:edupersonprincipalname": "carol@corp.example.test",
      },
      requestKeys: {
        "aws:FederatedProvider": ADFS,
        "aws:RequestTag/department": "Audit",
        "aws:TagKeys": ["department"],
        "sts:TransitiveTagKeys": ["department"],
        "sts:SourceIdentity": "carol",
      },
      now: NOW,
    });
    assert.deepEqual(result.conditionKeys, calls[0]!.conditionKeys);
    assert.equal(result.nameQualifier, nameQualifier);
  });

  it("is not called when an earlier check refuses", async () => {
    const { calls, deps } = recording();
    await refusal(request(signedResponse(k.idp), provider(k.idpCertificatePem), { roleArn: roleArn("ADFS-KeyAdmins") }), deps);
    await refusal(request(signedResponse(k.idp, { recipient: "https://sp.evil.example/acs" }), provider(k.idpCertificatePem)), deps);
    assert.equal(calls.length, 0);
  });

  it("a refusal of sts:TagSession names it", async () => {
    const { deps } = recording({ allowed: false, deniedAction: "sts:TagSession" });
    const error = await assertRefused(request(signedResponse(k.idp), provider(k.idpCertificatePem)), { code: "AccessDenied", reason: "trust-policy", signatureChecks: 2 }, deps);
    assert.equal(error.message, "Not authorized to perform sts:TagSession");
  });

  it("anything but an explicit allow refuses (fails closed)", async () => {
    for (const odd of [undefined, {}, { allowed: "yes" }, { allowed: 1 }]) {
      const deps = { evaluateTrustPolicy: () => odd as unknown as TrustDecision };
      await assertRefused(request(signedResponse(k.idp), provider(k.idpCertificatePem)), { code: "AccessDenied", reason: "trust-policy", signatureChecks: 2 }, deps);
    }
  });

  it("an asynchronous hook is awaited", async () => {
    const deps = { evaluateTrustPolicy: async () => ({ allowed: false }) as const };
    await assertRefused(request(signedResponse(k.idp), provider(k.idpCertificatePem)), { code: "AccessDenied", reason: "trust-policy", signatureChecks: 2 }, deps);
  });
});
