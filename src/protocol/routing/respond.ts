// Answers in the service's protocol: results and errors as Query XML or AWS JSON 1.1, with the
// error's status. Unknown failures become InternalFailure (see ../errors/to-aws-error.ts).
import type { ServerResponse } from "node:http";
import { send } from "../http/send.ts";
import { QUERY_CONTENT_TYPE, renderQueryError, renderQueryResponse } from "../query/render.ts";
import type { XmlValue } from "../query/xml-writer.ts";
import { JSON_CONTENT_TYPE, renderJsonError, renderJsonResponse } from "../json/codec.ts";
import type { AwsError } from "../errors/aws-error.ts";

/** How to answer, once (or before) the service is known. */
export type Answering = { protocol: "query"; xmlns: string | undefined } | { protocol: "json" };

export function sendQueryResult(res: ServerResponse, action: string, xmlns: string, result: XmlValue, requestId: string): void {
  send(res, 200, QUERY_CONTENT_TYPE, renderQueryResponse(action, xmlns, result, requestId), requestId);
}

export function sendJsonResult(res: ServerResponse, result: unknown, requestId: string): void {
  send(res, 200, JSON_CONTENT_TYPE, renderJsonResponse(result), requestId);
}

export function sendError(res: ServerResponse, answering: Answering, error: AwsError, requestId: string): void {
  if (answering.protocol === "json") send(res, error.status, JSON_CONTENT_TYPE, renderJsonError(error), requestId);
  else send(res, error.status, QUERY_CONTENT_TYPE, renderQueryError(error, requestId, answering.xmlns), requestId);
}
