// The named checks one by one, at their edges: AWS's limits and messages, the Role pair grammar,
// session tags, the context-key table, instants, the replay cache, and the pipeline's own guards.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { AWS_ATTRIBUTE } from "../../src/idp/index.ts";
import { parseXml, childElements } from "../../src/xml/index.ts";
import { MemoryReplayCache, isStsSamlError, rolePair, validateSamlAssertion, type StsSamlError } from "../../src/sts/saml/index.ts";
import { checkRoleSessionName } from "../../src/sts/saml/checks/role-session-name.ts";
import { checkSourceIdentity } from "../../src/sts/saml/checks/source-identity.ts";
import { checkSessionDuration } from "../../src/sts/saml/checks/session-duration.ts";
import { checkSessionTags } from "../../src/sts/saml/checks/session-tags.ts";
import { checkRequestArns } from "../../src/sts/saml/checks/request-arns.ts";
import { mapConditionKeys } from "../../src/sts/saml/checks/condition-keys.ts";
import { decodeSamlResponse } from "../../src/sts/saml/checks/decode-response.ts";
import { instantOf, standaloneXml } from "../../src/sts/saml/saml-xml.ts";
import { buildSamlErrorResponse } from "../../src/idp/index.ts";
import { keys, provider, request, ADFS, IDP_ENTITY, NOW, SAML_NS, AWS_SIGNIN } from "../attacks/saml/support.ts";

const attrs = (entries: Record<string, string[]>) => new Map(Object.entries(entries));
const TAG = AWS_ATTRIBUTE.principalTagPrefix;

function refusedBy(fn: () => unknown, code: string, message?: string | RegExp): StsSamlError {
  try {
    fn();
  } catch (error) {
    assert.ok(isStsSamlError(error), String(error));
    assert.equal(error.code, code);
    if (typeof message === "string") assert.equal(error.message, message);
    else if (message) assert.match(error.message, message);
    return error;
  }
  assert.fail("not refused");
}

describe("Role attribute pairs", () => {
  it("reads either order and tolerates spaces around the comma", () => {
    const role = "arn:aws:iam::111122223333:role/ADFS-Auditors";
    assert.deepEqual(rolePair(`${role},${ADFS}`), { roleArn: role, principalArn: ADFS });
    assert.deepEqual(rolePair(`${ADFS}, ${role}`), { roleArn: role, principalArn: ADFS });
  });
  it("refuses anything but exactly one role and one provider", () => {
    const role = "arn:aws:iam::111122223333:role/A";
    for (const value of [role, `${role},${role}`, `${ADFS},${ADFS}`, `${role},${ADFS},${role}`, "", `${role};${ADFS}`]) assert.equal(rolePair(value), undefined, value);
  });
});

