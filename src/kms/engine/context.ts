// What the KMS engine works with: the store, the root key, authorization, the clock. Handlers get
// the request context of the protocol layer, with the caller that SigV4 established.
import type { KmsRepository } from "../../store/index.ts";
import type { RootKeyProvider } from "../../crypto/index.ts";
import type { AuthorizationMessages, Authorize, IamService, PolicyCache } from "../../iam/index.ts";
import type { AwsRequestContext, JsonObject, OnCall } from "../../protocol/index.ts";
import type { Caller } from "../../sts/index.ts";
import type { Clock } from "../../shared/index.ts";
import type { KeyCaches } from "./caches.ts";

export interface KmsDeps {
  repo: KmsRepository;
  rootKey: RootKeyProvider;
  authorize: Authorize;
  /** Seals decisions into AccessDeniedException messages (for DecodeAuthorizationMessage). */
  messages?: AuthorizationMessages;
  policies: PolicyCache;
  iam: IamService;
  clock: Clock;
  caches: KeyCaches;
  /**
   * The audit trail's hook, for the KMS calls an integrated service (S3) makes on a caller's
   * behalf: recorded as AWS records them, invoked by the service.
   */
  onServiceCall?: OnCall<Caller>;
  /** Resolves once the calls the audit trail has been told of are stored (GetKeyLastUsage reads what they left). */
  trailWritten?: () => Promise<void>;
}

export type KmsContext = AwsRequestContext<Caller, JsonObject>;
