import { runsOnFargate } from '../../../controls/judgement/batch-network';
import { ExecutionContainerInfo, JobDefinitionInfo } from '../model';
import { PathBuilder } from './builders';
import { LivePaths } from './live-paths';

/** What ECR image URIs look like: `<account>.dkr.ecr.<region>.amazonaws.com[...]/<repository>[:tag|@digest]`, as the synth-time model reads them. */
const ECR_IMAGE = /^(\d{12})\.dkr\.ecr\.([^.]+)\.amazonaws\.com[^/]*\/([^:@]+)/;

/**
 * The live side of the synth-time `batchExecutionRole` (src/nag/paths/model.ts): what a job's
 * execution role must do before the container starts, judged on the role's live identity policies.
 * On Fargate it pulls the image (ecr:GetAuthorizationToken on `*`, ecr:BatchGetImage and
 * ecr:GetDownloadUrlForLayer on an ECR repository; a repository of another account, whose
 * repository policy the scanner does not read, is undecided); the awslogs driver writes its group
 * (logs:CreateLogStream and logs:PutLogEvents on a stream of the group); each secret is read
 * (secretsmanager:GetSecretValue on the secret, or ssm:GetParameters on the parameter).
 */
function executionRole(live: LivePaths, def: JobDefinitionInfo, c: ExecutionContainerInfo, fargate: boolean): void {
  const inv = live.inv;
  const source = `job definition ${def.name}:${def.revision}`;
  const role = live.role(c.executionRoleArn!);
  const base = {
    principal: role.principal,
    resourceAccount: inv.accountId,
    context: {},
    mode: 'same-account' as const,
    identityPolicies: role.identity,
    unknownIdentityPolicies: role.unknownPolicies,
  };
  const ecr = fargate && c.image ? ECR_IMAGE.exec(c.image) : undefined;
  if (ecr) {
    const repoArn = `arn:${inv.partition}:ecr:${ecr[2]}:${ecr[1]}:repository/${ecr[3]}`;
    const label = `repository ${ecr[3]}`;
    live.evaluate('execution-role', def.arn, source, 'ECR', 'Ecr', { ...base, action: 'ecr:GetAuthorizationToken', resource: '*' });
    for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer']) {
      if (ecr[1] !== inv.accountId) {
        live.undecided('execution-role', def.arn, source, label, action, `the repository is of account ${ecr[1]}: its repository policy is not read`);
      } else {
        live.evaluate('execution-role', def.arn, source, label, ecr[3], { ...base, action, resource: repoArn });
      }
    }
  }
  if (c.logDriver === 'awslogs' && c.logGroup !== undefined) {
    // CloudWatch Logs authorizes both calls on the ARN of the stream being created and written.
    const streamArn = `arn:${inv.partition}:logs:${inv.region}:${inv.accountId}:log-group:${c.logGroup}:log-stream:job/default/0123456789abcdef`;
    for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
      live.evaluate('execution-role', def.arn, source, `log group ${c.logGroup}`, c.logGroup, { ...base, action, resource: streamArn });
    }
  }
  for (const secret of c.secrets) {
    const from = secret.valueFrom ?? '';
    if (/^arn:[^:]+:secretsmanager:/.test(from)) {
      const secretArn = from.split(':').slice(0, 7).join(':');
      live.evaluate('execution-role', def.arn, source, `secret ${secret.name}`, `Secret${secret.name}`, { ...base, action: 'secretsmanager:GetSecretValue', resource: secretArn });
    } else {
      const paramArn = from.startsWith('arn:') ? from : `arn:${inv.partition}:ssm:${inv.region}:${inv.accountId}:parameter/${from.replace(/^\//, '')}`;
      live.evaluate('execution-role', def.arn, source, `parameter ${secret.name}`, `Parameter${secret.name}`, { ...base, action: 'ssm:GetParameters', resource: paramArn });
    }
  }
}

/** Family `execution-role`: the execution roles of the Region's Batch job definitions. */
export const executionRolePaths: PathBuilder = {
  family: 'execution-role',
  datasets: ['batch.jobDefinitions', 'iam.authorizationDetails'],
  requiredActions: ['batch:DescribeJobDefinitions', 'iam:GetAccountAuthorizationDetails'],
  build(live) {
    const judged: string[] = [];
    for (const def of live.inv.batchJobDefinitions ?? []) {
      const fargate = runsOnFargate(def.platformCapabilities);
      for (const c of def.executionContainers ?? []) {
        if (!c.executionRoleArn) continue;
        executionRole(live, def, c, fargate);
        if (!judged.includes(def.arn)) judged.push(def.arn);
      }
    }
    return judged;
  },
};
