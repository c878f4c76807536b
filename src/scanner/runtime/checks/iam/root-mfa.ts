import { defineRootCheck } from './account-settings';

export const iamRootMfa = defineRootCheck(
  {
    id: 'iam-root-mfa',
    title: 'The root user has MFA enabled',
    severity: 'CRITICAL',
    remediation: 'Sign in as root and register an MFA device (hardware or passkey preferred).',
  },
  (s) => (s.accountMfaEnabled ? { ok: true, reason: 'root MFA enabled' } : { ok: false, reason: 'root user has no MFA' }),
);
