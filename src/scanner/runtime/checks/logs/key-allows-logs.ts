import { keyPolicyAllowsLogs } from '../../../../controls/judgement/log-groups';
import { statementsOf } from '../../../../policy/template-values';
import { errored, fail, notApplicable, pass } from '../../model';
import { accountOfArn, regionOfArn } from '../../paths/live-paths';
import { defineResourceCheck } from '../define';
import { LOG_GROUPS } from '../resource-kinds';

/**
 * Logs.KeyAllowsLogs: the run-time side of `CompliancePack-LogGroupKeyAllowsLogs`, so a key policy
 * edited after deployment (or a key associated in the console) that shuts CloudWatch Logs out is
 * seen; the same judgement (`src/controls/judgement/log-groups.ts`) over the live key policy.
 */
export const logsKeyAllowsLogs = defineResourceCheck(
  LOG_GROUPS,
  {
    id: 'logs-key-allows-logs',
    title: 'A log group\'s KMS key lets CloudWatch Logs use it',
    severity: 'HIGH',
    remediation: 'Add a statement to the key policy that allows the service principal logs.<region>.amazonaws.com kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey* and kms:Describe*, conditioned on kms:EncryptionContext:aws:logs:arn (ComplianceLogGroup\'s key policy does).',
    requiredActions: ['logs:DescribeLogGroups', 'kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyPolicy'],
    datasets: ['logs.logGroups', 'kms.keys'],
  },
  (g, _id, inv) => {
    const ref = g.kmsKeyId;
    if (ref === null || ref === undefined || ref === '') return notApplicable(g.arn, 'not encrypted with a KMS key');
    const keyAccount = accountOfArn(ref);
    if (keyAccount !== undefined && keyAccount !== inv.accountId) {
      return notApplicable(g.arn, `its key ${ref} is a key of account ${keyAccount}, whose policy the scanner does not read`);
    }
    if (inv.kmsKeys === undefined) return errored(g.arn, `could not judge its key ${ref}: the KMS keys were not read`);
    const id = ref.includes(':key/') ? ref.split(':key/')[1] : ref;
    const key = inv.kmsKeys.find((k) => k.arn === ref || k.keyId === id);
    if (!key) {
      const region = regionOfArn(ref);
      return region === undefined || region === inv.region
        ? fail(g.arn, `its key ${ref} does not exist in the Region: CloudWatch Logs cannot encrypt or decrypt its events`)
        : errored(g.arn, `its key ${ref} is not a key of the Region the scanner read`);
    }
    if (key.keyManager !== 'CUSTOMER') {
      return fail(g.arn, `its key ${key.arn} is an AWS managed key, whose policy does not let CloudWatch Logs use it`);
    }
    if (key.policy === undefined) return errored(g.arn, `could not read the policy of its key ${key.arn} (GetKeyPolicy)`);
    const statements = statementsOf(key.policy);
    if (statements === undefined) return errored(g.arn, `the policy of its key ${key.arn} is not a JSON policy document`);
    return keyPolicyAllowsLogs(statements)
      ? pass(g.arn, `the policy of its key ${key.arn} allows CloudWatch Logs kms:GenerateDataKey and kms:Decrypt`)
      : fail(g.arn, `the policy of its key ${key.arn} does not allow the CloudWatch Logs service principal kms:GenerateDataKey and kms:Decrypt`);
  },
);
