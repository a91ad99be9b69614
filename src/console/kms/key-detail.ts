// Everything the key's page shows, read as the signed-in caller: DescribeKey first (without it
// there is no page), then the key policy, rotation status and rotations, aliases, tags and last
// use, each on its own, so a role that may see some of them sees those and is told why not the others.
import type {
  AliasListEntry,
  DescribeKeyResponse,
  GetKeyLastUsageResponse,
  GetKeyPolicyResponse,
  GetKeyRotationStatusResponse,
  KeyMetadata,
  ListKeyRotationsResponse,
  ListResourceTagsResponse,
  RotationsListEntry,
  Tag,
} from "@aws-sdk/client-kms";
import type { ConsoleContext } from "../context.ts";
import type { SignedIn } from "../signed-in.ts";
import { callKms, type Outcome } from "../calls/kms-call.ts";
import type { Problem } from "../calls/problem.ts";
import { loadAliases } from "./list.ts";

export type Part<T> = Outcome<T> | { ok: "not-applicable"; why: string };

export interface KeyDetail {
  metadata: KeyMetadata;
  policy: Part<string>;
  rotation: Part<GetKeyRotationStatusResponse>;
  rotations: Part<RotationsListEntry[]>;
  aliases: Part<AliasListEntry[]>;
  tags: Part<Tag[]>;
  /** When the key was last used (customer managed keys, for the deletion section). */
  lastUsage: Part<GetKeyLastUsageResponse>;
}

export function isSymmetricEncryption(m: KeyMetadata): boolean {
  return m.KeySpec === "SYMMETRIC_DEFAULT" && m.KeyUsage === "ENCRYPT_DECRYPT";
}

export async function loadKeyDetail(ctx: ConsoleContext, who: SignedIn, keyId: string): Promise<{ ok: true; detail: KeyDetail } | { ok: false; problem: Problem }> {
  const described = await callKms<DescribeKeyResponse>(ctx, who, "DescribeKey", { KeyId: keyId });
  if (!described.ok) return described;
  const metadata = described.output.KeyMetadata;
  if (!metadata?.KeyId) return { ok: false, problem: { code: "NotFoundException", status: 400, message: `Key '${keyId}' does not exist`, summary: "Not found." } };
  const id = metadata.KeyId;
  const symmetric = isSymmetricEncryption(metadata);
  const rotatable = symmetric && metadata.Origin === "AWS_KMS";
  const notRotatable = { ok: "not-applicable" as const, why: symmetric ? "Keys with imported key material are rotated by importing new material." : "Automatic rotation is for symmetric encryption keys only." };
  const [policy, rotation, rotations, aliases, tags, lastUsage] = await Promise.all([
    callKms<GetKeyPolicyResponse>(ctx, who, "GetKeyPolicy", { KeyId: id, PolicyName: "default" }).then((r): Part<string> => (r.ok ? { ok: true, output: r.output.Policy ?? "" } : r)),
    rotatable ? callKms<GetKeyRotationStatusResponse>(ctx, who, "GetKeyRotationStatus", { KeyId: id }) : Promise.resolve(notRotatable),
    rotatable
      ? callKms<ListKeyRotationsResponse>(ctx, who, "ListKeyRotations", { KeyId: id, IncludeKeyMaterial: "ALL_KEY_MATERIAL", Limit: 1000 }).then(
          (r): Part<RotationsListEntry[]> => (r.ok ? { ok: true, output: r.output.Rotations ?? [] } : r),
        )
      : Promise.resolve(notRotatable),
    loadAliases(ctx, who, id),
    metadata.KeyManager === "AWS"
      ? Promise.resolve({ ok: "not-applicable" as const, why: "AWS managed keys cannot be tagged." })
      : callKms<ListResourceTagsResponse>(ctx, who, "ListResourceTags", { KeyId: id, Limit: 50 }).then((r): Part<Tag[]> => (r.ok ? { ok: true, output: r.output.Tags ?? [] } : r)),
    // Shown only where deletion can be scheduled: a customer managed key not pending deletion.
    metadata.KeyManager === "AWS" || metadata.KeyState === "PendingDeletion"
      ? Promise.resolve({ ok: "not-applicable" as const, why: "The key's deletion cannot be scheduled now." })
      : callKms<GetKeyLastUsageResponse>(ctx, who, "GetKeyLastUsage", { KeyId: id }),
  ]);
  return { ok: true, detail: { metadata, policy, rotation, rotations, aliases, tags, lastUsage } };
}
