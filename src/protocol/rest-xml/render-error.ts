// S3's (REST-XML) error body: an XML declaration, then
//   <Error><Code/><Message/><RequestId/><HostId/></Error>
// with the status of the AwsError and Content-Type application/xml.
import { escapeXml } from "../query/xml-writer.ts";
import type { AwsError } from "../errors/aws-error.ts";

export const REST_XML_CONTENT_TYPE = "application/xml";

export function renderRestXmlError(error: AwsError, requestId: string, hostId = ""): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error>` +
    `<Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `<HostId>${escapeXml(hostId)}</HostId>` +
    `</Error>`
  );
}
