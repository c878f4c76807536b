import { fail, notApplicable, pass } from '../../model';
import { defineCheck } from '../define';

export const cloudtrailLogValidation = defineCheck(
  {
    id: 'cloudtrail-log-validation',
    title: 'CloudTrail trails have log file validation enabled',
    severity: 'LOW',
    category: 'cloudtrail',
    resourceType: 'AWS::CloudTrail::Trail',
    remediation: 'Enable log file integrity validation on the trail.',
    requiredActions: ['cloudtrail:DescribeTrails'],
    datasets: ['cloudtrail.trails'],
    scope: 'regional',
  },
  (inv) =>
    (inv.trails ?? []).map((t) => {
      if (t.homeRegion !== inv.region) return notApplicable(t.arn, `evaluated in its home region ${t.homeRegion}`);
      return t.logFileValidationEnabled ? pass(t.arn, 'log file validation on') : fail(t.arn, 'log file validation off');
    }),
);
