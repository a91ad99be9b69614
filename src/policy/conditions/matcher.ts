// The shape every operator family compiles to: one function that tells whether a single request
// value matches any of the condition's policy values (IAM ORs the values of one key). It answers
// undefined when the request value is not of the operator's type (a Numeric operator meeting
// "abc"), which fails the condition whichever way the operator is negated.
import type { PreparedRequest } from "../context.ts";

export type ValueTest = (requestValue: string, request: PreparedRequest) => boolean | undefined;
