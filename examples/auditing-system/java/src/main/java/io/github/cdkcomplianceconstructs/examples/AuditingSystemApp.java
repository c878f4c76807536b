// The auditing system of seed review 002_d92724b23843a58b, rebuilt from cdk-compliance-constructs: an
// audited VPC, the account audit baseline (CloudTrail, AWS Config, GuardDuty findings to an alert
// topic) and the compliance scanner with remediation (dry run), alarms and a dashboard. The environment
// suffix is a stack prop, never a CfnParameter, and every key resource is an output.
//
// Run it from this directory:
//
//   mvn -B compile exec:java
//
// It synthesizes into ./cdk.out with every cdk-nag pack registered, prints a per-pack summary of the
// findings and exits 1 if there is any finding or synthesis fails.
package io.github.cdkcomplianceconstructs.examples;

import io.github.cdkcomplianceconstructs.AccountAudit;
import io.github.cdkcomplianceconstructs.AuditedVpc;
import io.github.cdkcomplianceconstructs.ComplianceScanner;
import io.github.cdkcomplianceconstructs.FindingSeverity;
import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdkcomplianceconstructs.ScannerRemediationOptions;
import io.github.cdklabs.cdknag.NagPack;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.constructs.Construct;

public final class AuditingSystemApp {
  /** Where the stack deploys: an explicit account and Region, as compliance teams pin them. */
  static final Environment ENV = Environment.builder().account("123456789012").region("us-east-1").build();
  /** The Availability Zones of the Region, as cdk.context.json would record them. */
  static final List<String> AVAILABILITY_ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");

  /** The auditing system of one environment. */
  public static final class AuditingSystemStack extends Stack {
    private static final Pattern SUFFIX = Pattern.compile("^[a-z0-9]{1,8}$");

    /**
     * @param environmentSuffix suffix of the environment (`dev`, `prod1`), part of resource names: 1 to 8
     *     lowercase letters and digits
     */
    public AuditingSystemStack(final Construct scope, final String id, final String environmentSuffix, final StackProps props) {
      super(scope, id, props);
      if (environmentSuffix == null || !SUFFIX.matcher(environmentSuffix).matches()) {
        throw new IllegalArgumentException(getNode().getPath() + ": invalid environmentSuffix: '" + environmentSuffix
            + "'. Allowed: 1 to 8 lowercase letters and digits, for example 'dev'.");
      }

      // Flow logs, endpoints on every route table, locked default security group, no open egress.
      // Two zones picked at deploy time (Fn::GetAZs) rather than named in the template.
      AuditedVpc network = AuditedVpc.Builder.create(this, "Network")
          .cidr("10.30.0.0/16")
          .availabilityZones(List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())))
          .build();

      // CloudTrail, AWS Config (recorder, delivery channel, rules) and GuardDuty findings to an alert topic.
      AccountAudit audit = AccountAudit.Builder.create(this, "Audit")
          .findingSeverity(FindingSeverity.MEDIUM)
          .alertEmails(List.of("security-alerts@example.com"))
          .build();

      // The scanner alerts on the audit topic; remediation records what it would fix and fixes nothing.
      ComplianceScanner scanner = ComplianceScanner.Builder.create(this, "Scanner")
          .alertTopic(audit.getAlertTopic())
          .remediation(ScannerRemediationOptions.builder().dryRun(true).build())
          .namePrefix("audit-" + environmentSuffix)
          .build();

      output("VpcId", network.getVpcId(), "Audited VPC");
      output("FlowLogGroupName", network.getFlowLogGroup().getLogGroupName(), "Log group of the VPC flow logs");
      output("TrailArn", audit.getTrailArn(), "Multi-Region CloudTrail trail");
      output("AuditBucketName", audit.getBucket().getBucketName(), "Bucket of the CloudTrail logs and AWS Config snapshots");
      output("AlertTopicArn", audit.getAlertTopic().getTopicArn(), "Topic of GuardDuty findings, scan alerts and alarms");
      output("ScanFunctionName", scanner.getScanFunction().getFunctionName(), "Scanner function (invoke it for an on-demand scan)");
      output("RemediationFunctionName", scanner.getRemediationFunction().getFunctionName(), "Remediation function (dry run)");
      output("FindingsTableName", scanner.getFindingsTable().getTableName(), "DynamoDB table of the scan findings");
      output("ReportBucketName", scanner.getReportBucket().getBucketName(), "Bucket of the scan reports and remediation records");
      output("DashboardName", scanner.getDashboard().getDashboardName(), "CloudWatch dashboard of scores and findings");
    }

    private void output(final String id, final String value, final String description) {
      CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
  }

  private AuditingSystemApp() {
  }

  public static void main(final String[] args) {
    Path outdir = Paths.get(args.length > 0 ? args[0] : "cdk.out").toAbsolutePath().normalize();
    App app = new App(AppProps.builder()
        .outdir(outdir.toString())
        .context(Map.of("availability-zones:account=123456789012:region=us-east-1", AVAILABILITY_ZONES))
        .build());
    String environmentSuffix = "dev";
    Stack stack = new AuditingSystemStack(app, "AuditingSystem-" + environmentSuffix, environmentSuffix,
        StackProps.builder().env(ENV).build());

    // Each pack becomes a validation plugin: a finding fails `cdk synth`.
    List<NagPack> packs = NagReport.allPacks();
    Validations.of(app).addPlugins(packs.toArray(new NagPack[0]));

    RuntimeException synthError = null;
    try {
      app.synth();
    } catch (RuntimeException error) {
      synthError = error;
    }
    NagReport report = NagReport.collect(app, packs);

    System.out.println("Auditing system: stack " + stack.getStackName() + ", synthesized to " + outdir);
    System.out.println();
    System.out.println(report.summary());
    int exitCode = 0;
    if (synthError != null) {
      System.err.println();
      System.err.println("Synthesis failed: " + synthError.getMessage());
      exitCode = 1;
    } else if (!report.getFindings().isEmpty()) {
      exitCode = 1;
    }
    System.exit(exitCode);
  }
}