describe("RoleSessionName, SourceIdentity, SessionDuration", () => {
  const name = AWS_ATTRIBUTE.roleSessionName;
  it("RoleSessionName: AWS's messages for missing and malformed", () => {
    refusedBy(() => checkRoleSessionName(attrs({})), "InvalidIdentityToken", "RoleSessionName is required in AuthnResponse");
    for (const bad of ["a", "x".repeat(65), "John Doe", "carol/x", "carol:x", "é"]) {
      refusedBy(() => checkRoleSessionName(attrs({ [name]: [bad] })), "InvalidIdentityToken", "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}");
    }
    refusedBy(() => checkRoleSessionName(attrs({ [name]: ["a1", "b2"] })), "InvalidIdentityToken");
    for (const good of ["ab", "x".repeat(64), "carol@corp.example.test", "a_b+c=d,e.f@g-h"]) assert.equal(checkRoleSessionName(attrs({ [name]: [good] })), good);
  });
  it("SourceIdentity: optional; same alphabet, no aws: prefix", () => {
    assert.equal(checkSourceIdentity(attrs({})), undefined);
    assert.equal(checkSourceIdentity(attrs({ [AWS_ATTRIBUTE.sourceIdentity]: ["DiegoRamirez"] })), "DiegoRamirez");
    for (const bad of ["aws:carol", "a", "x".repeat(65), "two words"]) {
      refusedBy(() => checkSourceIdentity(attrs({ [AWS_ATTRIBUTE.sourceIdentity]: [bad] })), "InvalidIdentityToken", 'Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"');
    }
  });
  it("SessionDuration: optional; an integer from 900 to 43200", () => {
    const d = AWS_ATTRIBUTE.sessionDuration;
    assert.equal(checkSessionDuration(attrs({})), undefined);
    assert.equal(checkSessionDuration(attrs({ [d]: ["900"] })), 900);
    assert.equal(checkSessionDuration(attrs({ [d]: ["43200"] })), 43200);
    for (const bad of ["899", "43201", "3600.5", "1e3", "", "abc", "-900"]) refusedBy(() => checkSessionDuration(attrs({ [d]: [bad] })), "InvalidIdentityToken");
    refusedBy(() => checkSessionDuration(attrs({ [d]: ["900", "1800"] })), "InvalidIdentityToken");
  });
});

