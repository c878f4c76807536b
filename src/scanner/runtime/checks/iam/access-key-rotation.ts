import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';
import { ageInDays, IAM_REPORT_ACTIONS, users } from './credentials';

export const MAX_KEY_AGE_DAYS = 90;

export const iamAccessKeyRotation = defineCheck(
  {
    id: 'iam-access-key-rotation',
    title: `Active IAM access keys are rotated within ${MAX_KEY_AGE_DAYS} days`,
    severity: 'MEDIUM',
    category: 'iam',
    resourceType: 'AWS::IAM::User',
    remediation: 'Create a new access key, move its users to it, then deactivate and delete the old key.',
    requiredActions: IAM_REPORT_ACTIONS,
    datasets: ['iam.credentialReport'],
    scope: 'global',
  },
  (inv) =>
    users(inv.credentialReport).map((u) => {
      const keys = [
        { n: 1, active: u.accessKey1Active, rotated: u.accessKey1LastRotated },
        { n: 2, active: u.accessKey2Active, rotated: u.accessKey2LastRotated },
      ].filter((k) => k.active);
      if (keys.length === 0) return notApplicable(u.arn, 'no active access key');
      const old = keys
        .map((k) => ({ ...k, age: ageInDays(k.rotated, inv.now) }))
        .filter((k) => k.age === undefined || k.age > MAX_KEY_AGE_DAYS);
      return old.length === 0
        ? pass(u.arn, `active keys younger than ${MAX_KEY_AGE_DAYS} days`)
        : fail(u.arn, old.map((k) => `key ${k.n} is ${k.age ?? 'of unknown age'} days old`).join('; '));
    }),
);
