import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const s3AccountPublicAccessBlock = defineCheck(
  {
    id: 's3-account-public-access-block',
    title: 'S3 Block Public Access is on at the account level',
    severity: 'HIGH',
    category: 's3',
    resourceType: 'AWS::::Account',
    remediation: 'Turn on all four account-level S3 Block Public Access settings.',
    requiredActions: ['s3:GetAccountPublicAccessBlock'],
    datasets: ['s3.accountPublicAccessBlock'],
    scope: 'global',
  },
  (inv) => {
    if (inv.s3AccountPublicAccessBlock === undefined) return [];
    const id = `arn:${inv.partition}:s3:::account/${inv.accountId}`;
    const p = inv.s3AccountPublicAccessBlock;
    const off = p
      ? (['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const).filter((k) => !p[k])
      : ['no account public access block configuration'];
    return [off.length === 0 ? pass(id, 'all four settings on') : fail(id, `off: ${off.join(', ')}`)];
  },
);
