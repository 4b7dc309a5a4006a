// What server.ts hands to every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This request's Content-Security-Policy nonce. */
    cspNonce?: string;
  }
}
export {};
