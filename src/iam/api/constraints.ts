// The iam 2010-05-08 service model's constraints on the parameters federa reads, with the
// patterns exactly as the model writes them (AWS quotes them in ValidationError messages).

export interface StringConstraint {
  readonly min?: number;
  readonly max?: number;
  /** The model's pattern; the whole value must match it. */
  readonly pattern?: string;
}

export interface IntegerConstraint {
  readonly min: number;
  readonly max: number;
}

const NAME = "[\\w+=,.@-]+";
const DOCUMENT = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";

export const C = {
  roleName: { min: 1, max: 64, pattern: NAME },
  userName: { min: 1, max: 64, pattern: NAME },
  existingUserName: { min: 1, max: 128, pattern: NAME },
  policyName: { min: 1, max: 128, pattern: NAME },
  path: { min: 1, max: 512, pattern: "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)" },
  policyPath: { min: 1, max: 512, pattern: "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/" },
  pathPrefix: { min: 1, max: 512, pattern: "\\u002F[\\u0021-\\u007F]*" },
  policyDocument: { min: 1, max: 131072, pattern: DOCUMENT },
  roleDescription: { max: 1000, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*" },
  policyDescription: { max: 1000 },
  arn: { min: 20, max: 2048 },
  marker: { min: 1, max: 320, pattern: "[\\u0020-\\u00FF]+" },
  samlProviderName: { min: 1, max: 128, pattern: "[\\w._-]+" },
  samlMetadataDocument: { min: 1000, max: 10000000 },
  accessKeyId: { min: 16, max: 128, pattern: "[\\w]+" },
  tagKey: { min: 1, max: 128, pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+" },
  tagValue: { min: 0, max: 256, pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*" },
} as const satisfies Record<string, StringConstraint>;

export const MAX_ITEMS: IntegerConstraint = { min: 1, max: 1000 };
export const MAX_SESSION_DURATION: IntegerConstraint = { min: 3600, max: 43200 };
export const MAX_TAGS = 50;
