export { createIdpRouter } from "./app.ts";
export { idpEntityId, type IdpContext } from "./context.ts";
export { loadSigningMaterial, type IdpSigningMaterial } from "./signing-keys.ts";
export { createServiceProviderRegistry, type ServiceProvider, type ServiceProviderRegistry } from "./service-providers.ts";
export { createSessionManager } from "./session.ts";
export { createLoginThrottle } from "./login/throttle.ts";
export { idpMetadata } from "./routes/metadata.ts";
export * from "./claims/index.ts";
export * from "./saml/index.ts";
// The page frame and HTTP helpers, shared with the console's pages.
export { page, type PageOptions } from "./pages/layout.ts";
export { sendPage, newNonce, readCookies, appendCookie, field } from "./http.ts";
