// CreateSAMLProvider, GetSAMLProvider, ListSAMLProviders, UpdateSAMLProvider,
// DeleteSAMLProvider. Resources are the provider's ARN; ListSAMLProviders has none ("*").
import { samlProviderArn } from "../../shared/index.ts";
import { noSuchSamlProvider } from "../domain/saml-providers.ts";
import type { SamlProviderRecord } from "../types.ts";
import { C } from "./constraints.ts";
import { permit, requestTags, resourceTags, type IamApi, type IamContext, type IamOperation } from "./operation.ts";
import { checkTagKeys, Params } from "./params.ts";
import { samlProviderValidUntil, wireDate, wireSamlProviderEntry, wireTags } from "./shapes.ts";

async function permittedProvider(ctx: IamContext, api: IamApi, action: string, arn: string): Promise<SamlProviderRecord> {
  const provider = await api.iam.findSamlProviderByArn(arn);
  await permit(ctx, api, action, arn, resourceTags(provider?.tags));
  if (!provider) throw noSuchSamlProvider(arn);
  return provider;
}

export const createSamlProvider: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const document = p.required("SAMLMetadataDocument", C.samlMetadataDocument);
  const name = p.required("Name", C.samlProviderName);
  const tags = p.tags();
  p.check();
  checkTagKeys(tags);
  const accountId = ctx.caller.accountId;
  const arn = samlProviderArn(accountId, name);
  await permit(ctx, api, "iam:CreateSAMLProvider", arn, requestTags(tags));
  if (tags) await permit(ctx, api, "iam:TagSAMLProvider", arn, requestTags(tags));
  const provider = await api.iam.createSamlProvider(accountId, name, document, tags);
  return { SAMLProviderArn: provider.arn, Tags: wireTags(provider.tags) };
};

export const getSamlProvider: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const arn = p.required("SAMLProviderArn", C.arn);
  p.check();
  const provider = await permittedProvider(ctx, api, "iam:GetSAMLProvider", arn);
  return {
    SAMLMetadataDocument: provider.samlMetadataDocument,
    CreateDate: wireDate(provider.createdAt),
    ValidUntil: samlProviderValidUntil(provider),
    Tags: wireTags(provider.tags),
  };
};

export const listSamlProviders: IamOperation = async (ctx, api) => {
  new Params(ctx.params).check();
  await permit(ctx, api, "iam:ListSAMLProviders", "*");
  const providers = await api.iam.listSamlProviders(ctx.caller.accountId);
  return { SAMLProviderList: providers.map(wireSamlProviderEntry) };
};

export const updateSamlProvider: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const document = p.optional("SAMLMetadataDocument", C.samlMetadataDocument);
  const arn = p.required("SAMLProviderArn", C.arn);
  p.check();
  const provider = await permittedProvider(ctx, api, "iam:UpdateSAMLProvider", arn);
  // Without a new document (newer models make it optional) there is nothing federa can change.
  const updated = document === undefined ? provider : await api.iam.updateSamlProvider(arn, document);
  return { SAMLProviderArn: updated.arn };
};

export const deleteSamlProvider: IamOperation = async (ctx, api) => {
  const p = new Params(ctx.params);
  const arn = p.required("SAMLProviderArn", C.arn);
  p.check();
  await permittedProvider(ctx, api, "iam:DeleteSAMLProvider", arn);
  await api.iam.deleteSamlProvider(arn);
  return undefined;
};
