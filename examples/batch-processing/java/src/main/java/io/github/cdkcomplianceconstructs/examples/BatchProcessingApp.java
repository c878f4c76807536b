// The nightly financial batch of seed review 004_5b6328fd8d3c63a0, rebuilt from cdk-compliance-constructs:
// one million transactions processed within a four-hour window on AWS Batch (Fargate) in an audited VPC,
// with the account's audit baseline, compliance buckets for input and results, and alerts.
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
import io.github.cdkcomplianceconstructs.BatchPipeline;
import io.github.cdkcomplianceconstructs.BatchScale;
import io.github.cdkcomplianceconstructs.ComplianceBucket;
import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdkcomplianceconstructs.ThroughputScaleOptions;
import io.github.cdklabs.cdknag.NagPack;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.constructs.Construct;

public final class BatchProcessingApp {
  /** Where the stack deploys: an explicit account and Region, as compliance teams pin them. */
  static final Environment ENV = Environment.builder().account("123456789012").region("us-east-1").build();
  /** The Availability Zones of the Region, as cdk.context.json would record them. */
  static final List<String> AVAILABILITY_ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");

  /** The nightly batch and everything it needs, in one stack. */
  public static final class BatchProcessingStack extends Stack {
    public BatchProcessingStack(final Construct scope, final String id, final StackProps props) {
      super(scope, id, props);

      // Two zones picked at deploy time (Fn::GetAZs) rather than named in the template.
      AuditedVpc network = AuditedVpc.Builder.create(this, "Network")
          .cidr("10.40.0.0/16")
          .availabilityZones(List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs())))
          .build();
      AccountAudit audit = AccountAudit.Builder.create(this, "Audit").build();

      ComplianceBucket transactions = ComplianceBucket.Builder.create(this, "Transactions").build();
      ComplianceBucket results = ComplianceBucket.Builder.create(this, "Results")
          .serverAccessLogsBucket(transactions.getLogBucket())
          .serverAccessLogsPrefix("results/")
          .build();

      IRepository repository = Repository.fromRepositoryName(this, "WorkerRepository", "transactions-worker");
      BatchPipeline pipeline = BatchPipeline.Builder.create(this, "Nightly")
          .vpc(network)
          .image(ContainerImage.fromEcrRepository(repository, "1.0.0"))
          .environment(Map.of("INPUT_KEY", "incoming/transactions.csv", "OUTPUT_PREFIX", "settled"))
          .inputBucket(transactions)
          .outputBucket(results)
          .processingWindow(Duration.hours(4))
          // 50 records/s per worker is a deliberately pessimistic figure for S3 reads on the smallest
          // task size; one million records in four hours still need only 3 array children.
          .scale(BatchScale.fromThroughput(ThroughputScaleOptions.builder()
              .recordsPerRun(1_000_000)
              .recordsPerSecondPerWorker(50)
              .build()))
          .cpu(1)
          .jobTracking(true)
          .alertTopic(audit.getAlertTopic())
          .build();

      output("VpcId", network.getVpcId(), "Audited VPC the jobs run in");
      output("TransactionsBucketName", transactions.getBucketName(), "Input bucket of the transactions");
      output("ResultsBucketName", results.getBucketName(), "Output bucket of the settled results");
      output("JobQueueArn", pipeline.getJobQueue().getJobQueueArn(), "Batch job queue");
      output("StateMachineArn", pipeline.getStateMachine().getStateMachineArn(), "State machine that runs and watches each nightly run");
      output("AlertTopicArn", audit.getAlertTopic().getTopicArn(), "Topic of job failures, timeouts and GuardDuty findings");
      output("TrailArn", audit.getTrailArn(), "Multi-Region CloudTrail trail");
    }

    private void output(final String id, final String value, final String description) {
      CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }
  }

  private BatchProcessingApp() {
  }

  public static void main(final String[] args) {
    Path outdir = Paths.get(args.length > 0 ? args[0] : "cdk.out").toAbsolutePath().normalize();
    App app = new App(AppProps.builder()
        .outdir(outdir.toString())
        .context(Map.of("availability-zones:account=123456789012:region=us-east-1", AVAILABILITY_ZONES))
        .build());
    Stack stack = new BatchProcessingStack(app, "BatchProcessing", StackProps.builder().env(ENV).build());

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

    System.out.println("Batch processing: stack " + stack.getStackName() + ", synthesized to " + outdir);
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
