// Check: the credential scope. Its date must be X-Amz-Date's date, its region one the route
// accepts, its service the route's. Messages are AWS's for Query and JSON services.
import { SigV4Error } from "../errors.ts";
import type { CredentialScope } from "../types.ts";

export function checkScopeDate(scope: CredentialScope, amzDate: string, presigned: boolean): void {
  const requestDay = amzDate.slice(0, 8);
  if (scope.date !== requestDay) {
    throw new SigV4Error(
      "SIGV4_SCOPE_MISMATCH",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${requestDay}', from '${amzDate}'.`,
      { presigned, scopePart: "date", actual: scope.date, expected: requestDay },
    );
  }
}

export function checkScopeRegion(scope: CredentialScope, expected: string | readonly string[] | undefined, presigned: boolean): void {
  if (expected === undefined) return;
  const ok = typeof expected === "string" ? scope.region === expected : expected.includes(scope.region);
  if (!ok) {
    const first = typeof expected === "string" ? expected : (expected[0] ?? "");
    throw new SigV4Error("SIGV4_SCOPE_MISMATCH", `Credential should be scoped to a valid region. `, {
      presigned,
      scopePart: "region",
      actual: scope.region,
      expected: first,
    });
  }
}

export function checkScopeService(scope: CredentialScope, expected: string | undefined, presigned: boolean): void {
  if (expected !== undefined && scope.service !== expected) {
    throw new SigV4Error("SIGV4_SCOPE_MISMATCH", `Credential should be scoped to correct service: '${expected}'. `, {
      presigned,
      scopePart: "service",
      actual: scope.service,
      expected,
    });
  }
}
