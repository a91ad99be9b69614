// The one place that decides what an unexpected error looks like when it leaves the process: a
// generic 500, with the error's code and name (never its data) in the log.
import type { NextFunction, Request, Response } from "express";
import { isFederaError, type Logger } from "../shared/index.ts";

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const status = typeof (error as { status?: unknown })?.status === "number" ? (error as { status: number }).status : 500;
    if (status >= 400 && status < 500 && (error as { type?: string })?.type) {
      // body-parser's own refusals: too large, bad encoding.
      res.status(status).type("text/plain").send(status === 413 ? "Request too large\n" : "Bad request\n");
      return;
    }
    logger.error(
      {
        event: "http.unhandled_error",
        path: req.path,
        code: isFederaError(error) ? error.code : (error as { code?: string })?.code,
        name: (error as Error)?.name,
        stack: (error as Error)?.stack?.split("\n").slice(1, 6).join("\n"),
      },
      "unexpected error",
    );
    if (res.headersSent) return;
    res.status(500).type("text/plain").set("Cache-Control", "no-store").send("Internal error: something went wrong on our side. Nothing was changed; try again.\n");
  };
}
