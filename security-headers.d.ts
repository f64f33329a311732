// Types of security-headers.js (plain JavaScript, so next.config.js can load it as it is).

export function contentSecurityPolicy(options: { production: boolean; nonce?: string }): string;

export const RESOURCE_POLICY: string;

export function headerRules(mode: {
  production: boolean;
}): { source: string; headers: { key: string; value: string }[] }[];

export function securityHeaders(mode: { production: boolean }): { key: string; value: string }[];
