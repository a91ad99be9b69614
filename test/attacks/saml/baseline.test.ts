// The response every attack starts from is accepted: so each refusal in this suite is the attack's.
import { before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { accepted, keys, provider, request, roleArn, signedResponse, warmUp, ADFS, AWS_SIGNIN, type Keys } from "./support.ts";

let k: Keys;
before(async () => {
  k = await keys();
  await warmUp(k);
});

describe("baseline: federa's IdP response for carol", () => {
  it("is accepted for ADFS-Auditors with both signatures checked", async () => {
    const result = await accepted(request(signedResponse(k.idp), provider(k.idpCertificatePem)));
    assert.equal(result.signatureChecks, 2);
    assert.equal(result.roleArn, roleArn("ADFS-Auditors"));
    assert.equal(result.principalArn, ADFS);
    assert.equal(result.subject, "CORP\\carol");
    assert.equal(result.subjectType, "persistent");
    assert.equal(result.recipient, AWS_SIGNIN);
    assert.equal(result.audience, "urn:amazon:webservices");
    assert.equal(result.roleSessionName, "carol@corp.example.test");
    assert.deepEqual(result.principalTags, { department: "Audit" });
  });
});
