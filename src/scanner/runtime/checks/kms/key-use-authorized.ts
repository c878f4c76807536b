import { describeDecision } from '../../../../controls/judgement/data-paths';
import { CheckResult, DatasetKey, errored, fail, notApplicable, pass } from '../../model';
import { PATH_BUILDERS } from '../../paths/builders';
import { LivePath, LivePaths, regionOfArn, UNDECIDED } from '../../paths/live-paths';
import { defineCheck } from '../define';

const KEY_DATASETS: DatasetKey[] = ['kms.keys'];
const KEY_ACTIONS = ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'];

/**
 * KMS.UseAuthorized: the run-time side of `CompliancePack-KmsKeyUseAuthorized`. Every family's
 * builder (`PATH_BUILDERS`) adds its key-use paths (a service or role encrypting with a topic's,
 * queue's, log group's or bucket's key); they are judged against the live key policies and reported
 * per key, so a key policy edited in the console that locks out a writer is seen.
 */
export const kmsKeyUseAuthorized = defineCheck(
  {
    id: 'kms-key-use-authorized',
    title: 'Services and roles that encrypt with a key may use it',
    severity: 'HIGH',
    category: 'kms',
    resourceType: 'AWS::KMS::Key',
    remediation: 'Add the key policy statement the finding names (the service principal with the conditions it meets, or the role\'s account), and allow the key in the role\'s policy.',
    requiredActions: [...new Set([...KEY_ACTIONS, ...PATH_BUILDERS.flatMap((b) => b.requiredActions)])],
    datasets: [...new Set([...KEY_DATASETS, ...PATH_BUILDERS.flatMap((b) => b.datasets)])],
    scope: 'regional',
  },
  (inv) => {
    const live = new LivePaths(inv);
    PATH_BUILDERS.forEach((b) => b.build(live));
    const byKey = new Map<string, LivePath[]>();
    for (const p of live.paths.filter((x) => x.family === 'key-use')) {
      const key = p.key ?? 'an unnamed key';
      byKey.set(key, [...(byKey.get(key) ?? []), p]);
    }
    const results: CheckResult[] = [...byKey].map(([key, paths]) => keyResult(key, paths, inv.region));
    for (const k of inv.kmsKeys ?? []) {
      if (k.keyManager === 'CUSTOMER' && !byKey.has(k.arn)) {
        results.push(notApplicable(k.arn, 'no path the scanner models encrypts with it'));
      }
    }
    return results;
  },
);

function keyResult(key: string, paths: LivePath[], region: string): CheckResult {
  const keyRegion = regionOfArn(key);
  const other = keyRegion !== undefined && keyRegion !== region ? keyRegion : undefined;
  const denied = paths.filter((p) => p.result.decision === 'denied');
  if (denied.length > 0) {
    return fail(key, denied.map((p) => describeDecision(p, UNDECIDED)).join(' '), other);
  }
  const undecided = paths.filter((p) => p.result.decision === 'unknown');
  if (undecided.length > 0) {
    return errored(key, undecided.map((p) => describeDecision(p, UNDECIDED)).join(' '), other);
  }
  return pass(key, `${paths.length === 1 ? 'its use is' : `all ${paths.length} uses are`} allowed: ${paths.map((p) => `${p.action} by ${p.source}`).join(', ')}`, other);
}
