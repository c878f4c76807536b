import { IamRoleInfo, JobDefinitionInfo } from '../../../src/scanner/runtime/model';
import { LivePaths } from '../../../src/scanner/runtime/paths/live-paths';
import { jobDefinitionRoleArns, jobDefinitionTrust, roleTrustBuilder } from '../../../src/scanner/runtime/paths/role-trust';
import { inv } from '../checks/helpers';

const ACCOUNT = '123456789012';
const trustEcs = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

function role(name: string, trust = trustEcs): IamRoleInfo {
  return { roleName: name, arn: `arn:aws:iam::${ACCOUNT}:role/${name}`, path: '/', trustPolicy: trust, inlinePolicies: [], attachedPolicyArns: [] };
}

const DEF: JobDefinitionInfo = {
  name: 'job',
  arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/job:1`,
  revision: 1,
  privilegedFlags: [],
  taskRoles: [
    { jobRoleArn: `arn:aws:iam::${ACCOUNT}:role/job`, executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/exec` },
    { taskRoleArn: 'arn:aws:iam::999999999999:role/other', executionRoleArn: '' },
  ],
};

describe('job definition trust', () => {
  test('the roles named: job, execution and task roles of each task block, unset and empty ones left out', () => {
    expect(jobDefinitionRoleArns(DEF)).toEqual([`arn:aws:iam::${ACCOUNT}:role/job`, `arn:aws:iam::${ACCOUNT}:role/exec`, 'arn:aws:iam::999999999999:role/other']);
    expect(jobDefinitionRoleArns({ ...DEF, taskRoles: undefined })).toEqual([]);
  });

  test('ecs-tasks assumes each role of the account with the context ECS sends; another account\'s role is not judged', () => {
    const live = new LivePaths(inv({ accountId: ACCOUNT, region: 'eu-west-1', authorizationDetails: { users: [], policies: [], roles: [role('job'), role('exec', '{"Statement":[]}')] } }));
    expect(jobDefinitionTrust(live, DEF)).toBe(true);
    const paths = live.of(DEF.arn, 'role-trust');
    expect(paths.map((p) => [p.findingId, p.result.decision])).toEqual([['job::ecs-tasks.amazonaws.com', 'allowed'], ['exec::ecs-tasks.amazonaws.com', 'denied']]);
    expect(paths[0].request?.context).toMatchObject({ 'aws:SourceAccount': ACCOUNT });
    expect(jobDefinitionTrust(new LivePaths(live.inv), { ...DEF, taskRoles: [{ taskRoleArn: 'arn:aws:iam::999999999999:role/other' }] })).toBe(false);
  });

  test('the role-trust family judges job definitions through the same paths', () => {
    const live = new LivePaths(inv({ accountId: ACCOUNT, region: 'eu-west-1', batchJobDefinitions: [DEF], authorizationDetails: { users: [], policies: [], roles: [role('job'), role('exec')] } }));
    expect(roleTrustBuilder.build(live)).toEqual([DEF.arn]);
    expect(live.of(DEF.arn, 'role-trust')).toHaveLength(2);
  });
});
