import type { Role, UserStatus } from './user';

/** Statuses that bar a user: they need a reason, and setting one ends the user's sessions and grants at once. */
export const BARRING_STATUSES: ReadonlySet<UserStatus> = new Set(['SUSPENDED', 'BLOCKED', 'DELETED']);

/** Longest status reason kept (the column size). */
export const MAX_STATUS_REASON = 500;

export type StatusChangeProblem = { field: 'id' | 'reason'; message: string; code: 'BAD_USER_INPUT' | 'FORBIDDEN' };

/** What is wrong with an admin's status change, or null. `reason` is the trimmed reason (empty when none). */
export function statusChangeProblem(actorId: string, targetId: string, status: UserStatus, reason: string): StatusChangeProblem | null {
  if (actorId.toLowerCase() === targetId.toLowerCase()) {
    return { field: 'id', code: 'FORBIDDEN', message: 'You cannot change your own status' };
  }
  if (BARRING_STATUSES.has(status) && !reason) {
    return { field: 'reason', code: 'BAD_USER_INPUT', message: `A reason is required to set a user ${status}` };
  }
  if (reason.length > MAX_STATUS_REASON) {
    return { field: 'reason', code: 'BAD_USER_INPUT', message: `The reason must be at most ${MAX_STATUS_REASON} characters` };
  }
  return null;
}

/** Whether an admin may take `role` from `targetId` (nobody removes their own ADMIN role: an admin always remains). */
export function canRevokeRole(actorId: string, targetId: string, role: Role): boolean {
  return !(role === 'ADMIN' && actorId.toLowerCase() === targetId.toLowerCase());
}

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\bVersion\/[\d.]+.*Safari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
  [/\bnode\b|undici/i, 'Node.js'],
];
const SYSTEMS: [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** A short description of a device from its user agent ("Chrome on Linux"), or null when nothing is recognised. */
export function describeDevice(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? null;
}
