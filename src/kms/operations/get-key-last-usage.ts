// GetKeyLastUsage: the key's last successful cryptographic operation (its name, time, CloudTrail
// event id and request id), as the audit trail recorded it in the key owner's account, with the
// date tracking began for the key (the later of the key's creation and the store's start of
// tracking) and the key's creation date. KeyLastUsage is an empty object when the key has not been
// used since. The calls recorded so far are written first, so a use just answered is seen. Key id
// or key ARN only; cross-account use: no. Any key state.
import type { GetKeyLastUsageResponse, KeyLastUsageData } from "@aws-sdk/client-kms";
import { authorizeKey } from "../engine/authorize.ts";
import type { KmsOperation } from "./operation.ts";
import { keyTrail, requestKey, withKeyArn } from "./own-key.ts";

export const getKeyLastUsage: KmsOperation = {
  readOnly: true,
  async run(deps, ctx): Promise<GetKeyLastUsageResponse> {
    const key = await requestKey(deps, ctx, false);
    await authorizeKey(deps, ctx, key, "kms:GetKeyLastUsage");
    await deps.trailWritten?.();
    const [usage, trackingStart] = await Promise.all([deps.repo.keyLastUsage(key.keyId), deps.repo.usageTrackingStart()]);
    const last: KeyLastUsageData = {};
    if (usage) {
      last.Operation = usage.operation as KeyLastUsageData["Operation"];
      last.Timestamp = usage.usedAt;
      last.CloudTrailEventId = usage.eventId;
      if (usage.requestId !== undefined) last.KmsRequestId = usage.requestId;
    }
    return withKeyArn(
      { KeyId: key.keyId, KeyLastUsage: last, TrackingStartDate: new Date(Math.max(key.creationDate, trackingStart.getTime())), KeyCreationDate: new Date(key.creationDate) },
      key.arn,
    );
  },
  trail: (params, output) => keyTrail(params, output, ["KeyId"]),
};
