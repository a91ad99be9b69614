// SAML providers, made from a metadata document (its entity ID and every signing certificate, for
// rollovers): created once per name (at most 100 an account), read, listed, given new metadata,
// deleted. AWS names a missing provider "Manifest not found for arn …".
import { samlProviderArn } from "../../shared/index.ts";
import { IamError } from "../errors.ts";
import { readSamlMetadata, SamlMetadataError } from "../saml-metadata.ts";
import type { IamTag, SamlProviderRecord } from "../types.ts";
import type { Domain } from "./context.ts";
import { samlProviderByArn } from "./lookups.ts";

export const SAML_PROVIDERS_PER_ACCOUNT = 100;

export interface SamlProviderAdmin {
  /** Stores a provider from its metadata; with replace, over one of the same name (keeping its creation date and tags). */
  putSamlProvider(accountId: string, name: string, metadataDocument: string, options?: { replace?: boolean; tags?: IamTag[] }): Promise<SamlProviderRecord>;
  /** CreateSAMLProvider: a new name (case aside) within the account's quota. */
  createSamlProvider(accountId: string, name: string, metadataDocument: string, tags?: IamTag[]): Promise<SamlProviderRecord>;
  findSamlProviderByArn(arn: string): Promise<SamlProviderRecord | undefined>;
  listSamlProviders(accountId: string): Promise<SamlProviderRecord[]>;
  updateSamlProvider(arn: string, metadataDocument: string): Promise<SamlProviderRecord>;
  deleteSamlProvider(arn: string): Promise<void>;
}

export const noSuchSamlProvider = (arn: string) => new IamError("NoSuchEntity", `Manifest not found for arn ${arn}`);

export function createSamlProviderAdmin(domain: Domain): SamlProviderAdmin {
  const { repo } = domain;

  const putSamlProvider: SamlProviderAdmin["putSamlProvider"] = async (accountId, name, metadataDocument, options = {}) => {
    let metadata;
    try {
      metadata = readSamlMetadata(metadataDocument);
    } catch (error) {
      if (error instanceof SamlMetadataError) throw new IamError("InvalidInput", error.message);
      throw error;
    }
    const record: SamlProviderRecord = {
      accountId,
      name,
      arn: samlProviderArn(accountId, name),
      samlMetadataDocument: metadataDocument,
      entityId: metadata.entityId,
      certificates: metadata.certificates,
      validUntil: metadata.validUntil,
      createdAt: domain.now(),
      ...(options.tags?.length ? { tags: options.tags } : {}),
    };
    if (options.replace) {
      const existing = await repo.get<SamlProviderRecord>(accountId, "saml-provider", name);
      const kept = existing ? { createdAt: existing.createdAt, ...(existing.tags ? { tags: existing.tags } : {}) } : {};
      const replaced = { ...record, ...kept };
      await repo.put(accountId, "saml-provider", name, replaced);
      return replaced;
    }
    if (!(await repo.put(accountId, "saml-provider", name, record, { ifAbsent: true }))) {
      throw new IamError("EntityAlreadyExists", `SAMLProvider ${name} already exists.`);
    }
    return record;
  };

  const getByArn = async (arn: string) => {
    const provider = await samlProviderByArn(repo, arn);
    if (!provider) throw noSuchSamlProvider(arn);
    return provider;
  };

  return {
    putSamlProvider,
    async createSamlProvider(accountId, name, metadataDocument, tags) {
      return repo.transaction(async () => {
        const existing = await repo.list<SamlProviderRecord>(accountId, "saml-provider");
        const lower = name.toLowerCase();
        if (existing.some((p) => p.name.toLowerCase() === lower)) throw new IamError("EntityAlreadyExists", `SAMLProvider ${name} already exists.`);
        if (existing.length >= SAML_PROVIDERS_PER_ACCOUNT) {
          throw new IamError("LimitExceeded", `Cannot exceed quota for SAMLProvidersPerAccount: ${SAML_PROVIDERS_PER_ACCOUNT}`);
        }
        return putSamlProvider(accountId, name, metadataDocument, tags ? { tags } : {});
      });
    },
    findSamlProviderByArn: (arn) => samlProviderByArn(repo, arn),
    listSamlProviders: (accountId) => repo.list<SamlProviderRecord>(accountId, "saml-provider"),
    async updateSamlProvider(arn, metadataDocument) {
      return repo.transaction(async () => {
        const provider = await getByArn(arn);
        return putSamlProvider(provider.accountId, provider.name, metadataDocument, { replace: true });
      });
    },
    async deleteSamlProvider(arn) {
      await repo.transaction(async () => {
        const provider = await getByArn(arn);
        await repo.delete(provider.accountId, "saml-provider", provider.name);
      });
    },
  };
}
