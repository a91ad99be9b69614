// The SP registry, from configuration: each SP with its ACS URLs, request-signing certificates and
// its compiled claim rule set. A rule set that does not parse stops start-up with line and column.
import { readFileSync } from "node:fs";
import { ConfigError, isFederaError } from "../shared/index.ts";
import type { ServiceProviderConfig } from "../config/index.ts";
import { AWS_SP_ENTITY_ID } from "../config/index.ts";
import { compileClaimRules, DEFAULT_AWS_CLAIM_RULES, type ClaimRuleSet } from "./claims/index.ts";

export interface ServiceProvider {
  readonly config: ServiceProviderConfig;
  readonly entityId: string;
  /** A name for people: "Amazon Web Services" for AWS, else the entity ID. */
  readonly displayName: string;
  readonly isAws: boolean;
  /** PEM certificates that may sign this SP's AuthnRequests. */
  readonly requestSigningCertificates: string[];
  readonly rules: ClaimRuleSet;
  acceptsAcs(url: string): boolean;
}

export interface ServiceProviderRegistry {
  get(entityId: string): ServiceProvider | undefined;
  all(): ServiceProvider[];
}

export function createServiceProviderRegistry(configs: ServiceProviderConfig[]): ServiceProviderRegistry {
  const byId = new Map<string, ServiceProvider>();
  configs.forEach((config, index) => {
    if (byId.has(config.entityId)) throw new ConfigError(`invalid configuration: serviceProviders.${index}.entityId: ${config.entityId} is configured twice`);
    byId.set(config.entityId, buildServiceProvider(config, index));
  });
  return { get: (id) => byId.get(id), all: () => [...byId.values()] };
}

function buildServiceProvider(config: ServiceProviderConfig, index: number): ServiceProvider {
  const acs = new Set([config.acsUrl, ...config.alternateAcsUrls]);
  const isAws = config.entityId === AWS_SP_ENTITY_ID;
  return {
    config,
    entityId: config.entityId,
    displayName: isAws ? "Amazon Web Services" : config.entityId,
    isAws,
    requestSigningCertificates: config.signingCertFiles.map((file, i) => readText(file, `serviceProviders.${index}.signingCertFiles.${i}`)),
    rules: compileRules(config, index),
    acceptsAcs: (url) => acs.has(url),
  };
}

function compileRules(config: ServiceProviderConfig, index: number): ClaimRuleSet {
  const option = `serviceProviders.${index}.claimRules`;
  const text = config.claimRules ? readText(config.claimRules, option) : DEFAULT_AWS_CLAIM_RULES;
  try {
    return compileClaimRules(text, config.claimRules ?? "default AWS claim rules");
  } catch (error) {
    if (isFederaError(error)) throw new ConfigError(`invalid configuration: ${option}: ${error.message}`, { cause: error });
    throw error;
  }
}

function readText(path: string, option: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError(`invalid configuration: ${option}: cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
