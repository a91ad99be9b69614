// Query protocol answers: the result envelope
//   <{Action}Response xmlns="{ns}"><{Action}Result>…</{Action}Result>
//   <ResponseMetadata><RequestId>…</RequestId></ResponseMetadata></{Action}Response>
// (no Result element for operations without output), and the error envelope
//   <ErrorResponse xmlns="{ns}"><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>
import { escapeXml, writeContent, type XmlValue } from "./xml-writer.ts";
import type { AwsError } from "../errors/aws-error.ts";

export const QUERY_CONTENT_TYPE = "text/xml";

function xmlnsAttribute(xmlns: string | undefined): string {
  return xmlns === undefined ? "" : ` xmlns="${escapeXml(xmlns)}"`;
}

export function renderQueryResponse(action: string, xmlns: string, result: XmlValue, requestId: string): string {
  const out: string[] = [`<${action}Response${xmlnsAttribute(xmlns)}>`];
  if (result !== undefined && result !== null) {
    out.push(`<${action}Result>`);
    writeContent(out, result);
    out.push(`</${action}Result>`);
  }
  out.push("<ResponseMetadata><RequestId>", escapeXml(requestId), "</RequestId></ResponseMetadata>", `</${action}Response>`);
  return out.join("");
}

export function renderQueryError(error: AwsError, requestId: string, xmlns: string | undefined): string {
  return (
    `<ErrorResponse${xmlnsAttribute(xmlns)}><Error>` +
    `<Type>${error.senderFault ? "Sender" : "Receiver"}</Type>` +
    `<Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>` +
    `</Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}
