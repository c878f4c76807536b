/**
 * Organization-scale compliance scanning: every account of the organization's workload OUs, in four
 * Regions, scanned on Step Functions Distributed Map from a security-tooling account that is a
 * delegated administrator for CloudFormation StackSets. The read-only member role reaches every
 * account (new ones included) through a service-managed StackSet.
 *
 * Run it (synthesizes into ./cdk.out with every cdk-nag pack, prints the per-pack summary, exits 1 on
 * any finding):
 *
 *   npx ts-node --project tsconfig.dev.json examples/organization-scanner/typescript/app.ts
 */
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { NagReport, OrganizationScanner } from '../../../src';

/** The security-tooling account and Region the scanner deploys to. */
export const ENV = { account: '123456789012', region: 'us-east-1' };

/** The organization scanner, with the OUs, Regions and limits a platform team would pin. */
export class OrganizationScannerStack extends Stack {
  public readonly scanner: OrganizationScanner;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.scanner = new OrganizationScanner(this, 'OrgScanner', {
      organizationalUnitIds: ['ou-abcd-11111111', 'ou-abcd-22222222'],
      organizationId: 'o-a1b2c3d4e5',
      regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'],
      excludedAccountIds: ['111111111111'],
      maxConcurrency: 200,
      toleratedFailurePercentage: 5,
      scoreThreshold: 85,
    });

    new CfnOutput(this, 'ReportBucketName', { value: this.scanner.reportBucket.bucketName, description: 'Bucket of the organization reports (under organization-scans/)' });
    new CfnOutput(this, 'FindingsTableName', { value: this.scanner.findingsTable.tableName, description: 'DynamoDB table of the findings of every account' });
    new CfnOutput(this, 'StateMachineArn', { value: this.scanner.stateMachine.stateMachineArn, description: 'Start a run (or redrive a failed one) here' });
    new CfnOutput(this, 'AlertTopicArn', { value: this.scanner.alertTopic.topicArn, description: 'Topic of run summaries and alarms' });
    new CfnOutput(this, 'DashboardName', { value: this.scanner.dashboard.dashboardName, description: 'CloudWatch dashboard of the runs' });
  }
}

/** Build the app's stacks into `app`. */
export function buildOrganizationScannerApp(app: App): Stack[] {
  return [new OrganizationScannerStack(app, 'OrganizationScanner', { env: ENV })];
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'cdk.out') });
  buildOrganizationScannerApp(app);
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
