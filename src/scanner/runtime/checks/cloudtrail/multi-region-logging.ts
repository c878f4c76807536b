import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const cloudtrailMultiRegionLogging = defineCheck(
  {
    id: 'cloudtrail-multi-region-logging',
    title: 'A multi-region CloudTrail trail is logging',
    severity: 'HIGH',
    category: 'cloudtrail',
    resourceType: 'AWS::::Account',
    remediation: 'Create a multi-region trail with management events (or an organization trail) and start logging.',
    requiredActions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus'],
    datasets: ['cloudtrail.trails'],
    scope: 'regional',
  },
  (inv) => {
    if (!inv.trails) return [];
    const id = `arn:${inv.partition}:cloudtrail:${inv.region}:${inv.accountId}:trails`;
    const good = inv.trails.filter((t) => t.isMultiRegion && t.isLogging);
    return [
      good.length > 0
        ? pass(id, `covered by ${good.map((t) => t.name).join(', ')}`)
        : fail(id, inv.trails.length === 0 ? 'no trail covers this region' : 'no logging multi-region trail covers this region'),
    ];
  },
);
