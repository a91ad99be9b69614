// ScheduleKeyDeletion: the key goes to PendingDeletion for a waiting period of 7–30 days (30
// unless PendingWindowInDays says otherwise; the model takes 1–365, the service then insists on
// 7–30); when the period ends, the key, its key material, grants and aliases are deleted for
// good (engine/settle.ts and engine/deletion.ts). The kms:ScheduleKeyDeletionPendingWindowInDays
// condition key carries the period. A key already pending deletion is refused.
import type { ScheduleKeyDeletionResponse } from "@aws-sdk/client-kms";
import { readKeyId } from "../api/key-input.ts";
import { optionalInteger } from "../api/params.ts";
import { kmsError } from "../errors.ts";
import { changeKey, manageKey, requireState } from "../engine/manage.ts";
import { requireCustomerManaged } from "../engine/states.ts";
import { keyResource, type KmsOperation } from "./operation.ts";
import { trailDate } from "../../shared/index.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export const scheduleKeyDeletion: KmsOperation = {
  readOnly: false,
  async run(deps, ctx): Promise<ScheduleKeyDeletionResponse> {
    const keyId = readKeyId(ctx.params);
    const days = optionalInteger(ctx.params, "PendingWindowInDays", { min: 1, max: 365 }) ?? 30;
    if (days < 7 || days > 30) throw kmsError("ValidationException", "PendingWindowInDays must be between 7 and 30");
    const key = await manageKey(deps, ctx, keyId, "kms:ScheduleKeyDeletion", { "kms:ScheduleKeyDeletionPendingWindowInDays": days });
    requireCustomerManaged(key, "ScheduleKeyDeletion");
    const deletionDate = ctx.now.getTime() + days * DAY_MS;
    const stored = await changeKey(deps, key, (k) => {
      requireState(k, ["Enabled", "Disabled", "PendingImport"]);
      k.state = "PendingDeletion";
      k.deletionDate = deletionDate;
    });
    return { KeyId: stored.arn, DeletionDate: new Date(deletionDate), KeyState: "PendingDeletion", PendingWindowInDays: days };
  },
  trail: (params, output) => {
    const o = output as ScheduleKeyDeletionResponse | undefined;
    return {
      requestParameters: { keyId: params["KeyId"], ...(params["PendingWindowInDays"] !== undefined ? { pendingWindowInDays: params["PendingWindowInDays"] } : {}) },
      responseElements: o
        ? { keyId: o.KeyId, deletionDate: o.DeletionDate && trailDate(o.DeletionDate), keyState: o.KeyState, pendingWindowInDays: o.PendingWindowInDays }
        : null,
      resources: keyResource(o?.KeyId),
    };
  },
};
