// STS on the wire (Query protocol, 2011-06-15): AssumeRoleWithSAML (unsigned, as in AWS) and
// GetCallerIdentity. Domain errors become AWS errors with their own code, status and message.
import { AwsError, queryList, queryString, type QueryServiceDefinition, type XmlValue } from "../protocol/index.ts";
import { isFederaError } from "../shared/index.ts";
import { assumeRoleWithSaml, type AssumeRoleWithSamlDeps } from "./assume-role-with-saml.ts";
import type { Caller } from "./caller.ts";
import { accessDeniedMessage, type AuthorizationMessages, type Authorize } from "../iam/index.ts";
import { assumeRoleWithSamlTrail, withAssertionId } from "./trail.ts";

export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** Exposed domain errors (STS, SAML validation, IAM) go out as AWS errors; anything else is not ours to phrase. */
async function asAws<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isFederaError(error) && error.expose && !(error instanceof AwsError) && /^[A-Z]/.test(error.code)) {
      throw new AwsError(error.code, error.message, { status: error.status });
    }
    throw error;
  }
}

export interface StsApiDeps {
  authorize: Authorize;
  messages: AuthorizationMessages;
}

export function stsService(deps: AssumeRoleWithSamlDeps, api: StsApiDeps): QueryServiceDefinition<Caller> {
  return {
    service: "sts",
    protocol: "query",
    version: "2011-06-15",
    xmlns: STS_XMLNS,
    operations: {
      AssumeRoleWithSAML: {
        unsigned: true,
        trail: assumeRoleWithSamlTrail,
        handler: (ctx) =>
          asAws(async () => {
            const p = ctx.params;
            const list = queryList(p, "PolicyArns");
            if (list === undefined) throw new AwsError("ValidationError", "PolicyArns must be a list of PolicyDescriptorType");
            const policyArns = list.map((entry) => ({ arn: typeof entry === "object" && !Array.isArray(entry) ? queryString(entry, "arn") : undefined }));
            const result = await assumeRoleWithSaml(
              deps,
              {
                RoleArn: queryString(p, "RoleArn"),
                PrincipalArn: queryString(p, "PrincipalArn"),
                SAMLAssertion: queryString(p, "SAMLAssertion"),
                DurationSeconds: queryString(p, "DurationSeconds"),
                Policy: queryString(p, "Policy"),
                PolicyArns: policyArns,
              },
              ctx.now,
            );
            const a = result.assertion;
            const out: Record<string, XmlValue> = {
              Credentials: {
                AccessKeyId: result.credentials.accessKeyId,
                SecretAccessKey: result.credentials.secretAccessKey,
                SessionToken: result.credentials.sessionToken,
                Expiration: result.credentials.expiration,
              },
              AssumedRoleUser: { AssumedRoleId: result.assumedRoleUser.assumedRoleId, Arn: result.assumedRoleUser.arn },
              PackedPolicySize: result.packedPolicySize,
              Subject: a.subject,
              SubjectType: a.subjectType,
              Issuer: a.issuer,
              Audience: a.recipient,
              NameQualifier: a.nameQualifier,
              SourceIdentity: a.sourceIdentity,
            };
            return withAssertionId(out, a.assertionId);
          }),
      },
      GetCallerIdentity: {
        handler: (ctx) => ({ UserId: ctx.caller.userId, Account: ctx.caller.accountId, Arn: ctx.caller.arn }),
      },
      DecodeAuthorizationMessage: {
        handler: async (ctx) => {
          const action = "sts:DecodeAuthorizationMessage";
          const decision = await api.authorize(ctx.caller, action, "*", {}, undefined, { now: ctx.now });
          if (decision.effect !== "Allow") throw new AwsError("AccessDenied", accessDeniedMessage(ctx.caller, action, "*", decision), { status: 403 });
          const encoded = queryString(ctx.params, "EncodedMessage");
          if (!encoded) throw new AwsError("ValidationError", "1 validation error detected: Value null at 'encodedMessage' failed to satisfy constraint: Member must not be null");
          const decoded = await api.messages.decode(encoded.trim());
          if (!decoded) {
            throw new AwsError("InvalidAuthorizationMessageException", "The message passed to DecodeAuthorizationMessage is invalid: it was not issued by this service, or it was changed.");
          }
          return { DecodedMessage: JSON.stringify(decoded) };
        },
      },
    },
  };
}
