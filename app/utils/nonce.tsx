import { createContext, useContext } from "react";

// The per-request CSP nonce, set on the server (entry.server.tsx) so that the
// scripts Remix renders carry it; the browser never needs to know it.
const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
