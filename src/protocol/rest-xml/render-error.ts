// S3's (REST-XML) error body: an XML declaration, then
//   <Error><Code/><Message/>[error-specific fields][<Resource/>]<RequestId/><HostId/></Error>
// with the status of the AwsError and Content-Type application/xml.
import { escapeXml } from "../query/xml-writer.ts";
import type { AwsError } from "../errors/aws-error.ts";

export const REST_XML_CONTENT_TYPE = "application/xml";

export interface RestXmlErrorExtras {
  /** Error-specific elements, in order (BucketName, Key, ArgumentName…). */
  fields?: readonly (readonly [string, string])[];
  /** The request's path, as S3 writes it. */
  resource?: string;
}

export function renderRestXmlError(error: AwsError, requestId: string, hostId = "", extras: RestXmlErrorExtras = {}): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>` +
    `<Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>` +
    (extras.fields ?? []).map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join("") +
    (extras.resource !== undefined ? `<Resource>${escapeXml(extras.resource)}</Resource>` : "") +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `<HostId>${escapeXml(hostId)}</HostId>` +
    `</Error>`
  );
}
