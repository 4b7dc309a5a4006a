// Where to send a person after signing in: only a path on this origin, judged on the URL as a
// browser will read it. The URL parser strips TAB/CR/LF, turns backslashes into slashes and
// resolves dot segments, so "/\t/evil.example", "/\\evil.example" or "/.//evil.example" are
// off-site targets although their text starts with one "/"; each is refused here.
const BASE = "http://as-tracker.invalid";

export function safeRedirectTarget(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // the normalised path is what goes into Location: it must not read as "//host" either
  return target.startsWith("//") ? fallback : target;
}
