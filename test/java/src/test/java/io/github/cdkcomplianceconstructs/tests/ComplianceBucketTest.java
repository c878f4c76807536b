package io.github.cdkcomplianceconstructs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkcomplianceconstructs.ComplianceBucket;
import io.github.cdkcomplianceconstructs.ComplianceBucketReplication;
import io.github.cdkcomplianceconstructs.NagFinding;
import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdkcomplianceconstructs.ObjectLockMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketAttributes;
import software.amazon.awscdk.services.s3.IBucket;

class ComplianceBucketTest {
  private static Stack newStack(App app) {
    return new Stack(app, "JavaStack", StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build())
        .build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dataBucketProperties(Template template) {
    Map<String, Map<String, Object>> buckets = (Map<String, Map<String, Object>>) (Object) template.findResources("AWS::S3::Bucket");
    List<Map<String, Object>> kms = buckets.values().stream()
        .map(b -> (Map<String, Object>) b.get("Properties"))
        .filter(p -> p.toString().contains("aws:kms"))
        .collect(Collectors.toList());
    assertEquals(1, kms.size());
    return kms.get(0);
  }

  @Test
  void defaultsThroughTheBuilder() {
    App app = new App();
    Stack stack = newStack(app);
    ComplianceBucket bucket = ComplianceBucket.Builder.create(stack, "Audit")
        .serverAccessLogsPrefix("audit-logs/")
        .build();
    Template template = Template.fromStack(stack);

    template.resourceCountIs("AWS::S3::Bucket", 2);
    template.allResourcesProperties("AWS::S3::Bucket", Map.of(
        "PublicAccessBlockConfiguration", Map.of(
            "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
        "VersioningConfiguration", Map.of("Status", "Enabled")));
    template.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    Map<String, Object> props = dataBucketProperties(template);
    assertTrue(props.get("LoggingConfiguration").toString().contains("audit-logs/"));

    IBucket asIBucket = bucket;
    assertNotNull(asIBucket.getBucketArn());
    assertNotNull(bucket.getKey());
    assertNotNull(bucket.getLogBucket());
  }

  @Test
  void objectLockAndReplication() {
    App app = new App();
    Stack stack = newStack(app);
    IBucket replica = Bucket.fromBucketAttributes(stack, "Replica", BucketAttributes.builder()
        .bucketArn("arn:aws:s3:::audit-replica").region("eu-west-1").build());
    ComplianceBucket.Builder.create(stack, "Locked")
        .objectLockMode(ObjectLockMode.COMPLIANCE)
        .objectLockRetention(Duration.days(2555))
        .replication(ComplianceBucketReplication.builder().destinationBucket(replica).build())
        .build();
    String props = dataBucketProperties(Template.fromStack(stack)).toString();
    assertTrue(props.contains("Mode=COMPLIANCE"), props);
    assertTrue(props.contains("Days=2555"), props);
    assertTrue(props.contains("arn:aws:s3:::audit-replica"), props);
  }

  @Test
  void zeroUnacknowledgedFindingsInEveryPack() {
    App app = new App();
    ComplianceBucket.Builder.create(newStack(app), "Audit").build();
    app.synth();
    NagReport report = NagReport.collect(app);
    assertEquals(List.of("AwsSolutions", "HIPAA.Security", "NIST.800.53.R5", "PCI.DSS.321", "Serverless"), report.getPackNames());
    List<String> ids = report.getFindings().stream().map(NagFinding::getRuleId).collect(Collectors.toList());
    assertEquals(List.of(), ids);
  }

  @Test
  void packsSeeAPlainBucket() {
    App app = new App();
    new Bucket(newStack(app), "Plain");
    app.synth();
    List<String> ids = NagReport.collect(app).getFindings().stream().map(NagFinding::getRuleId).collect(Collectors.toList());
    assertTrue(ids.contains("AwsSolutions-S1"), ids.toString());
  }

  @Test
  void packsAsValidationPluginsAsTheReadmeShows() {
    App app = new App();
    ComplianceBucket.Builder.create(newStack(app), "Audit").build();
    Validations.of(app).addPlugins(NagReport.standardPacks().toArray(new IPolicyValidationPlugin[0]));
    app.synth();

    App badApp = new App();
    new Bucket(newStack(badApp), "Plain");
    Validations.of(badApp).addPlugins(NagReport.standardPacks().toArray(new IPolicyValidationPlugin[0]));
    RuntimeException error = assertThrows(RuntimeException.class, badApp::synth);
    assertTrue(error.getMessage().contains("Validation failed"), error.getMessage());
  }

  @Test
  void badInputNamesThePropAndValue() {
    App app = new App();
    Stack stack = newStack(app);
    RuntimeException error = assertThrows(RuntimeException.class, () -> ComplianceBucket.Builder.create(stack, "Audit")
        .objectLockRetention(Duration.days(30))
        .build());
    assertTrue(error.getMessage().contains("invalid objectLockRetention: 30 days"), error.getMessage());
  }
}
