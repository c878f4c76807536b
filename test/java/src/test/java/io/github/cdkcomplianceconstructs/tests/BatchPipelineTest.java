package io.github.cdkcomplianceconstructs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkcomplianceconstructs.AuditedVpc;
import io.github.cdkcomplianceconstructs.BatchCompute;
import io.github.cdkcomplianceconstructs.BatchPipeline;
import io.github.cdkcomplianceconstructs.BatchScale;
import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdkcomplianceconstructs.ThroughputScaleOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

class BatchPipelineTest {
  private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/transactions-worker:1.0.0";

  private static App newApp() {
    return new App(AppProps.builder()
        .context(Map.of("availability-zones:account=123456789012:region=us-east-1", List.of("us-east-1a", "us-east-1b", "us-east-1c")))
        .build());
  }

  private static Stack newStack(App app, String id) {
    return new Stack(app, id, StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build())
        .build());
  }

  @Test
  void arraySizeFromThroughput() {
    assertEquals(3, BatchScale.requiredArraySize(1_000_000, 50, Duration.hours(4), 2).intValue());
    assertEquals(3, BatchScale.requiredArraySize(1_000_000, 50, Duration.hours(4)).intValue());
  }

  @Test
  void ec2PipelineIsScheduledTracedAndCompliant() {
    App app = newApp();
    Stack stack = newStack(app, "Batch");
    BatchPipeline pipeline = BatchPipeline.Builder.create(stack, "Nightly")
        .vpc(AuditedVpc.Builder.create(stack, "Network").build())
        .imageUri(IMAGE)
        .compute(BatchCompute.ec2())
        .scale(BatchScale.fromThroughput(ThroughputScaleOptions.builder()
            .recordsPerRun(1_000_000)
            .recordsPerSecondPerWorker(50)
            .build()))
        .jobTracking(true)
        .build();
    assertEquals(3, pipeline.getArraySize().intValue());
    Template template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of("TracingConfiguration", Map.of("Enabled", true)));
    template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("Namespace", "AWS/States", "MetricName", "ExecutionsFailed"));
    template.hasResourceProperties("AWS::EC2::LaunchTemplate",
        Map.of("LaunchTemplateData", Map.of("MetadataOptions", Map.of("HttpTokens", "required"))));
    template.resourceCountIs("AWS::Backup::BackupSelection", 1);

    app.synth();
    assertEquals(List.of(), NagReport.collect(app).getFindings());
  }

  @Test
  void fargateSizeNamesThePropAndValue() {
    App app = newApp();
    Stack stack = newStack(app, "Bad");
    RuntimeException error = assertThrows(RuntimeException.class,
        () -> BatchPipeline.Builder.create(stack, "Nightly")
            .vpc(AuditedVpc.Builder.create(stack, "Network").build())
            .imageUri(IMAGE)
            .cpu(1)
            .memory(Size.gibibytes(16))
            .build());
    assertTrue(error.getMessage().contains("invalid memory: '16384 MiB with 1 vCPU'"), error.getMessage());
  }
}
