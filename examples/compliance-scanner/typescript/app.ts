/**
 * The compliance scanner of seed review 000_8539daffd67ca827, rebuilt from this library: a scheduled,
 * least-privilege scan of the live account (paginated, retried, bounded and timed out by the engine)
 * with findings in DynamoDB, reports in a compliance bucket, alerts on SNS, alarms and a dashboard.
 *
 * Run it (synthesizes into ./cdk.out with every cdk-nag pack, prints the per-pack summary, exits 1 on
 * any finding):
 *
 *   npx ts-node --project tsconfig.dev.json examples/compliance-scanner/typescript/app.ts
 */
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ComplianceBucket, ComplianceScanner, NagReport } from '../../../src';

/** Where the stack deploys: an explicit account and Region, as compliance teams pin them. */
export const ENV = { account: '123456789012', region: 'us-east-1' };

/** The scanner with a compliance bucket of its own for the scan reports. */
export class ComplianceScannerStack extends Stack {
  public readonly reports: ComplianceBucket;
  public readonly scanner: ComplianceScanner;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    // Block Public Access, KMS, TLS-only, versioning, access logs and lifecycle come with the bucket.
    this.reports = new ComplianceBucket(this, 'Reports');

    this.scanner = new ComplianceScanner(this, 'Scanner', {
      reportBucket: this.reports,
      regions: ['us-east-1', 'eu-west-1'],
      scoreThreshold: 85,
    });

    new CfnOutput(this, 'ReportBucketName', { value: this.reports.bucketName, description: 'Bucket of the scan reports (under compliance-scans/)' });
    new CfnOutput(this, 'FindingsTableName', { value: this.scanner.findingsTable.tableName, description: 'DynamoDB table of the findings' });
    new CfnOutput(this, 'ScanFunctionName', { value: this.scanner.scanFunction.functionName, description: 'Scanner function (invoke it for an on-demand scan)' });
    new CfnOutput(this, 'AlertTopicArn', { value: this.scanner.alertTopic.topicArn, description: 'Topic of scan alerts and alarms' });
    new CfnOutput(this, 'DashboardName', { value: this.scanner.dashboard.dashboardName, description: 'CloudWatch dashboard of scores and findings' });
  }
}

/** Build the app's stacks into `app`. */
export function buildComplianceScannerApp(app: App): Stack[] {
  // The Availability Zones of the Region, as `cdk.context.json` would record them.
  app.node.setContext(`availability-zones:account=${ENV.account}:region=${ENV.region}`, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  return [new ComplianceScannerStack(app, 'ComplianceScanner', { env: ENV })];
}

if (require.main === module) {
  const app = new App({ outdir: path.join(__dirname, 'cdk.out') });
  buildComplianceScannerApp(app);
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
