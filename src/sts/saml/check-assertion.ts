// The part of AssumeRoleWithSAML's validation that needs nothing but the request and the SAML
// provider's trust: the request's size and ARNs, the decoding, one hardened parse, the status and
// the response's shape, the claims on the assertion as received, the signatures, and the claims
// again on the signed bytes (only those are used). A pure function of its input (the clock is
// `input.now`), so it runs as well on a thread of its own (checker/) as here.
import { withSignatureChecks } from "./errors.ts";
import { checkClaims, type AssertionClaims } from "./claims.ts";
import type { SamlCheckInput } from "./types.ts";
import { checkRequestSize } from "./checks/request-size.ts";
import { checkRequestArns } from "./checks/request-arns.ts";
import { decodeSamlResponse } from "./checks/decode-response.ts";
import { parseSamlResponse } from "./checks/parse-response.ts";
import { checkStatus } from "./checks/status.ts";
import { checkResponseShape } from "./checks/response-shape.ts";
import { verifySignatures } from "./checks/signatures.ts";


export interface CheckedAssertion {
  /** The claims read from the signed bytes. */
  claims: AssertionClaims;
  /** How many XML signature verifications ran (1 or 2). */
  signatureChecks: number;
}

/** Runs the checks; a refusal is an StsSamlError whose signatureChecks says how many ran. */
export function checkAssertion(input: SamlCheckInput, skewMs: number): CheckedAssertion {
  let signatureChecks = 0;
  try {
    const samlAssertion = checkRequestSize(input.samlAssertion);
    checkRequestArns(input.roleArn, input.principalArn, input.provider);
    const xml = decodeSamlResponse(samlAssertion);
    const document = parseSamlResponse(xml);
    checkStatus(document.documentElement!);
    const shape = checkResponseShape(document);
    checkClaims(shape.response, shape.assertion, input, skewMs); // refuses early; grants nothing

    const signed = verifySignatures(shape, xml, input.provider.certificates);
    signatureChecks = signed.signatureChecks;
    return { claims: checkClaims(signed.response, signed.assertion, input, skewMs), signatureChecks };
  } catch (error) {
    throw withSignatureChecks(error, signatureChecks);
  }
}

/** Runs checkAssertion somewhere (here, or on a checker thread). */
export type AssertionCheck = (input: SamlCheckInput, skewMs: number) => CheckedAssertion | Promise<CheckedAssertion>;

export interface AssertionCheckDeps {
  /** Where the checks up to the signed claims run (default: checkAssertion, here). */
  checkAssertion?: AssertionCheck | undefined;
}
