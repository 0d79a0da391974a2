/**
 * One database per service. When the whole platform shares one server URL
 * (embedded launcher, tests, CI), each service gets its own database on it:
 * `postgres://host/market` → `postgres://host/market_order`.
 */
export function serviceDatabaseUrl(url: string, service: string): string {
  const parsed = new URL(url);
  const base = decodeURIComponent(parsed.pathname.slice(1)) || 'market';
  parsed.pathname = `/${base}_${service}`;
  return parsed.toString();
}
