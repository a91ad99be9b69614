// The activity page's route: the account's recent events, filtered by what the person asks to see,
// for a caller allowed cloudtrail:LookupEvents (lookup-events.ts); a refusal page otherwise.
import type { Router } from "express";
import { newNonce, sendPage } from "../../idp/index.ts";
import type { ConsoleContext } from "../context.ts";
import { queryParam, signedIn, whoOf, type Guards } from "../signed-in.ts";
import { activityPage, activityRefusedPage } from "../views/activity.ts";
import { authorizeLookupEvents } from "./lookup-events.ts";
import { loadActivity, SHOWS, type Show } from "./activity.ts";

export function registerActivityRoutes(router: Router, ctx: ConsoleContext, guards: Guards): void {
  router.get("/console/activity", ...guards.get, async (req, res) => {
    const who = signedIn(res);
    const refused = await authorizeLookupEvents(ctx, who);
    if (refused) {
      const nonce = newNonce();
      sendPage(res, 403, activityRefusedPage({ nonce, who: whoOf(who), problem: refused }), nonce);
      return;
    }
    const asked = queryParam(req, "show");
    const show: Show = SHOWS.find((s) => s === asked) ?? "changes";
    const activity = await loadActivity(ctx, who, show);
    const nonce = newNonce();
    sendPage(res, 200, activityPage({ nonce, who: whoOf(who), activity, show }), nonce);
  });
}
