// What a console form posted without this session's CSRF token gets, whichever form it was (the
// urlencoded forms through requireCsrf, the multipart upload as it reads its fields): a warning
// in the log, naming only the path, and a 403 page that says nothing was changed.
import type { Response } from "express";
import { newNonce, sendPage } from "../idp/index.ts";
import type { Logger } from "../shared/index.ts";
import { consoleMessage } from "./pages.ts";

export function refuseForm(logger: Logger, res: Response, path: string, back: { href: string; text: string }): void {
  logger.warn({ event: "console.csrf_mismatch", path }, "console form posted without a valid CSRF token");
  const nonce = newNonce();
  const message = "The form did not come from this console session (its security token is missing or out of date). Nothing was changed: open the page again and resubmit.";
  sendPage(res, 403, consoleMessage({ nonce, title: "This form was not accepted", message, link: back }), nonce);
}
