// python3-saml (OneLogin) as a strict SP: strict=True, wantAssertionsSigned and wantMessagesSigned,
// schema validation, SP entity ID = audience, ACS = recipient. is_valid checks time against the
// real clock, so these responses are built with the real current time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildSamlResponse, buildSamlErrorResponse } from "../../src/idp/saml/index.ts";
import { onelogin } from "../support/saml-verify.ts";
import { ACS, AWKWARD, IDP, SP, responseInput, testSigner } from "./helpers.ts";

interface Validation {
  valid: boolean;
  error: string | null;
  nameid?: string;
  nameid_format?: string;
  attributes?: Record<string, string[]>;
  session_index?: string;
  issuers?: string[];
  audiences?: string[];
}

function validate(xml: string, certificatePem: string, extra: Record<string, unknown> = {}): Validation {
  return onelogin<Validation>("validate_response", {
    idp_entity_id: IDP,
    idp_cert: certificatePem,
    sp_entity_id: SP,
    acs_url: ACS,
    response_b64: Buffer.from(xml).toString("base64"),
    request_id: "_request-1",
    ...extra,
  });
}

test("a strict python3-saml SP accepts the response and reads every value", async () => {
  const { signer, certificatePem } = await testSigner();
  const input = responseInput(new Date());
  const result = validate(buildSamlResponse(input, signer), certificatePem);
  assert.equal(result.error, null);
  assert.equal(result.valid, true);
  assert.equal(result.nameid, "CORP\\alice");
  assert.equal(result.nameid_format, "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
  assert.equal(result.session_index, "_session-1");
  assert.deepEqual(result.issuers, [IDP]);
  assert.deepEqual(result.audiences, [SP]);
  assert.deepEqual(result.attributes, Object.fromEntries(input.attributes.map((a) => [a.name, a.values])));
});

test("awkward characters reach the SP unchanged", async () => {
  const { signer, certificatePem } = await testSigner();
  const input = responseInput(new Date(), {
    nameId: { value: AWKWARD, format: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" },
    attributes: [{ name: "urn:federa:test:awkward", values: [AWKWARD, "a\rb", "&amp;"] }],
  });
  const result = validate(buildSamlResponse(input, signer), certificatePem);
  assert.equal(result.error, null);
  assert.equal(result.nameid, AWKWARD);
  // (python3-saml strips each value, so none starts or ends with white space here)
  assert.deepEqual(result.attributes, { "urn:federa:test:awkward": [AWKWARD, "a\rb", "&amp;"] });
});

test("the SP refuses an unsigned Response when it wants messages signed, and takes it when it does not", async () => {
  const { signer, certificatePem } = await testSigner();
  const xml = buildSamlResponse(responseInput(new Date(), { signResponse: false }), signer);
  const strict = validate(xml, certificatePem);
  assert.equal(strict.valid, false);
  assert.equal(strict.error, "The Message of the Response is not signed and the SP require it");
  const relaxed = validate(xml, certificatePem, { want_messages_signed: false });
  assert.equal(relaxed.error, null);
  assert.equal(relaxed.valid, true);
});

test("the SP refuses a tampered response, another IdP key, an expired assertion, another audience", async () => {
  const { signer, certificatePem } = await testSigner();
  const other = await testSigner(1);
  const xml = buildSamlResponse(responseInput(new Date()), signer);

  const tampered = validate(xml.replace("alice@corp", "mallory@co"), certificatePem);
  assert.equal(tampered.valid, false);
  assert.equal(tampered.error, "Signature validation failed. SAML Response rejected");

  const wrongKey = validate(xml, other.certificatePem);
  assert.equal(wrongKey.valid, false);
  assert.equal(wrongKey.error, "Signature validation failed. SAML Response rejected");

  const expired = validate(buildSamlResponse(responseInput(new Date(Date.now() - 3600_000)), signer), certificatePem);
  assert.equal(expired.valid, false);
  assert.match(expired.error ?? "", /expired|NotOnOrAfter|no longer valid/i);

  const otherAudience = validate(buildSamlResponse(responseInput(new Date(), { audience: "urn:someone-else" }), signer), certificatePem);
  assert.equal(otherAudience.valid, false);
  assert.match(otherAudience.error ?? "", /audience/i);
});

test("an error response is read by the SP as a failed status, with its message or sub-status", async () => {
  // python3-saml stops at the status before checking signatures; response-xmlsec checks those.
  const { signer, certificatePem } = await testSigner();
  const base = { issuer: IDP, destination: ACS, inResponseTo: "_request-1", now: new Date() } as const;
  const withMessage = buildSamlErrorResponse({ ...base, statusCode: "Requester", subStatusCode: "RequestDenied", message: "No AWS role" }, signer);
  assert.deepEqual(validate(withMessage, certificatePem), {
    valid: false,
    error: "The status code of the Response was not Success, was Requester -> No AWS role",
  });
  const withSubStatus = buildSamlErrorResponse({ ...base, statusCode: "Responder", subStatusCode: "NoPassive" }, signer);
  assert.deepEqual(validate(withSubStatus, certificatePem), {
    valid: false,
    error: "The status code of the Response was not Success, was Responder -> urn:oasis:names:tc:SAML:2.0:status:NoPassive",
  });
});

test("responses and error responses are valid against the SAML 2.0 protocol schema", async () => {
  const { signer } = await testSigner();
  const now = new Date();
  const documents = [
    buildSamlResponse(responseInput(now), signer),
    buildSamlResponse(responseInput(now, { signResponse: false, inResponseTo: undefined, consent: "urn:oasis:names:tc:SAML:2.0:consent:unspecified" }), signer),
    buildSamlResponse(responseInput(now, { attributes: [] }), signer),
    buildSamlErrorResponse({ issuer: IDP, destination: ACS, statusCode: "Requester", subStatusCode: "UnknownPrincipal", message: "x", now }, signer),
    buildSamlErrorResponse({ issuer: IDP, destination: ACS, statusCode: "VersionMismatch", now }, signer),
  ];
  for (const xml of documents) {
    assert.deepEqual(onelogin("validate_schema", { schema: "saml-schema-protocol-2.0.xsd", xml }), { valid: true, errors: [] });
  }
});
