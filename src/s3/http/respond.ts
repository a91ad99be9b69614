// Writes S3's answers: the request id headers S3 always sends, XML (or JSON) bodies with their
// length, object bodies streamed with backpressure, and errors as S3's XML <Error> document (no
// body at all for HEAD, as S3 answers). A failure after the headers went out can only cut the
// connection, so the client sees a short body, never a wrong one.
import type { ServerResponse } from "node:http";
import { renderRestXmlError, REST_XML_CONTENT_TYPE, type AwsError } from "../../protocol/index.ts";
import type { S3Response } from "../context.ts";
import { isS3Error } from "../errors.ts";

export interface Answering {
  requestId: string;
  hostId: string;
  head: boolean;
  /** The request's path, for the error body's <Resource>. */
  resource: string;
  /** Close the connection after answering (a request body left unread). */
  close?: boolean;
}

function baseHeaders(answering: Answering): Record<string, string> {
  const headers: Record<string, string> = { "x-amz-request-id": answering.requestId, "x-amz-id-2": answering.hostId, Server: "AmazonS3" };
  if (answering.close) headers["Connection"] = "close";
  return headers;
}

/** Resolves when the response may take more, rejects when the connection went away. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      res.off("close", onClose);
      resolve();
    };
    const onClose = () => {
      res.off("drain", onDrain);
      reject(new Error("the client went away"));
    };
    res.once("drain", onDrain);
    res.once("close", onClose);
  });
}

export async function sendResponse(res: ServerResponse, response: S3Response, answering: Answering): Promise<void> {
  const status = response.status ?? 200;
  const headers: Record<string, string | number> = { ...baseHeaders(answering), ...(response.headers ?? {}) };
  if (response.stream) {
    headers["Content-Length"] = response.stream.length;
    res.writeHead(status, headers);
    if (answering.head) {
      res.end();
      return;
    }
    try {
      for await (const chunk of response.stream.source) {
        if (!res.write(chunk)) await drained(res);
      }
      res.end();
    } catch (error) {
      res.destroy();
      throw error;
    }
    return;
  }
  if (response.body !== undefined) {
    // A string goes out in one write with the headers (a Buffer would take a second).
    headers["Content-Type"] = response.contentType ?? REST_XML_CONTENT_TYPE;
    headers["Content-Length"] = Buffer.byteLength(response.body, "utf8");
    res.writeHead(status, headers);
    if (answering.head) res.end();
    else res.end(response.body, "utf8");
    return;
  }
  if (status !== 204 && status !== 304 && headers["Content-Length"] === undefined) headers["Content-Length"] = 0;
  res.writeHead(status, headers);
  res.end();
}

export function renderS3Error(error: AwsError, answering: Answering): string {
  return renderRestXmlError(error, answering.requestId, answering.hostId, { fields: isS3Error(error) ? error.fields : [], resource: answering.resource });
}

export function sendError(res: ServerResponse, error: AwsError, answering: Answering): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string | number> = { ...baseHeaders(answering), ...(isS3Error(error) ? error.headers : {}) };
  if (answering.head) {
    res.writeHead(error.status, headers);
    res.end();
    return;
  }
  const body = renderS3Error(error, answering);
  res.writeHead(error.status, { ...headers, "Content-Type": REST_XML_CONTENT_TYPE, "Content-Length": Buffer.byteLength(body, "utf8") });
  res.end(body, "utf8");
}
