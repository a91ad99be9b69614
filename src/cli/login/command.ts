// `federa login`: a directory login turned into AWS credentials (the programmatic exchange). Signs
// in to the IdP's form, lists the assertion's roles, takes one, calls AssumeRoleWithSAML (federa's
// STS or real AWS STS), and writes a profile, prints environment variables, or answers as a
// credential_process.
import { Command, Option } from "commander";
import { STSClient, AssumeRoleWithSAMLCommand } from "@aws-sdk/client-sts";
import { signInToIdp } from "./idp-client.ts";
import { pickRole, rolesOf, type RoleChoice } from "../../sts/index.ts";
import { credentialProcessJson, credentialsFilePath, environmentLines, writeProfile, type Credentials } from "./output.ts";
import { promptLine, readPassword } from "./password.ts";

const DEFAULT_IDP = "http://127.0.0.1:4577/idp/sso/init?sp=urn:amazon:webservices";
const DEFAULT_STS = "http://127.0.0.1:4577";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The STS endpoint: the one given; else, for an IdP on this machine (a federa on any port), that
 * federa; else federa's default address.
 */
export function stsEndpointFor(idpUrl: string, given: string | undefined): string {
  if (given) return given;
  try {
    const url = new URL(idpUrl);
    return LOOPBACK.has(url.hostname) ? url.origin : DEFAULT_STS;
  } catch {
    return DEFAULT_STS;
  }
}

interface LoginOptions {
  idpUrl: string;
  username?: string;
  passwordEnv?: string;
  passwordStdin?: boolean;
  role?: string;
  stsEndpoint?: string;
  region: string;
  duration?: string;
  profile: string;
  output: "profile" | "env" | "credential-process";
  listRoles?: boolean;
}

export function loginCommand(): Command {
  return new Command("login")
    .description("Sign in to a SAML IdP with a directory password and get AWS credentials through AssumeRoleWithSAML.")
    .option("--idp-url <url>", "the IdP's sign-in URL: federa's /idp/sso/init?sp=…, its AD FS page /adfs/ls/IdpInitiatedSignOn.aspx?loginToRp=urn:amazon:webservices, or a real AD FS", DEFAULT_IDP)
    .option("-u, --username <name>", "directory user name (alice, CORP\\alice, alice@corp.example.test); asked when absent")
    .option("--password-env <name>", "read the password from this environment variable")
    .option("--password-stdin", "read the password from the first line of stdin")
    .option("-r, --role <arn-or-name>", "the role to assume (a role ARN, or a role name); asked when several and absent")
    .option("--list-roles", "only list the roles the assertion offers")
    .option("--sts-endpoint <url>", `STS endpoint: federa's (the IdP's own address when it is on this machine, else ${DEFAULT_STS}), or https://sts.amazonaws.com for real AWS`)
    .option("--region <region>", "region for STS and the profile", "us-east-1")
    .option("--duration <seconds>", "DurationSeconds (900–43200)")
    .option("-p, --profile <name>", "profile name in the AWS shared credentials file", "federa")
    .addOption(new Option("-o, --output <how>", "where the credentials go").choices(["profile", "env", "credential-process"]).default("profile"))
    .addHelpText(
      "after",
      `
The password is never stored or printed. With --output profile (the default) the profile is
written to $AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials; then: aws sts get-caller-identity
--profile federa --endpoint-url http://127.0.0.1:4577. As a credential_process in ~/.aws/config:
  credential_process = federa login -u alice --password-env FEDERA_PASSWORD -r ADFS-Developers -o credential-process`,
    )
    .action(async (options: LoginOptions) => {
      await runLogin(options);
    });
}

export async function runLogin(options: LoginOptions): Promise<void> {
  const username = options.username ?? (await promptLine("User name: "));
  const password = await readPassword(options);
  const answer = await signInToIdp(options.idpUrl, username, password);
  const roles = rolesOf(answer.samlResponse);
  if (roles.length === 0) throw new Error("the assertion offers no AWS role");
  if (options.listRoles) {
    for (const role of roles) process.stdout.write(`${role.roleArn}\t${role.principalArn}\n`);
    return;
  }
  const role = await chooseRole(roles, options.role);
  const endpoint = stsEndpointFor(options.idpUrl, options.stsEndpoint);
  const sts = new STSClient({ region: options.region, endpoint });
  const result = await sts
    .send(
      new AssumeRoleWithSAMLCommand({
        RoleArn: role.roleArn,
        PrincipalArn: role.principalArn,
        SAMLAssertion: answer.samlResponse,
        ...(options.duration ? { DurationSeconds: Number(options.duration) } : {}),
      }),
    )
    .catch((error: unknown) => {
      // The sign-in worked; say that it is STS that could not be reached, and where.
      if ((error as { code?: unknown } | undefined)?.code === "ECONNREFUSED") throw new Error(`signed in, but no STS answers at ${endpoint} (--sts-endpoint)`);
      throw error;
    });
  const c = result.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) throw new Error("STS answered without credentials");
  const credentials: Credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  if (options.output === "env") process.stdout.write(environmentLines(credentials));
  else if (options.output === "credential-process") process.stdout.write(credentialProcessJson(credentials));
  else {
    const path = credentialsFilePath();
    writeProfile(path, options.profile, credentials, options.region);
    process.stderr.write(`Assumed ${result.AssumedRoleUser?.Arn ?? role.roleArn}; profile "${options.profile}" written to ${path}, valid until ${credentials.expiration.toISOString()}.\n`);
  }
}

async function chooseRole(roles: RoleChoice[], wanted: string | undefined): Promise<RoleChoice> {
  if (wanted) {
    const role = pickRole(roles, wanted);
    if (!role) throw new Error(`the assertion offers no role "${wanted}"; it offers: ${roles.map((r) => r.roleArn).join(", ")}`);
    return role;
  }
  if (roles.length === 1) return roles[0]!;
  if (!process.stdin.isTTY) throw new Error(`several roles are offered; choose one with --role: ${roles.map((r) => r.roleArn).join(", ")}`);
  roles.forEach((r, i) => process.stderr.write(`  [${i + 1}] ${r.roleArn}\n`));
  const answer = Number(await promptLine(`Role [1-${roles.length}]: `));
  const role = roles[answer - 1];
  if (!role) throw new Error("no such role");
  return role;
}
