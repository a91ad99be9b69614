// Check: the request's time. Signed headers: X-Amz-Date (or Date) within 5 minutes of the server's
// clock either way. Presigned URLs: not dated more than 5 minutes ahead, and not past
// X-Amz-Date + X-Amz-Expires. The messages are AWS's ("Signature expired: … is now earlier than …").
import { SigV4Error } from "../errors.ts";
import { MAX_SKEW_MS } from "../constants.ts";
import { formatAmzDate } from "../amz-date.ts";

export function checkSkew(signedAt: Date, amzDate: string, now: Date): void {
  const delta = signedAt.getTime() - now.getTime();
  if (delta < -MAX_SKEW_MS) {
    const serverTime = formatAmzDate(now);
    throw new SigV4Error(
      "SIGV4_SKEW",
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS))} (${serverTime} - 5 min.)`,
      { requestTime: amzDate, serverTime, future: false },
    );
  }
  if (delta > MAX_SKEW_MS) throw notYetCurrent(amzDate, now, false);
}

export function checkPresignedWindow(signedAt: Date, amzDate: string, expiresSeconds: number, now: Date): void {
  if (signedAt.getTime() - now.getTime() > MAX_SKEW_MS) throw notYetCurrent(amzDate, now, true);
  const expiresAt = new Date(signedAt.getTime() + expiresSeconds * 1000);
  if (now.getTime() > expiresAt.getTime()) {
    throw new SigV4Error("SIGV4_EXPIRED_PRESIGN", "Request has expired", {
      presigned: true,
      requestTime: amzDate,
      serverTime: formatAmzDate(now),
      expiresAt,
    });
  }
}

function notYetCurrent(amzDate: string, now: Date, presigned: boolean): SigV4Error {
  const serverTime = formatAmzDate(now);
  return new SigV4Error(
    "SIGV4_SKEW",
    `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${serverTime} + 5 min.)`,
    { requestTime: amzDate, serverTime, future: true, presigned },
  );
}
