// The key policy AWS writes when CreateKey is given none, character for character as GetKeyPolicy
// returns it: root of the key's account may do everything, which delegates to IAM policies.

export function defaultKeyPolicy(accountId: string): string {
  return [
    "{",
    '  "Version" : "2012-10-17",',
    '  "Id" : "key-default-1",',
    '  "Statement" : [ {',
    '    "Sid" : "Enable IAM User Permissions",',
    '    "Effect" : "Allow",',
    '    "Principal" : {',
    `      "AWS" : "arn:aws:iam::${accountId}:root"`,
    "    },",
    '    "Action" : "kms:*",',
    '    "Resource" : "*"',
    "  } ]",
    "}",
  ].join("\n");
}
