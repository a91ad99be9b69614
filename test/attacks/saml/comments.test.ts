// Comments injected into signed text (the 2018 class of bugs: CVE-2017-11427 and friends). The
// signatures stay valid, since canonical XML drops comments; what matters is that the value read is
// the whole text, never the part before the comment: the attack then fails on its own terms.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { TrustPolicyRequest } from "../../../src/sts/saml/index.ts";
import { COMMENT_ATTACKS } from "./fixtures.ts";
import { accepted, assertRefused, keys, provider, request, roleArn, warmUp, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

describe("comment injection", () => {
  it("comment-in-name-id: SAML:sub is the whole NameID, so a trust policy for admin@corp.example.test refuses", async () => {
    const xml = COMMENT_ATTACKS["comment-in-name-id"](k);
    assert.ok(xml.includes("admin@corp.example.test<!---->.evil.example"));
    const seen: TrustPolicyRequest[] = [];
    // A role trusting only admin@corp.example.test (StringEquals SAML:sub).
    const adminOnly = {
      evaluateTrustPolicy: (req: TrustPolicyRequest) => {
        seen.push(req);
        return { allowed: req.conditionKeys["SAML:sub"] === "admin@corp.example.test" } as const;
      },
    };
    const input = request(xml, provider(k.idpCertificatePem));
    await assertRefused(input, { code: "AccessDenied", reason: "trust-policy", signatureChecks: 2 }, adminOnly);
    assert.equal(seen[0]!.conditionKeys["SAML:sub"], "admin@corp.example.test.evil.example");
    assert.equal(seen[0]!.conditionKeys["SAML:sub_type"], "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
  });

  it("comment-in-name-id: accepted by a permissive trust policy, the subject read whole", async () => {
    const result = await accepted(request(COMMENT_ATTACKS["comment-in-name-id"](k), provider(k.idpCertificatePem)));
    assert.equal(result.subject, "admin@corp.example.test.evil.example");
  });

  it("comment-in-role-arn: the grant is ADFS-KeyAdmins.evil, so ADFS-KeyAdmins is AccessDenied", async () => {
    const xml = COMMENT_ATTACKS["comment-in-role-arn"](k);
    assert.ok(xml.includes("role/ADFS-KeyAdmins<!---->.evil"));
    const error = await assertRefused(request(xml, provider(k.idpCertificatePem), { roleArn: roleArn("ADFS-KeyAdmins") }), {
      code: "AccessDenied",
      reason: "role-pair",
      signatureChecks: 0, // the claim checks already refuse on the bytes as received
    });
    assert.equal(error.message, "Not authorized to perform sts:AssumeRoleWithSAML");
    assert.equal(error.status, 403);
  });

  it("comment-in-role-arn: the role actually granted, read whole, is the one accepted", async () => {
    const result = await accepted(request(COMMENT_ATTACKS["comment-in-role-arn"](k), provider(k.idpCertificatePem), { roleArn: roleArn("ADFS-KeyAdmins.evil") }));
    assert.equal(result.roleArn, roleArn("ADFS-KeyAdmins.evil"));
  });
});
