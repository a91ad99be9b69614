// For the KMS tests that move a ManualClock: SDK clients that sign at federa's time (SigV4 allows
// five minutes of skew), whatever the clock says, and a view of the running federa's KMS engine
// through a second connection to its data directory (the scheduler's sweep, AWS managed keys).
import { join } from "node:path";
import type { KMSClient } from "@aws-sdk/client-kms";
import { loadOrCreateFileRootKey } from "../../src/crypto/index.ts";
import { createAuthorizer, createIamService, createPolicyCache } from "../../src/iam/index.ts";
import { KeyCaches, type KmsDeps } from "../../src/kms/index.ts";
import type { Clock } from "../../src/shared/index.ts";
import { openSqliteStore, type Store } from "../../src/store/index.ts";
import { kmsClient, ROOT, type Credentials } from "./helpers.ts";

/** A KMS client whose signing time follows `clock` (the SDK's own skew correction is kept out). */
export function clockedKmsClient(url: string, clock: Clock, credentials: Credentials = ROOT): KMSClient {
  const client = kmsClient(url, credentials);
  Object.defineProperty(client.config, "systemClockOffset", {
    get: () => clock.now().getTime() - Date.now(),
    set: () => undefined,
    configurable: true,
    enumerable: true,
  });
  return client;
}

/** The KMS engine's dependencies over the data directory of a running federa; close() when done. */
export function engineOf(dataDir: string, clock: Clock): { deps: KmsDeps; store: Store; close(): Promise<void> } {
  const store = openSqliteStore(join(dataDir, "federa.db"));
  const iam = createIamService(store.iam, clock);
  const policies = createPolicyCache();
  const authorize = createAuthorizer(iam, { clock, cache: policies });
  const rootKey = loadOrCreateFileRootKey(dataDir);
  const deps: KmsDeps = { repo: store.kms, rootKey, authorize, policies, iam, clock, caches: new KeyCaches() };
  return {
    deps,
    store,
    async close() {
      await rootKey.close();
      await store.close();
    },
  };
}
