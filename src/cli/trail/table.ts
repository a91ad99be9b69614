// `federa trail`'s readable output: one row per event, newest first, in aligned columns.
import type { CloudTrailEvent } from "../../audit/index.ts";

const HEADERS = ["TIME", "EVENT SOURCE", "EVENT NAME", "PRINCIPAL", "ERROR"] as const;

/** Who called, as a table shows it: the ARN, else the SAML user's name, else the identity type. */
export function principalOf(event: CloudTrailEvent): string {
  const identity = event.userIdentity;
  return identity.arn ?? identity.userName ?? identity.type;
}

export function renderTable(events: readonly CloudTrailEvent[]): string {
  const rows = events.map((e) => [e.eventTime, e.eventSource, e.eventName, principalOf(e), e.errorCode ?? "-"].map(printable));
  const all = [[...HEADERS] as string[], ...rows];
  const widths = HEADERS.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  return all.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join("  ")).join("\n") + "\n";
}

/** Control characters from the store (a client chose the strings) never reach the terminal. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
