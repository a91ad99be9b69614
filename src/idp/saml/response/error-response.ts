// buildSamlErrorResponse: a signed samlp:Response with no assertion, carrying a top-level status
// (Requester, Responder, VersionMismatch), an optional second-level status and a StatusMessage
// (SAML core §3.2.2.1-§3.2.2.3).
import { element, type XmlSigner } from "../../../xml/index.ts";
import { randomXmlId } from "../../../crypto/index.ts";
import { SAMLP, SUB_STATUS, TOP_STATUS } from "../constants.ts";
import { responseXml } from "./envelope.ts";
import { requireDate, requireText } from "./checks.ts";
import type { SamlErrorResponseInput } from "./types.ts";

export function buildSamlErrorResponse(input: SamlErrorResponseInput, signer: XmlSigner): string {
  requireText(input.issuer, "issuer");
  requireText(input.destination, "destination");
  requireDate(input.now, "now");
  const top = TOP_STATUS[input.statusCode];
  if (!top || input.statusCode === ("Success" as string)) throw new TypeError(`statusCode ${input.statusCode} is not an error status`);
  const sub = input.subStatusCode === undefined ? undefined : SUB_STATUS[input.subStatusCode];
  if (input.subStatusCode !== undefined && !sub) throw new TypeError(`unknown subStatusCode ${input.subStatusCode}`);
  const status = element(SAMLP, "Status", null, [
    element(SAMLP, "StatusCode", { Value: top }, [sub && element(SAMLP, "StatusCode", { Value: sub })]),
    input.message !== undefined && element(SAMLP, "StatusMessage", null, [input.message]),
  ]);
  return responseXml(
    { id: randomXmlId(), issuer: input.issuer, destination: input.destination, inResponseTo: input.inResponseTo, now: input.now },
    status,
    undefined,
    signer,
  );
}
