export * from "./errors.ts";
export * from "./clock.ts";
export * from "./log.ts";
export * from "./html.ts";
export * from "./arn.ts";
export * from "./serving-threads.ts";
export * from "./saml-names.ts";
export * from "./trail-date.ts";
