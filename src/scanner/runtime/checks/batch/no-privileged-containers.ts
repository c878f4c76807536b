import { privilegedVerdict } from '../../../../controls/judgement/batch-job';
import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { BATCH_JOB_DEFINITIONS } from '../resource-kinds';

/** Batch.PrivilegedContainer: the run-time side of `CompliancePack-BatchPrivilegedContainer`, so a privileged revision registered outside the pipeline is seen. */
export const batchNoPrivilegedContainers = defineResourceCheck(
  BATCH_JOB_DEFINITIONS,
  {
    id: 'batch-no-privileged-containers',
    title: 'Batch containers do not run privileged',
    severity: 'HIGH',
    remediation: 'Register a revision without privileged: true (containerProperties.privileged, or the EKS securityContext.privileged), then deregister the privileged revision.',
    requiredActions: ['batch:DescribeJobDefinitions'],
  },
  (d) => {
    const n = d.privilegedFlags.filter((f) => f === true).length;
    return privilegedVerdict(d.privilegedFlags) === 'privileged' ? fail(d.arn, `${n} of ${d.privilegedFlags.length} container(s) run privileged`) : pass(d.arn, 'no privileged container');
  },
);
