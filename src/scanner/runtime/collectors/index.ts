import { DatasetKey } from '../model';
import * as accessanalyzer from './accessanalyzer';
import * as backup from './backup';
import * as batch from './batch';
import * as cloudwatch from './cloudwatch';
import * as config from './config';
import { CollectContext } from './context';
import * as dynamodb from './dynamodb';
import * as ec2 from './ec2';
import * as ec2Instances from './ec2-instances';
import * as ec2Network from './ec2-network';
import * as events from './events';
import * as guardduty from './guardduty';
import * as iam from './iam';
import * as logs from './logs';
import * as others from './others';
import * as s3 from './s3';
import * as scheduler from './scheduler';
import * as sfn from './sfn';
import * as sns from './sns';
import * as sqs from './sqs';

export type Collector = (ctx: CollectContext, region: string) => Promise<unknown>;

/** How each dataset is collected. Global datasets ignore `region`. */
export const COLLECTORS: Record<DatasetKey, Collector> = {
  's3.buckets': (ctx) => s3.buckets(ctx),
  's3.accountPublicAccessBlock': (ctx) => s3.accountPublicAccessBlock(ctx),
  'ec2.securityGroups': ec2.securityGroups,
  'ec2.networkAcls': ec2.networkAcls,
  'ec2.volumes': ec2.volumes,
  'ec2.ebsEncryptionByDefault': ec2.ebsEncryptionByDefault,
  'ec2.snapshots': ec2.snapshots,
  'ec2.vpcs': ec2.vpcs,
  'ec2.flowLogs': ec2.flowLogs,
  'ec2.vpcEndpoints': ec2Network.vpcEndpoints,
  'ec2.subnets': ec2Network.subnets,
  'ec2.routeTables': ec2Network.routeTables,
  'iam.authorizationDetails': (ctx) => iam.authorizationDetails(ctx),
  'iam.credentialReport': (ctx) => iam.credentialReport(ctx),
  'iam.passwordPolicy': (ctx) => iam.passwordPolicy(ctx),
  'iam.accountSummary': (ctx) => iam.accountSummary(ctx),
  'cloudtrail.trails': others.trails,
  'kms.keys': others.kmsKeys,
  'lambda.functions': others.lambdaFunctions,
  'rds.instances': others.dbInstances,
  'sns.topics': sns.topics,
  'dynamodb.tables': dynamodb.tables,
  'batch.jobDefinitions': batch.jobDefinitions,
  'batch.computeEnvironments': batch.computeEnvironments,
  'ec2.instances': ec2Instances.instances,
  'logs.logGroups': logs.logGroups,
  'accessanalyzer.analyzers': accessanalyzer.analyzers,
  'config.recorders': config.recorders,
  'sqs.queues': sqs.queues,
  'cloudwatch.alarms': cloudwatch.alarms,
  'events.rules': events.rules,
  'backup.protectedResources': backup.selections,
  'guardduty.detectors': guardduty.detectors,
  'scheduler.schedules': scheduler.schedules,
  'sfn.stateMachines': sfn.stateMachines,
};

export type { CollectContext } from './context';
