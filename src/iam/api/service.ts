// IAM on the wire: the Query protocol, API version 2010-05-08, signed with SigV4 for us-east-1
// (IAM is global and AWS signs it there). One handler per operation; each validates its
// parameters against the service model, authorizes the caller in its own account, and leaves the
// work to the IamService.
import type { QueryServiceDefinition } from "../../protocol/index.ts";
import type { IamCaller } from "../caller.ts";
import { handler, resolveDeps, type IamApiDeps, type IamOperation } from "./operation.ts";
import { createSamlProvider, deleteSamlProvider, getSamlProvider, listSamlProviders, updateSamlProvider } from "./saml-providers.ts";
import { createRole, deleteRole, getRole, listRoles, updateAssumeRolePolicy } from "./roles.ts";
import { deleteRolePolicy, getRolePolicy, listRolePolicies, putRolePolicy } from "./role-policies.ts";
import { attachRolePolicy, createPolicy, detachRolePolicy, listAttachedRolePolicies } from "./managed-policies.ts";
import { createAccessKey, createUser, deleteAccessKey, listAccessKeys } from "./users.ts";

export const IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

const OPERATIONS: Readonly<Record<string, IamOperation>> = {
  CreateSAMLProvider: createSamlProvider,
  GetSAMLProvider: getSamlProvider,
  ListSAMLProviders: listSamlProviders,
  UpdateSAMLProvider: updateSamlProvider,
  DeleteSAMLProvider: deleteSamlProvider,
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  ListRolePolicies: listRolePolicies,
  DeleteRolePolicy: deleteRolePolicy,
  CreatePolicy: createPolicy,
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  CreateUser: createUser,
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  DeleteAccessKey: deleteAccessKey,
};

export function iamService(deps: IamApiDeps): QueryServiceDefinition<IamCaller> {
  const api = resolveDeps(deps);
  return {
    service: "iam",
    protocol: "query",
    version: "2010-05-08",
    xmlns: IAM_XMLNS,
    regions: ["us-east-1"],
    operations: Object.fromEntries(Object.entries(OPERATIONS).map(([name, operation]) => [name, { handler: handler(operation, api) }])),
  };
}
