// federa's command line.
import { Command } from "commander";
import { isFederaError } from "../shared/index.ts";
import { startCommand } from "./start.ts";
import { loginCommand } from "./login/command.ts";
import { trailCommand } from "./trail/command.ts";

export async function main(argv: string[]): Promise<void> {
  const program = new Command("federa")
    .description("AWS identity federation and KMS on one machine: a SAML IdP over LDAP/Active Directory, STS, KMS and S3 SSE-KMS, offline.")
    .showHelpAfterError()
    .addCommand(startCommand())
    .addCommand(loginCommand())
    .addCommand(trailCommand());
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (isFederaError(error)) {
      process.stderr.write(`federa: ${error.message}\n`);
      process.exit(2);
    }
    const name = (error as Error)?.name;
    if (error instanceof Error && (name === "Error" || (error as { $metadata?: unknown }).$metadata)) {
      // Plain usage errors and AWS service errors: say what happened, no stack.
      process.stderr.write(`federa: ${name !== "Error" ? `${name}: ` : ""}${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
