// IAM's entities as federa stores them (JSON documents in the store's IAM repository).

/** A tag on an IAM entity (Key and Value of IAM's Tag). */
export interface IamTag {
  key: string;
  value: string;
}

export interface AccountRecord {
  accountId: string;
  createdAt: string;
}

export interface UserRecord {
  accountId: string;
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createdAt: string;
  tags?: IamTag[];
}

export interface RoleRecord {
  accountId: string;
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  /** The trust policy, as the JSON text it was given in. */
  assumeRolePolicyDocument: string;
  description: string;
  maxSessionDuration: number;
  createdAt: string;
  tags?: IamTag[];
}

export interface RolePolicyRecord {
  accountId: string;
  roleName: string;
  policyName: string;
  policyDocument: string;
}

export interface ManagedPolicyRecord {
  accountId: string;
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description: string;
  document: string;
  defaultVersionId: string;
  /** How many roles the policy is attached to, kept in step by attach and detach. */
  attachmentCount: number;
  createdAt: string;
  updatedAt: string;
  tags?: IamTag[];
}

export interface RoleAttachmentRecord {
  accountId: string;
  roleName: string;
  policyArn: string;
  policyName: string;
}

export interface SamlProviderRecord {
  accountId: string;
  name: string;
  arn: string;
  /** The metadata document as uploaded. */
  samlMetadataDocument: string;
  /** The IdP's entity ID, from the metadata: assertions must carry it as Issuer. */
  entityId: string;
  /** Signing certificates from the metadata, base64 DER: several during a rollover. */
  certificates: string[];
  validUntil: string | undefined;
  createdAt: string;
  tags?: IamTag[];
}
