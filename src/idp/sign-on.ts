// A sign-on in progress: which SP, where to post, and the request being answered. Carried through
// the login form sealed (HMAC), so the form cannot be pointed at another SP or ACS.

export interface SignOnRequest {
  sp: string;
  acsUrl: string;
  relayState?: string;
  /** The AuthnRequest's ID, echoed as InResponseTo. */
  requestId?: string;
  forceAuthn?: boolean;
  /** Which sign-in page the user sees: federa's or AD FS's. */
  flavour: "federa" | "adfs";
  /** Milliseconds since the epoch after which the form is stale. */
  exp: number;
}

export const SIGN_ON_PURPOSE = "idp-sign-on";
/** How long a login form stays valid. */
export const SIGN_ON_TTL_MS = 15 * 60_000;
