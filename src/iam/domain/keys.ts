// How IAM entities are keyed in the store: names are unique per account without regard to case,
// as in IAM, so entity keys are lower-cased; a role's policies are keyed under the role.
export const roleKey = (roleName: string) => roleName.toLowerCase();
export const userKey = (userName: string) => userName.toLowerCase();
/** A role's inline policy: the role's key, a newline, the policy's name. */
export const rolePolicyKey = (roleName: string, policyName: string) => `${roleKey(roleName)}\n${policyName}`;
/** A managed policy attached to a role: the role's key, a newline, the policy's ARN. */
export const roleAttachmentKey = (roleName: string, policyArn: string) => `${roleKey(roleName)}\n${policyArn}`;
/** The prefix of everything keyed under a role. */
export const underRole = (roleName: string) => `${roleKey(roleName)}\n`;
