import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Analyzer types that analyze external access (the zone of trust is the account or the organization). */
const EXTERNAL_ACCESS_TYPES = new Set(['ACCOUNT', 'ORGANIZATION']);

/** IAM.28: an external access analyzer is active in the region (AccountAudit creates one unless `accessAnalyzer: false`). */
export const iamAccessAnalyzerEnabled = defineCheck(
  {
    id: 'iam-access-analyzer-enabled',
    title: 'An IAM Access Analyzer external access analyzer is active in the region',
    severity: 'HIGH',
    category: 'iam',
    resourceType: 'AWS::::Account',
    remediation: 'Create an external access analyzer (type ACCOUNT, or ORGANIZATION from the management or delegated administrator account) in the region; AccountAudit does by default.',
    requiredActions: ['access-analyzer:ListAnalyzers'],
    datasets: ['accessanalyzer.analyzers'],
    scope: 'regional',
  },
  (inv) => {
    if (inv.accessAnalyzers === undefined) return [];
    const id = `arn:${inv.partition}:access-analyzer:${inv.region}:${inv.accountId}:external-access-analyzer`;
    const external = inv.accessAnalyzers.filter((a) => EXTERNAL_ACCESS_TYPES.has(a.type));
    const active = external.filter((a) => a.status === 'ACTIVE');
    if (active.length > 0) return [pass(id, `external access analyzer ${active.map((a) => `${a.name} (${a.type})`).join(', ')} active`)];
    if (external.length > 0) return [fail(id, `no external access analyzer is ACTIVE: ${external.map((a) => `${a.name} ${a.status}`).join(', ')}`)];
    return [fail(id, 'no external access analyzer in the region')];
  },
);
