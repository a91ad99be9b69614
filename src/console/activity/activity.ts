// The account's recent activity from the audit trail (CloudTrail events, the console's own calls
// among them): the rows of the activity page and the calls per hour of its chart.
import type { CloudTrailEvent } from "../../audit/index.ts";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";

export type Show = "changes" | "all" | "denied";
export const SHOWS: readonly Show[] = ["changes", "all", "denied"];

export interface ActivityRow {
  time: Date;
  principalArn: string;
  /** "kms:ScheduleKeyDeletion". */
  action: string;
  /** The key (or other resource) the call was about, as an ARN or as the request named it. */
  resource: string;
  /** The key's id, when the resource is a key of this account (for a link to its page). */
  keyId?: string;
  result: "allowed" | "denied" | "failed";
  errorCode?: string;
  /** The error message without its encoded authorization message. */
  errorMessage?: string;
  /** The decoded reason of a denial, for the viewer's own calls. */
  reason?: string;
  readOnly: boolean;
  userAgent: string;
}

export interface HourBucket {
  start: Date;
  allowed: number;
  denied: number;
}

export interface Activity {
  rows: ActivityRow[];
  /** Every event of the window, whatever the filter. */
  total: number;
  hours: HourBucket[];
  since: Date;
}

const HOUR_MS = 60 * 60 * 1000;
const WINDOW_HOURS = 24;
const MAX_ROWS = 200;
const MAX_DECODED = 25;
const ENCODED = ". Encoded authorization failure message: ";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isDenied = (code: string | undefined): boolean => code !== undefined && /AccessDenied/.test(code);

function resourceOf(event: CloudTrailEvent): string {
  const arn = event.resources?.[0]?.ARN;
  if (arn) return arn;
  const p = event.requestParameters ?? {};
  for (const name of ["keyId", "aliasName", "targetKeyId", "bucketName", "roleName", "roleArn"]) {
    const value = p[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return "";
}

export async function loadActivity(ctx: ConsoleContext, who: SignedIn, show: Show): Promise<Activity> {
  const now = ctx.clock.now();
  const firstHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - (WINDOW_HOURS - 1) * HOUR_MS;
  const since = new Date(firstHour);
  const events = await ctx.trail.list({ accountId: who.caller.accountId, since, limit: 5000 });
  const hours: HourBucket[] = Array.from({ length: WINDOW_HOURS }, (_, i) => ({ start: new Date(firstHour + i * HOUR_MS), allowed: 0, denied: 0 }));
  for (const event of events) {
    const bucket = hours[Math.floor((Date.parse(event.eventTime) - firstHour) / HOUR_MS)];
    if (!bucket) continue;
    if (isDenied(event.errorCode)) bucket.denied++;
    else bucket.allowed++;
  }
  const shown = events.filter((e) => (show === "all" ? true : show === "denied" ? isDenied(e.errorCode) : !e.readOnly || e.errorCode !== undefined)).slice(0, MAX_ROWS);
  let decoded = 0;
  const rows = await Promise.all(
    shown.map(async (event): Promise<ActivityRow> => {
      const message = event.errorMessage ?? "";
      const at = message.indexOf(ENCODED);
      const resource = resourceOf(event);
      const key = /^arn:aws:kms:[^:]*:(\d{12}):key\/([\w-]+)$/.exec(resource);
      const row: ActivityRow = {
        time: new Date(event.eventTime),
        principalArn: event.userIdentity.arn ?? "",
        action: `${event.eventSource.split(".")[0]}:${event.eventName}`,
        resource,
        result: event.errorCode === undefined ? "allowed" : isDenied(event.errorCode) ? "denied" : "failed",
        readOnly: event.readOnly,
        userAgent: event.userAgent,
      };
      if (key && key[1] === who.caller.accountId) row.keyId = key[2]!;
      // A failed call has no resources; its request named the key, by id when not by ARN or alias.
      else if (UUID.test(resource)) row.keyId = resource;
      if (event.errorCode !== undefined) {
        row.errorCode = event.errorCode;
        row.errorMessage = at >= 0 ? message.slice(0, at) : message;
      }
      // A denial's reason is decoded for the viewer's own calls only: they could decode it themselves.
      if (at >= 0 && row.principalArn === who.caller.arn && decoded++ < MAX_DECODED) {
        const opened = await ctx.messages.decode(message.slice(at + ENCODED.length).trim());
        if (opened) row.reason = opened.reason;
      }
      return row;
    }),
  );
  return { rows, total: events.length, hours, since };
}
