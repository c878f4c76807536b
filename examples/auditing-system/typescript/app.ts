/**
 * The infrastructure compliance auditing system of seed review 002_d92724b23843a58b, rebuilt from this
 * library: an audited VPC, the account audit baseline (CloudTrail, AWS Config, GuardDuty findings to
 * an alert topic) and the compliance scanner with remediation (dry run), alarms and a dashboard.
 * The environment suffix is a stack prop, never a CfnParameter, and every key resource is an output.
 *
 * Run it (synthesizes into ./cdk.out with every cdk-nag pack, prints the per-pack summary, exits 1 on
 * any finding):
 *
 *   npx ts-node --project tsconfig.dev.json examples/auditing-system/typescript/app.ts
 */
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnOutput, Fn, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AccountAudit, AuditedVpc, ComplianceScanner, FindingSeverity, NagReport } from '../../../src';

/** Where the stack deploys: an explicit account and Region, as compliance teams pin them. */
export const ENV = { account: '123456789012', region: 'us-east-1' };

/** Properties of the auditing system. */
export interface AuditingSystemStackProps extends StackProps {
  /** Suffix of the environment (`dev`, `prod1`), part of resource names: 1 to 8 lowercase letters and digits. */
  readonly environmentSuffix: string;
}

const SUFFIX = /^[a-z0-9]{1,8}$/;

/** The auditing system of one environment. */
export class AuditingSystemStack extends Stack {
  public readonly network: AuditedVpc;
  public readonly audit: AccountAudit;
  public readonly scanner: ComplianceScanner;

  constructor(scope: Construct, id: string, props: AuditingSystemStackProps) {
    super(scope, id, props);
    const suffix = props.environmentSuffix;
    if (!SUFFIX.test(suffix)) {
      throw new Error(`${this.node.path}: invalid environmentSuffix: '${suffix}'. Allowed: 1 to 8 lowercase letters and digits, for example 'dev'.`);
    }

    // Flow logs, endpoints on every route table, locked default security group, no open egress.
    this.network = new AuditedVpc(this, 'Network', {
      cidr: '10.30.0.0/16',
      // Two zones picked at deploy time (Fn::GetAZs) rather than named in the template.
      availabilityZones: [0, 1].map((i) => Fn.select(i, Fn.getAzs())),
    });

    // CloudTrail, AWS Config (recorder, delivery channel, rules) and GuardDuty findings to an alert topic.
    this.audit = new AccountAudit(this, 'Audit', {
      findingSeverity: FindingSeverity.MEDIUM,
      alertEmails: ['security-alerts@example.com'],
    });

    // The scanner alerts on the audit topic; remediation records what it would fix and fixes nothing.
    this.scanner = new ComplianceScanner(this, 'Scanner', {
      alertTopic: this.audit.alertTopic,
      remediation: { dryRun: true },
      namePrefix: `audit-${suffix}`,
    });

    new CfnOutput(this, 'VpcId', { value: this.network.vpcId, description: 'Audited VPC' });
    new CfnOutput(this, 'FlowLogGroupName', { value: this.network.flowLogGroup.logGroupName, description: 'Log group of the VPC flow logs' });
    new CfnOutput(this, 'TrailArn', { value: this.audit.trailArn, description: 'Multi-Region CloudTrail trail' });
    new CfnOutput(this, 'AuditBucketName', { value: this.audit.bucket.bucketName, description: 'Bucket of the CloudTrail logs and AWS Config snapshots' });
    new CfnOutput(this, 'AlertTopicArn', { value: this.audit.alertTopic.topicArn, description: 'Topic of GuardDuty findings, scan alerts and alarms' });
    new CfnOutput(this, 'ScanFunctionName', { value: this.scanner.scanFunction.functionName, description: 'Scanner function (invoke it for an on-demand scan)' });
    new CfnOutput(this, 'RemediationFunctionName', { value: this.scanner.remediationFunction!.functionName, description: 'Remediation function (dry run)' });
    new CfnOutput(this, 'FindingsTableName', { value: this.scanner.findingsTable.tableName, description: 'DynamoDB table of the scan findings' });
    new CfnOutput(this, 'ReportBucketName', { value: this.scanner.reportBucket.bucketName, description: 'Bucket of the scan reports and remediation records' });
    new CfnOutput(this, 'DashboardName', { value: this.scanner.dashboard.dashboardName, description: 'CloudWatch dashboard of scores and findings' });
  }
}

/** Build the app's stacks into `app`. */
export function buildAuditingSystemApp(app: App, environmentSuffix = 'dev'): Stack[] {
  // The Availability Zones of the Region, as `cdk.context.json` would record them.
  app.node.setContext(`availability-zones:account=${ENV.account}:region=${ENV.region}`, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  return [new AuditingSystemStack(app, `AuditingSystem-${environmentSuffix}`, { env: ENV, environmentSuffix })];
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'cdk.out') });
  buildAuditingSystemApp(app);
  // Every pack, and AWS Control Tower's proactive controls (cfn-guard; the library's deliberate
  // trade-offs are suppressed on their resources, with reasons), as validation plugins: a finding
  // fails `cdk synth`. Leave out the third argument to run the packs only.
  const packs = NagReport.allPacks();
  NagReport.enforce(app, packs, [new CfnGuardValidator()]);
  try {
    app.synth();
  } catch (error) {
    console.error(`Synthesis failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
  const report = NagReport.collect(app, packs);
  console.log(report.summary());
  if (report.findings.length > 0) {
    process.exitCode = 1;
  }
}
