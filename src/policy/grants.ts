// Grants (KMS) are an extra way to allow: the caller evaluates a key's grants (grantee, operations,
// constraints) and hands evaluation a hook that names the grant allowing this request, if any.
// A grant never overrides an explicit deny. `grantsFor` builds the hook from a plain list.
import type { RequestContext } from "./types.ts";

/** Returns the id of a grant that allows the request, or undefined. */
export type GrantHook = (request: RequestContext) => string | undefined;

export interface GrantAllowance {
  readonly grantId: string;
  /** The grantee: a principal ARN, compared with the caller's ARN and, for sessions, its role's. */
  readonly granteePrincipal: string;
  /** Operations as KMS names them (`Encrypt`) or as actions (`kms:Encrypt`). */
  readonly operations: readonly string[];
  /** Constraints the caller checks (encryption context); absent means none. */
  readonly accepts?: (request: RequestContext) => boolean;
}

export function grantsFor(grants: readonly GrantAllowance[], service = "kms"): GrantHook {
  const prepared = grants.map((g) => ({
    grant: g,
    operations: new Set(g.operations.map((op) => (op.includes(":") ? op : `${service}:${op}`).toLowerCase())),
  }));
  return (request) => {
    const action = request.action.toLowerCase();
    const { arn, roleArn } = request.principal;
    for (const { grant, operations } of prepared) {
      if (!operations.has(action)) continue;
      if (grant.granteePrincipal !== arn && grant.granteePrincipal !== roleArn) continue;
      if (grant.accepts && !grant.accepts(request)) continue;
      return grant.grantId;
    }
    return undefined;
  };
}
