// Resource and NotResource values as IAM checks them: `*` or an ARN of the `aws` partition with a
// fully qualified service (no wildcard), no region for IAM and S3, an IAM resource type IAM knows;
// and the older "legacy" parser's requirements (a resource with `::` must have all six
// components, the service must not be empty), whose failure is "The policy failed legacy parsing".
import { Messages } from "./errors.ts";

const IAM_RESOURCE_TYPES = [
  "user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/", "server-certificate/",
  "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/",
] as const;

/** AWS's message for a malformed resource, or undefined when the value is acceptable. */
export function resourceFormatError(resource: string): string | undefined {
  if (resource === "*") return undefined;
  const parts = resource.split(":");
  if (parts.length < 2 || parts[0] !== "arn") return Messages.resourceNotArn(resource);
  const partition = parts[1] as string;
  if (partition !== "aws") {
    // AWS rebuilds the ARN in its message, "*" standing in for the components that are missing.
    const rest = parts.slice(2);
    const first = rest[0] !== "" || rest.length > 1 ? (rest[0] as string) : "*";
    const component = (i: number) => (rest.length > i ? (rest[i] as string) : "*");
    const resourcePart = rest.length > 3 ? rest.slice(3).join(":") : "*";
    return Messages.partitionInvalid(partition, `${rest.length ? first : "*"}:${component(1)}:${component(2)}:${resourcePart}`);
  }
  if (parts.length < 3) return Messages.resourceVendor;
  const service = parts[2] as string;
  if (/[*?]/.test(service)) return Messages.resourceVendor;
  if (service === "iam" && !(parts.length > 3 && parts[3] === "")) return Messages.iamRegion(resource);
  if (service === "s3" && !(parts.length > 3 && parts[3] === "")) return Messages.s3Region(resource);
  if (service === "iam") {
    const path = parts.slice(5).join(":");
    if (path !== "*" && !IAM_RESOURCE_TYPES.some((t) => path.startsWith(t))) return Messages.iamPath(IAM_RESOURCE_TYPES);
  }
  return undefined;
}

/** The legacy parser's requirements; false means "The policy failed legacy parsing". */
export function passesLegacyParsing(resource: string): boolean {
  if (resource === "*") return true;
  const colons = resource.split(":").length - 1;
  if (colons < 5 && resource.includes("::")) return false;
  return (resource.split(":")[2] ?? "") !== "";
}