describe("session tags", () => {
  const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${TAG}k${i}`, [`v${i}`]]));
  it("at most 50, one value each", () => {
    assert.equal(Object.keys(checkSessionTags(attrs(tags(50))).principalTags).length, 50);
    refusedBy(() => checkSessionTags(attrs(tags(51))), "InvalidIdentityToken", /at most 50/);
    refusedBy(() => checkSessionTags(attrs({ [`${TAG}a`]: ["x", "y"] })), "InvalidIdentityToken", /exactly one value/);
  });
  it("keys 1-128 and values 0-256 characters of IAM's tag alphabet, no aws: prefix", () => {
    assert.deepEqual(checkSessionTags(attrs({ [`${TAG}${"k".repeat(128)}`]: ["v".repeat(256)], [`${TAG}Équipe :/=+-@_.`]: [""] })).principalTags, {
      ["k".repeat(128)]: "v".repeat(256),
      "Équipe :/=+-@_.": "",
    });
    for (const bad of [{ [`${TAG}${"k".repeat(129)}`]: ["v"] }, { [`${TAG}a`]: ["v".repeat(257)] }, { [TAG]: ["v"] }, { [`${TAG}aws:x`]: ["v"] }, { [`${TAG}a*`]: ["v"] }, { [`${TAG}a`]: ["<"] }]) {
      refusedBy(() => checkSessionTags(attrs(bad)), "InvalidIdentityToken");
    }
  });
  it("keys differing only in case are one key; TransitiveTagKeys must name tags", () => {
    refusedBy(() => checkSessionTags(attrs({ [`${TAG}Project`]: ["a"], [`${TAG}project`]: ["b"] })), "InvalidIdentityToken", /unique/);
    assert.deepEqual(checkSessionTags(attrs({ [`${TAG}Project`]: ["a"], [AWS_ATTRIBUTE.transitiveTagKeys]: ["project", "project"] })).transitiveTagKeys, ["project"]);
    refusedBy(() => checkSessionTags(attrs({ [`${TAG}Project`]: ["a"], [AWS_ATTRIBUTE.transitiveTagKeys]: ["CostCenter"] })), "InvalidIdentityToken", /TransitiveTagKeys/);
  });
});

describe("condition keys", () => {
  const base = { recipient: AWS_SIGNIN, issuer: IDP_ENTITY, subject: "carol", subjectType: "persistent", provider: provider("unused") };
  it("maps AWS's attribute tables, lists as lists, strings as their first value; the first claim wins", () => {
    const keys = mapConditionKeys({
      ...base,
      attributes: attrs({
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.7": ["urn:e1", "urn:e2"],
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.5": ["staff", "ignored"],
        "http://schemas.xmlsoap.org/claims/CommonName": ["Carol C."],
        "2.5.4.3": ["second claim for commonName"],
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": ["carol@corp.example.test"],
        "0.9.2342.19200300100.1.1": ["carol"],
        "urn:oid:2.5.4.3": ["Carol"],
        "urn:unmapped": ["x"],
      }),
    });
    assert.deepEqual(keys["SAML:edupersonentitlement"], ["urn:e1", "urn:e2"]);
    assert.equal(keys["SAML:edupersonprimaryaffiliation"], "staff");
    assert.equal(keys["SAML:commonName"], "Carol C.");
    assert.equal(keys["SAML:mail"], "carol@corp.example.test");
    assert.equal(keys["SAML:uid"], "carol");
    assert.deepEqual(keys["SAML:cn"], ["Carol"]);
    assert.equal(Object.keys(keys).length, 6 + 6);
  });
});

describe("request ARNs", () => {
  const trust = provider("unused");
  it("refuses malformed ARNs with ValidationError", () => {
    refusedBy(() => checkRequestArns("arn:aws:iam::111122223333:user/x", ADFS, trust), "ValidationError", "Role ARN is invalid");
    refusedBy(() => checkRequestArns("arn:aws:iam::111122223333:role/x", "arn:aws:iam::111122223333:oidc-provider/x", trust), "ValidationError", "Principal ARN is invalid");
  });
  it("accepts a role with a path", () => {
    checkRequestArns("arn:aws:iam::111122223333:role/federa/lab/ADFS-Auditors", ADFS, trust);
  });
});

describe("instants and standalone copies", () => {
  it("an xs:dateTime needs a zone (no local time), fractions and offsets are fine", () => {
    assert.equal(instantOf("2026-03-02T10:00:00Z"), Date.parse("2026-03-02T10:00:00Z"));
    assert.equal(instantOf("2026-03-02T11:00:00.123+01:00"), Date.parse("2026-03-02T10:00:00.123Z"));
    for (const bad of ["2026-03-02T10:00:00", "2026-03-02", "yesterday", "", "2026-03-02T10:00:00Z "]) assert.ok(Number.isNaN(instantOf(bad)), bad);
  });
  it("a nested element written out carries the namespaces it inherits, the nearest declaration winning", () => {
    const doc = parseXml(`<p:r xmlns:p="urn:p" xmlns:s="urn:outer" xmlns="urn:d"><s:a xmlns:s="urn:s" x="1"><b>t</b></s:a></p:r>`);
    const nested = childElements(doc.documentElement!)[0]!;
    const copy = parseXml(standaloneXml(nested)).documentElement!;
    assert.equal(copy.namespaceURI, "urn:s");
    assert.equal(copy.getAttribute("xmlns:p"), "urn:p");
    assert.equal(childElements(copy)[0]!.namespaceURI, "urn:d");
  });
});

describe("MemoryReplayCache", () => {
  it("records once, answers seen while remembered, forgets after `until`", () => {
    const cache = new MemoryReplayCache();
    const until = new Date(NOW.getTime() + 60_000);
    assert.equal(cache.seen("id", until, NOW), false);
    assert.equal(cache.seen("id", until, new Date(NOW.getTime() + 59_999)), true);
    assert.equal(cache.seen("id", new Date(NOW.getTime() + 200_000), until), false, "expired, so recorded anew");
    assert.equal(cache.seen("other", until, NOW), false);
  });
});

describe("the pipeline", () => {
  it("an IdP error response (signed, Status Responder): IDPRejectedClaim, 403", async () => {
    const k = await keys();
    const xml = buildSamlErrorResponse({ issuer: IDP_ENTITY, destination: AWS_SIGNIN, statusCode: "Responder", subStatusCode: "AuthnFailed", now: NOW }, k.idp);
    await assert.rejects(validateSamlAssertion(request(xml, provider(k.idpCertificatePem)), { evaluateTrustPolicy: () => ({ allowed: true }) }), (error: unknown) => {
      assert.ok(isStsSamlError(error));
      assert.deepEqual([error.code, error.status, error.reason, error.expose], ["IDPRejectedClaim", 403, "status", true]);
      return true;
    });
  });
  it("a missing trust-policy hook or clock is the caller's mistake: TypeError", async () => {
    const input = request("<x/>", provider("unused"));
    await assert.rejects(validateSamlAssertion(input, {} as never), TypeError);
    await assert.rejects(validateSamlAssertion({ ...input, now: new Date(Number.NaN) }, { evaluateTrustPolicy: () => ({ allowed: true }) }), TypeError);
  });
  it("refusal messages never quote the assertion", async () => {
    const k = await keys();
    const secret = "s3cr3t-marker";
    const input = request(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" Version="2.0" ID="${secret}"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><Assertion xmlns="${SAML_NS}" Version="2.0" ID="_a"><Issuer>${secret}</Issuer></Assertion></samlp:Response>`, provider(k.idpCertificatePem));
    await assert.rejects(validateSamlAssertion(input, { evaluateTrustPolicy: () => ({ allowed: true }) }), (error: unknown) => {
      assert.ok(isStsSamlError(error) && !error.message.includes(secret) && !JSON.stringify(error.detail).includes(secret));
      return true;
    });
  });
});

