// Long-term access keys (AKIA…): an IAM user's, or the account's root credentials (userName
// null). At most two per user or root, as in IAM.
import { randomBase32, randomSecretAccessKey } from "../../crypto/index.ts";
import type { AccessKeyRecord } from "../../store/index.ts";
import { IamError } from "../errors.ts";
import type { Domain } from "./context.ts";
import type { UserAdmin } from "./users.ts";

export const ACCESS_KEYS_PER_USER = 2;
/** How long a looked-up key is trusted without reading the store again (changes made through this process apply at once). */
export const ACCESS_KEY_CACHE_MS = 5_000;
const ACCESS_KEY_CACHE_LIMIT = 10_000;

export interface AccessKeyAdmin {
  /** A new key for the user (null: the account's root); NoSuchEntity for a missing user, LimitExceeded past two. */
  createAccessKey(accountId: string, userName: string | null): Promise<AccessKeyRecord>;
  findAccessKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  listAccessKeys(accountId: string, userName: string | null): Promise<AccessKeyRecord[]>;
  deleteAccessKey(accountId: string, userName: string | null, accessKeyId: string): Promise<void>;
}

export function createAccessKeyAdmin(domain: Domain, users: Pick<UserAdmin, "getUser">): AccessKeyAdmin {
  const { repo } = domain;
  /** The owner's name as stored (IAM user names keep the case they were created with). */
  // Every signed request looks its access key up: a short-lived cache spares the store. Another
  // instance's deletion takes effect here within ACCESS_KEY_CACHE_MS, as IAM's own changes take
  // seconds to reach every AWS endpoint.
  const cache = new Map<string, { key: AccessKeyRecord | undefined; until: number }>();
  const owner = async (accountId: string, userName: string | null) => (userName === null ? null : (await users.getUser(accountId, userName)).userName);

  return {
    async createAccessKey(accountId, userName) {
      return repo.transaction(async () => {
        const name = await owner(accountId, userName);
        if ((await repo.listAccessKeys(accountId, name)).length >= ACCESS_KEYS_PER_USER) {
          throw new IamError("LimitExceeded", `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
        }
        const key: AccessKeyRecord = {
          accessKeyId: "AKIA" + randomBase32(16),
          secretAccessKey: randomSecretAccessKey(),
          accountId,
          userName: name,
          status: "Active",
          createdAt: domain.clock.now(),
        };
        await repo.putAccessKey(key);
        cache.delete(key.accessKeyId);
        return key;
      });
    },
    async findAccessKey(accessKeyId) {
      const now = domain.clock.now().getTime();
      const hit = cache.get(accessKeyId);
      if (hit && hit.until > now) return hit.key;
      const key = await repo.getAccessKey(accessKeyId);
      if (cache.size >= ACCESS_KEY_CACHE_LIMIT) cache.clear();
      cache.set(accessKeyId, { key, until: now + ACCESS_KEY_CACHE_MS });
      return key;
    },
    async listAccessKeys(accountId, userName) {
      return repo.listAccessKeys(accountId, await owner(accountId, userName));
    },
    async deleteAccessKey(accountId, userName, accessKeyId) {
      await repo.transaction(async () => {
        const name = await owner(accountId, userName);
        const key = await repo.getAccessKey(accessKeyId);
        if (!key || key.accountId !== accountId || key.userName !== name) {
          throw new IamError("NoSuchEntity", `The Access Key with id ${accessKeyId} cannot be found.`);
        }
        await repo.deleteAccessKey(accessKeyId);
        cache.delete(accessKeyId);
      });
    },
  };
}
