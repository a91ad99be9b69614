// The registry that services fill at start-up: each declares its protocol, names and operations.
// Requests are matched to a service by SigV4 signing name, X-Amz-Target prefix, or Query Action.
import type { CredentialRecord } from "../sigv4/types.ts";
import type { JsonServiceDefinition, QueryServiceDefinition, ServiceDefinition } from "./types.ts";

export interface ServiceRegistry<C extends CredentialRecord = CredentialRecord> {
  register(definition: ServiceDefinition<C>): void;
  bySigningName(name: string): ServiceDefinition<C> | undefined;
  byTargetPrefix(prefix: string): JsonServiceDefinition<C> | undefined;
  /** The Query service that has this action, preferring one where it is unsigned. */
  byQueryAction(action: string): QueryServiceDefinition<C> | undefined;
  services(): readonly ServiceDefinition<C>[];
}

const NAME = /^[a-z0-9-]{1,64}$/;

export function createServiceRegistry<C extends CredentialRecord = CredentialRecord>(): ServiceRegistry<C> {
  const all: ServiceDefinition<C>[] = [];
  const bySigning = new Map<string, ServiceDefinition<C>>();
  const byPrefix = new Map<string, JsonServiceDefinition<C>>();
  const byAction = new Map<string, QueryServiceDefinition<C>[]>();

  return {
    register(definition) {
      const signingName = definition.signingName ?? definition.service;
      if (!NAME.test(signingName)) throw new TypeError(`invalid service signing name: ${signingName}`);
      if (bySigning.has(signingName)) throw new TypeError(`service ${signingName} is already registered`);
      if (definition.protocol === "json") {
        if (byPrefix.has(definition.targetPrefix)) throw new TypeError(`X-Amz-Target prefix ${definition.targetPrefix} is already registered`);
        byPrefix.set(definition.targetPrefix, definition);
      } else {
        for (const action of Object.keys(definition.operations)) {
          if (!/^[A-Za-z][A-Za-z0-9]*$/.test(action)) throw new TypeError(`invalid Query action name: ${action}`);
          const list = byAction.get(action) ?? [];
          list.push(definition);
          byAction.set(action, list);
        }
      }
      bySigning.set(signingName, definition);
      all.push(definition);
    },
    bySigningName: (name) => bySigning.get(name),
    byTargetPrefix: (prefix) => byPrefix.get(prefix),
    byQueryAction(action) {
      const candidates = byAction.get(action);
      if (!candidates) return undefined;
      return candidates.find((definition) => operationOf(definition, action)?.unsigned === true) ?? candidates[0];
    },
    services: () => all,
  };
}

/** The operation of that name, own properties only ("constructor" is no operation). */
export function operationOf<C>(definition: ServiceDefinition<C>, name: string): ServiceDefinition<C>["operations"][string] | undefined {
  return Object.hasOwn(definition.operations, name) ? definition.operations[name] : undefined;
}
