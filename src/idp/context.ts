// Everything the IdP's endpoints need, built once by the composition root.
import type { Clock, Logger } from "../shared/index.ts";
import type { FederaConfig } from "../config/index.ts";
import type { Directory } from "../directory/index.ts";
import type { IdpSigningMaterial } from "./signing-keys.ts";
import type { ServiceProviderRegistry } from "./service-providers.ts";
import type { SessionManager } from "./session.ts";
import type { LoginThrottle } from "./login/throttle.ts";

export interface IdpContext {
  config: FederaConfig;
  clock: Clock;
  logger: Logger;
  directory: Directory;
  signing: IdpSigningMaterial;
  serviceKey: Buffer;
  serviceProviders: ServiceProviderRegistry;
  sessions: SessionManager;
  throttle: LoginThrottle;
  /** The IdP's entity ID (Issuer). */
  entityId: string;
  /** Secure cookies when federa is reached over https. */
  secureCookies: boolean;
}

export function idpEntityId(config: FederaConfig): string {
  return config.idp.entityId ?? `${config.publicUrl}/idp/metadata`;
}
