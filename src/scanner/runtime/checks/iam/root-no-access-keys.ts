import { defineRootCheck } from './account-settings';

export const iamRootNoAccessKeys = defineRootCheck(
  {
    id: 'iam-root-no-access-keys',
    title: 'The root user has no access keys',
    severity: 'CRITICAL',
    remediation: 'Sign in as root and delete its access keys; use IAM roles for programmatic access.',
  },
  (s) => (s.accountAccessKeysPresent ? { ok: false, reason: 'root user has access keys' } : { ok: true, reason: 'root user has no access keys' }),
);
