/** The dashboard filters as a query string (without the cursor unless given in `extra`), for links and exports. */
export function filtersQuery(filters: Record<string, string | undefined>, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, after: undefined, ...extra })) if (value) params.set(key, String(value));
  const s = params.toString();
  return s ? `?${s}` : "";
}