describe("SAMLAssertion decoding", () => {
  const b64 = (bytes: number[] | string) => (typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes)).toString("base64");
  const refusal = (text: string) => {
    try {
      decodeSamlResponse(text);
    } catch (error) {
      return isStsSamlError(error) ? `${error.code}: ${error.message}` : String(error);
    }
    return "accepted";
  };

  it("strict base64, line breaks and spaces tolerated; UTF-8 kept, a byte order mark dropped", () => {
    const xml = "<samlp:Response>é ✓ 𝄞</samlp:Response>";
    assert.equal(decodeSamlResponse(b64(xml)), xml);
    assert.equal(decodeSamlResponse(b64(xml).replace(/(.{8})/g, "$1\r\n ")), xml);
    assert.equal(decodeSamlResponse(b64([0xef, 0xbb, 0xbf, ...Buffer.from(xml)])), xml);
    for (const bad of ["", "abc", "ab!d", "ab-_", "ab=d", "abc==", `${b64(xml)}AAA=`.replace(/=+$/, "===")]) {
      assert.equal(refusal(bad), "InvalidIdentityToken: Invalid SAML response", JSON.stringify(bad));
    }
  });

  it("bytes that are not UTF-8 are refused, as a fatal decoder refuses them", () => {
    const samples = [
      [0x3c, 0xc0, 0xaf, 0x3e], // overlong '/'
      [0x3c, 0x80, 0x3e], // lone continuation byte
      [0x3c, 0xed, 0xa0, 0x80, 0x3e], // a surrogate (U+D800)
      [0x3c, 0xf4, 0x90, 0x80, 0x80, 0x3e], // above U+10FFFF
      [0x3c, 0xe2, 0x82, 0x3e], // truncated sequence
      [0x3c, 0xff, 0x3e],
      [0x3c, 0xc3, 0xa9, 0x3e], // é: fine
    ];
    const fatal = new TextDecoder("utf-8", { fatal: true });
    for (const bytes of samples) {
      let expected: string;
      try {
        expected = fatal.decode(Buffer.from(bytes));
      } catch {
        expected = "refused";
      }
      const got = refusal(b64(bytes)) === "accepted" ? decodeSamlResponse(b64(bytes)) : "refused";
      assert.equal(got, expected, bytes.map((b) => b.toString(16)).join(" "));
    }
    assert.equal(refusal(b64([0x3c, 0xc0, 0xaf, 0x3e])), "InvalidIdentityToken: Invalid SAML response");
  });
});
