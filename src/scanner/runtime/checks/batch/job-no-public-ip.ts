import { publicIpVerdict } from '../../../../controls/judgement/batch-network';
import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { BATCH_JOB_DEFINITIONS } from '../resource-kinds';

/**
 * Batch.PrivateNetwork for job definitions: the run-time side of `CompliancePack-BatchPublicNetwork`
 * on job definitions, so a revision registered with `assignPublicIp: ENABLED` is seen; the same
 * judgement (`src/controls/judgement/batch-network.ts`).
 */
export const batchJobNoPublicIp = defineResourceCheck(
  BATCH_JOB_DEFINITIONS,
  {
    id: 'batch-job-no-public-ip',
    title: 'Batch job definitions assign no public IP to their tasks',
    severity: 'HIGH',
    remediation: 'Register a revision with networkConfiguration.assignPublicIp DISABLED (the default) and run the jobs in private subnets.',
    requiredActions: ['batch:DescribeJobDefinitions'],
  },
  (d) => (publicIpVerdict(d.assignPublicIp ?? []) === 'public'
    ? fail(d.arn, 'a task assigns a public IP (networkConfiguration.assignPublicIp ENABLED)')
    : pass(d.arn, 'no task assigns a public IP')),
);
