// POST /saml: the emulated AWS sign-in endpoint. A browser posts the IdP's SAMLResponse here. The
// assertion is validated as STS validates it; with several roles AWS's role chooser is shown
// (checking the signature without spending the assertion), then the chosen role is assumed
// in-process (spending it) and a console session is opened.
import type { Request, Response } from "express";
import { assumeRoleWithSaml, isStsSamlError, providerTrust, rolesOf, validateSamlAssertion, StsError, type RoleChoice } from "../sts/index.ts";
import { field, newNonce, sendPage } from "../idp/index.ts";
import type { ConsoleContext } from "./context.ts";
import { roleChooserPage } from "./role-chooser.ts";
import { setConsoleSession } from "./session.ts";
import { consoleMessage } from "./pages.ts";

const NEVER_SEEN = { seen: () => false };

export async function acs(ctx: ConsoleContext, req: Request, res: Response): Promise<void> {
  const samlResponse = field(req.body, "SAMLResponse");
  const relayState = field(req.body, "RelayState");
  if (!samlResponse) return refuse(res, 400, "No SAML response", "This is AWS's sign-in endpoint: it expects a SAMLResponse posted by your identity provider.");
  let roles: RoleChoice[];
  try {
    roles = rolesOf(samlResponse);
  } catch {
    return refuse(res, 400, "Your request included an invalid SAML response", "The SAML response could not be read.");
  }
  if (roles.length === 0) return refuse(res, 403, "Your request included an invalid SAML response", "The SAML response offers no AWS role.");
  const chosen = field(req.body, "roleIndex");
  if (chosen === undefined && roles.length > 1) {
    const problem = await checkWithoutSpending(ctx, samlResponse, roles[0]!);
    if (problem) return refuse(res, problem.status, "Your request included an invalid SAML response", problem.message);
    const nonce = newNonce();
    return sendPage(res, 200, roleChooserPage({ nonce, samlResponse, ...(relayState ? { relayState } : {}), roles }), nonce);
  }
  const role = chosen === undefined ? roles[0]! : roles.find((r) => r.roleArn === chosen);
  if (!role) return refuse(res, 400, "Select a role", "The selected role is not one that your SAML response offers.");
  try {
    const result = await assumeRoleWithSaml(ctx.sts, { RoleArn: role.roleArn, PrincipalArn: role.principalArn, SAMLAssertion: samlResponse }, ctx.clock.now());
    setConsoleSession(res, result.credentials, ctx.secureCookies);
    ctx.logger.info({ event: "console.sign_in", arn: result.assumedRoleUser.arn }, "console session opened");
    res.redirect(303, "/console");
  } catch (error) {
    if (isStsSamlError(error) || error instanceof StsError) {
      ctx.logger.info({ event: "console.sign_in_refused", code: error.code }, "console sign-in refused");
      return refuse(res, error.status, "Your request included an invalid SAML response", `${error.code}: ${error.message}`);
    }
    throw error;
  }
}

/** Validates the assertion for one of its roles without recording its ID: the chooser comes first. */
async function checkWithoutSpending(ctx: ConsoleContext, samlResponse: string, role: RoleChoice): Promise<{ status: number; message: string } | undefined> {
  const provider = await ctx.iam.findSamlProviderByArn(role.principalArn);
  if (!provider) return { status: 400, message: "InvalidIdentityToken: SAML provider does not exist" };
  try {
    await validateSamlAssertion(
      {
        samlAssertion: samlResponse,
        roleArn: role.roleArn,
        principalArn: role.principalArn,
        provider: providerTrust(provider),
        acceptedRecipients: ctx.sts.acceptedRecipients,
        now: ctx.clock.now(),
        replay: NEVER_SEEN,
      },
      // Only the assertion is checked here; the trust policy is evaluated when the role is assumed.
      { evaluateTrustPolicy: () => ({ allowed: true }), checkAssertion: ctx.sts.checkAssertion },
    );
    return undefined;
  } catch (error) {
    if (isStsSamlError(error)) return { status: error.status, message: `${error.code}: ${error.message}` };
    throw error;
  }
}

function refuse(res: Response, status: number, title: string, message: string): void {
  const nonce = newNonce();
  sendPage(res, status, consoleMessage({ nonce, title, message, link: { href: "/idp/sso/init?sp=urn:amazon:webservices", text: "Sign in again" } }), nonce);
}
