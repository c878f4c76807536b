/**
 * The backup selection judgement (which tables a selection assigns), and the scheduler builder's
 * universal targets, on inventories built by hand.
 */
import { inv, only } from './helpers';
import { arnMatches, selectionCovers } from '../../../src/controls/judgement/backup-selection';
import { dynamodbTableInBackupPlan } from '../../../src/scanner/runtime/checks/backup/dynamodb-table-in-backup-plan';
import { schedulerTargetAuthorized } from '../../../src/scanner/runtime/checks/scheduler/target-authorized';
import { BackupSelectionInfo, IamRoleInfo } from '../../../src/scanner/runtime/model';

const TABLE = 'arn:aws:dynamodb:eu-west-1:123456789012:table/jobs.v1';
const sel = (extra: Partial<BackupSelectionInfo>): BackupSelectionInfo => ({ planId: 'p', planName: 'plan', selectionId: 's', selectionName: 'sel', resources: [], ...extra });

describe('backup selections', () => {
  test('patterns: * matches any run, other characters literally', () => {
    expect(arnMatches('*', TABLE)).toBe(true);
    expect(arnMatches('arn:aws:dynamodb:*:*:table/*', TABLE)).toBe(true);
    expect(arnMatches('arn:aws:dynamodb:eu-west-1:123456789012:table/jobs.v1', TABLE)).toBe(true);
    // a dot is not a regex wildcard
    expect(arnMatches('arn:aws:dynamodb:eu-west-1:123456789012:table/jobsXv1', 'arn:aws:dynamodb:eu-west-1:123456789012:table/jobs.v1')).toBe(false);
    expect(arnMatches('arn:aws:dynamodb:eu-west-1:123456789012:table/jobs.v1', 'arn:aws:dynamodb:eu-west-1:123456789012:table/jobsXv1')).toBe(false);
    expect(arnMatches('arn:aws:dynamodb:*:*:table/other', TABLE)).toBe(false);
  });

  test('NotResources excludes, Conditions and ListOfTags are undecidable', () => {
    expect(selectionCovers({ resources: ['*'], notResources: [TABLE] }, TABLE)).toBe('no');
    expect(selectionCovers({ resources: ['*'], conditions: ['StringEquals aws:ResourceTag/backup=yes'] }, TABLE)).toBe('tags');
    expect(selectionCovers({ resources: [], listOfTags: ['backup=yes'] }, TABLE)).toBe('tags');
    expect(selectionCovers({ resources: ['arn:aws:s3:::*'] }, TABLE)).toBe('no');
  });

  test('a definite selection passes even when another one is undecidable; a table with no table list is ERROR', () => {
    const table = { name: 'jobs.v1', arn: TABLE };
    const undecidable = sel({ selectionName: 'tags', resources: undefined, error: 'AccessDeniedException' });
    expect(only(dynamodbTableInBackupPlan, inv({ dynamoDbTables: [table], backupSelections: [undecidable, sel({ resources: [TABLE] })] })).status).toBe('PASS');
    expect(only(dynamodbTableInBackupPlan, inv({ dynamoDbTables: [table], backupSelections: [undecidable] })).status).toBe('ERROR');
    expect(only(dynamodbTableInBackupPlan, inv({ dynamoDbTables: [table] })).status).toBe('ERROR');
    expect(only(dynamodbTableInBackupPlan, inv({ dynamoDbTables: [table], backupSelections: [sel({ resources: ['arn:aws:dynamodb:*:*:table/other'] })] })).status).toBe('FAIL');
  });
});

describe('scheduler universal targets', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/r';
  const role = (statement: object): IamRoleInfo => ({
    roleName: 'r', arn: ROLE, path: '/', trustPolicy: '{}', inlinePolicies: [{ name: 'p', document: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }) }], attachedPolicyArns: [],
  });
  const schedule = (target: string) => ({
    name: 's', groupName: 'default', arn: 'arn:aws:scheduler:eu-west-1:123456789012:schedule/default/s', target: { arn: target, roleArn: ROLE, deadLetterArn: null }, kmsKeyArn: null,
  });
  const judge = (target: string, statement: object) => only(schedulerTargetAuthorized, inv({
    schedules: [schedule(target)], authorizationDetails: { users: [], policies: [], roles: [role(statement)] }, snsTopics: [],
  }));

  test('the action is <IAM prefix>:<Action>; only a grant on every resource decides (the input\'s resources are not known)', () => {
    expect(judge('arn:aws:scheduler:::aws-sdk:sfn:startExecution', { Effect: 'Allow', Action: 'states:StartExecution', Resource: '*' }).status).toBe('PASS');
    const other = judge('arn:aws:scheduler:::aws-sdk:sfn:startExecution', { Effect: 'Allow', Action: 'sfn:StartExecution', Resource: '*' });
    expect(other.status).toBe('ERROR');
    expect(other.reason).toContain('does not allow states:StartExecution on every resource');
    expect(judge('arn:aws:scheduler:::aws-sdk:sqs:sendMessage', { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:123456789012:q' }).status).toBe('ERROR');
  });

  test('a role the authorization details do not list is undecidable, never PASS', () => {
    const result = only(schedulerTargetAuthorized, inv({ schedules: [schedule('arn:aws:sns:eu-west-1:123456789012:t')], authorizationDetails: { users: [], policies: [], roles: [] } }));
    expect(result.status).toBe('ERROR');
  });
});
