// The compliance scanner of seed review 000_8539daffd67ca827, rebuilt from cdk-compliance-constructs:
// a scheduled, least-privilege scan of the live account (paginated, retried, bounded and timed out by
// the engine) with findings in DynamoDB, reports in a compliance bucket, alerts on SNS, alarms and a
// dashboard.
//
// Run it from this directory:
//
//   mvn -B compile exec:java
//
// It synthesizes into ./cdk.out with every cdk-nag pack registered, prints a per-pack summary of the
// findings and exits 1 if there is any finding or synthesis fails.
package io.github.cdkcomplianceconstructs.examples;

import io.github.cdkcomplianceconstructs.ComplianceBucket;
import io.github.cdkcomplianceconstructs.ComplianceScanner;
import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdklabs.cdknag.NagPack;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.constructs.Construct;

public final class ComplianceScannerApp {
  /** Where the stack deploys: an explicit account and Region, as compliance teams pin them. */
  static final Environment ENV = Environment.builder().account("123456789012").region("us-east-1").build();
  /** The Availability Zones of the Region, as cdk.context.json would record them. */
  static final List<String> AVAILABILITY_ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");

  /** The scanner with a compliance bucket of its own for the scan reports. */
  public static final class ComplianceScannerStack extends Stack {
    public ComplianceScannerStack(final Construct scope, final String id, final StackProps props) {
      super(scope, id, props);

      // Block Public Access, KMS, TLS-only, versioning, access logs and lifecycle come with the bucket.
      ComplianceBucket reports = ComplianceBucket.Builder.create(this, "Reports").build();

      ComplianceScanner scanner = ComplianceScanner.Builder.create(this, "Scanner")
          .reportBucket(reports)
          .regions(List.of("us-east-1", "eu-west-1"))
          .scoreThreshold(85)
          .build();

      output("ReportBucketName", reports.getBucketName(), "Bucket of the scan reports (under compliance-scans/)");
      output("FindingsTableName", scanner.getFindingsTable().getTableName(), "DynamoDB table of the findings");
      output("ScanFunctionName", scanner.getScanFunction().getFunctionName(), "Scanner function (invoke it for an on-demand scan)");
      output("AlertTopicArn", scanner.getAlertTopic().getTopicArn(), "Topic of scan alerts and alarms");
      output("DashboardName", scanner.getDashboard().getDashboardName(), "CloudWatch dashboard of scores and findings");
    }

    private void output(final String id, final String value, final String description) {
      CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
  }

  private ComplianceScannerApp() {
  }

  public static void main(final String[] args) {
    Path outdir = Paths.get(args.length > 0 ? args[0] : "cdk.out").toAbsolutePath().normalize();
    App app = new App(AppProps.builder()
        .outdir(outdir.toString())
        .context(Map.of("availability-zones:account=123456789012:region=us-east-1", AVAILABILITY_ZONES))
        .build());
    Stack stack = new ComplianceScannerStack(app, "ComplianceScanner", StackProps.builder().env(ENV).build());

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

    System.out.println("Compliance scanner: stack " + stack.getStackName() + ", synthesized to " + outdir);
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
