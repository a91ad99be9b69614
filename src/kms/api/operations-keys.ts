// The keys operations, by X-Amz-Target name.
import type { KmsOperation } from "../operations/operation.ts";
import { listKeys } from "../operations/list-keys.ts";
import { updateKeyDescription } from "../operations/update-key-description.ts";
import { enableKey } from "../operations/enable-key.ts";
import { disableKey } from "../operations/disable-key.ts";
import { scheduleKeyDeletion } from "../operations/schedule-key-deletion.ts";
import { cancelKeyDeletion } from "../operations/cancel-key-deletion.ts";
import { tagResource } from "../operations/tag-resource.ts";
import { untagResource } from "../operations/untag-resource.ts";
import { listResourceTags } from "../operations/list-resource-tags.ts";
import { getKeyLastUsage } from "../operations/get-key-last-usage.ts";

export const KEYS_OPERATIONS: Readonly<Record<string, KmsOperation>> = {
  ListKeys: listKeys,
  UpdateKeyDescription: updateKeyDescription,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
  GetKeyLastUsage: getKeyLastUsage,
};
