// Organization-scale compliance scanning, built from cdk-compliance-constructs: every account of the
// organization's workload OUs, in four Regions, scanned on Step Functions Distributed Map from a
// security-tooling account that is a delegated administrator for CloudFormation StackSets. The
// read-only member role reaches every account (new ones included) through a service-managed StackSet.
//
// Run it from this directory:
//
//   mvn -B compile exec:java
//
// It synthesizes into ./cdk.out with every cdk-nag pack registered, prints a per-pack summary of the
// findings and exits 1 if there is any finding or synthesis fails.
package io.github.cdkcomplianceconstructs.examples;

import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdkcomplianceconstructs.OrganizationScanner;
import io.github.cdklabs.cdknag.NagPack;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.constructs.Construct;

public final class OrganizationScannerApp {
  /** The security-tooling account and Region the scanner deploys to. */
  static final Environment ENV = Environment.builder().account("123456789012").region("us-east-1").build();

  /** The organization scanner, with the OUs, Regions and limits a platform team would pin. */
  public static final class OrganizationScannerStack extends Stack {
    public OrganizationScannerStack(final Construct scope, final String id, final StackProps props) {
      super(scope, id, props);

      OrganizationScanner scanner = OrganizationScanner.Builder.create(this, "OrgScanner")
          .organizationalUnitIds(List.of("ou-abcd-11111111", "ou-abcd-22222222"))
          .organizationId("o-a1b2c3d4e5")
          .regions(List.of("us-east-1", "us-west-2", "eu-west-1", "eu-central-1"))
          .excludedAccountIds(List.of("111111111111"))
          .maxConcurrency(200)
          .toleratedFailurePercentage(5)
          .scoreThreshold(85)
          .build();

      output("ReportBucketName", scanner.getReportBucket().getBucketName(), "Bucket of the organization reports (under organization-scans/)");
      output("FindingsTableName", scanner.getFindingsTable().getTableName(), "DynamoDB table of the findings of every account");
      output("StateMachineArn", scanner.getStateMachine().getStateMachineArn(), "Start a run (or redrive a failed one) here");
      output("AlertTopicArn", scanner.getAlertTopic().getTopicArn(), "Topic of run summaries and alarms");
      output("DashboardName", scanner.getDashboard().getDashboardName(), "CloudWatch dashboard of the runs");
    }

    private void output(final String id, final String value, final String description) {
      CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
  }

  private OrganizationScannerApp() {
  }

  public static void main(final String[] args) {
    Path outdir = Paths.get(args.length > 0 ? args[0] : "cdk.out").toAbsolutePath().normalize();
    App app = new App(AppProps.builder().outdir(outdir.toString()).build());
    Stack stack = new OrganizationScannerStack(app, "OrganizationScanner", StackProps.builder().env(ENV).build());

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

    System.out.println("Organization scanner: stack " + stack.getStackName() + ", synthesized to " + outdir);
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
