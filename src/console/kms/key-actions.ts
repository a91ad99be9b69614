// What the forms of a key's page do, each one KMS operation as the signed-in caller: save the key
// policy, turn rotation on or off (and its period), rotate now, add and delete aliases, add and
// remove tags, enable, disable, change the description, schedule and cancel deletion. The
// console's own checks (a typed confirmation, a whole number of days) come first; everything
// else is KMS's to say, and its answer is shown next to the form.
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { callKms } from "../calls/kms-call.ts";
import type { Problem } from "../calls/problem.ts";
import { fieldValues } from "./wizard-state.ts";
import { CONFIRM_WORD, type Drafts, type Section } from "../views/key-page.ts";

export type ActionResult =
  | { ok: true; done: DoneCode; section: Section }
  | { ok: false; section: Section; problem?: Problem; errors?: Partial<Record<string, string>>; drafts?: Drafts };

type Action = (ctx: ConsoleContext, who: SignedIn, keyId: string, body: unknown) => Promise<ActionResult>;

/** What a finished action says on the key's page (a code in the redirect, never free text). */
export const DONE: Readonly<Record<string, string>> = {
  __proto__: null as unknown as string,
  created: "The key was created.",
  policy: "The key policy was saved.",
  "rotation-on": "Automatic rotation is on.",
  "rotation-off": "Automatic rotation is off.",
  rotated: "The key was rotated: a new backing key encrypts from now on.",
  "alias-added": "The alias was added.",
  "alias-deleted": "The alias was deleted.",
  "tag-added": "The tag was added.",
  "tag-removed": "The tag was removed.",
  enabled: "The key is enabled.",
  disabled: "The key is disabled.",
  description: "The description was saved.",
  "deletion-scheduled": "The key's deletion is scheduled.",
  "deletion-cancelled": "The key's deletion is cancelled; the key is disabled.",
};
export type DoneCode = keyof typeof DONE;

const text = (body: unknown, name: string): string => fieldValues(body, name)[0] ?? "";

/** Runs one KMS operation for a section: done, or its problem in place. */
async function run(ctx: ConsoleContext, who: SignedIn, section: Section, operation: string, params: Record<string, unknown>, done: DoneCode, drafts: Drafts = {}): Promise<ActionResult> {
  const outcome = await callKms(ctx, who, operation, params);
  return outcome.ok ? { ok: true, done, section } : { ok: false, section, problem: outcome.problem, drafts };
}

/** Where a JSON text breaks, in lines and columns, from the parser's "at position N". */
export function jsonProblem(policy: string): string | undefined {
  try {
    JSON.parse(policy);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    if (!at) return `The policy is not valid JSON: ${message}.`;
    const before = policy.slice(0, Number(at[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return `The policy is not valid JSON: line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, "")}.`;
  }
}

function wholeNumber(value: string): number | undefined {
  return /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : undefined;
}

export const KEY_ACTIONS: Readonly<Record<string, Action>> = {
  policy: async (ctx, who, keyId, body) => {
    const policy = text(body, "policy");
    const result = await run(ctx, who, "policy", "PutKeyPolicy", { KeyId: keyId, PolicyName: "default", Policy: policy }, "policy", { policy });
    if (result.ok) return result;
    const where = jsonProblem(policy);
    return where ? { ...result, errors: { policy: where } } : result;
  },
  rotation: async (ctx, who, keyId, body) => {
    const enabled = text(body, "enabled") === "on";
    const periodText = text(body, "period");
    if (!enabled) return run(ctx, who, "rotation", "DisableKeyRotation", { KeyId: keyId }, "rotation-off");
    const period = wholeNumber(periodText);
    if (period === undefined) return { ok: false, section: "rotation", errors: { period: "Enter a whole number of days, from 90 to 2560." }, drafts: { rotationPeriod: periodText } };
    return run(ctx, who, "rotation", "EnableKeyRotation", { KeyId: keyId, RotationPeriodInDays: period }, "rotation-on", { rotationPeriod: periodText });
  },
  rotate: (ctx, who, keyId) => run(ctx, who, "rotation", "RotateKeyOnDemand", { KeyId: keyId }, "rotated"),
  aliases: async (ctx, who, keyId, body) => {
    const typed = text(body, "alias").trim();
    const name = typed.startsWith("alias/") ? typed : `alias/${typed}`;
    return run(ctx, who, "aliases", "CreateAlias", { AliasName: name, TargetKeyId: keyId }, "alias-added", { alias: typed });
  },
  "aliases/delete": (ctx, who, _keyId, body) => run(ctx, who, "aliases", "DeleteAlias", { AliasName: text(body, "alias") }, "alias-deleted"),
  tags: (ctx, who, keyId, body) => {
    const tagKey = text(body, "tagKey").trim();
    const tagValue = text(body, "tagValue");
    return run(ctx, who, "tags", "TagResource", { KeyId: keyId, Tags: [{ TagKey: tagKey, TagValue: tagValue }] }, "tag-added", { tagKey, tagValue });
  },
  "tags/delete": (ctx, who, keyId, body) => run(ctx, who, "tags", "UntagResource", { KeyId: keyId, TagKeys: [text(body, "tagKey")] }, "tag-removed"),
  enable: (ctx, who, keyId) => run(ctx, who, "configuration", "EnableKey", { KeyId: keyId }, "enabled"),
  disable: (ctx, who, keyId) => run(ctx, who, "configuration", "DisableKey", { KeyId: keyId }, "disabled"),
  description: (ctx, who, keyId, body) => {
    const description = text(body, "description");
    return run(ctx, who, "configuration", "UpdateKeyDescription", { KeyId: keyId, Description: description }, "description", { description });
  },
  "schedule-deletion": async (ctx, who, keyId, body) => {
    const daysText = text(body, "pendingDays");
    const confirm = text(body, "confirm");
    const drafts: Drafts = { pendingDays: daysText, confirm };
    const errors: Partial<Record<string, string>> = {};
    const days = wholeNumber(daysText);
    if (days === undefined || days < 7 || days > 30) errors["pendingDays"] = "Choose a waiting period from 7 to 30 days.";
    if (confirm.trim().toLowerCase() !== CONFIRM_WORD) errors["confirm"] = `Type ${CONFIRM_WORD} to confirm that the key is to be deleted.`;
    if (Object.keys(errors).length > 0) return { ok: false, section: "deletion", errors, drafts };
    return run(ctx, who, "deletion", "ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: days }, "deletion-scheduled", drafts);
  },
  "cancel-deletion": (ctx, who, keyId) => run(ctx, who, "deletion", "CancelKeyDeletion", { KeyId: keyId }, "deletion-cancelled"),
};
