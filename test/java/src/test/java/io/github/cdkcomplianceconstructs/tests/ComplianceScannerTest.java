package io.github.cdkcomplianceconstructs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkcomplianceconstructs.ComplianceScanner;
import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdkcomplianceconstructs.ScannerRemediationOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ComplianceScannerTest {
  private static Stack newStack(App app, String id) {
    return new Stack(app, id, StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build())
        .build());
  }

  @Test
  void scannerWithRemediationInDryRun() {
    App app = new App();
    Stack stack = newStack(app, "Scan");
    ComplianceScanner scanner = ComplianceScanner.Builder.create(stack, "Scanner")
        .regions(List.of("us-east-1"))
        .scoreThreshold(85)
        .remediation(ScannerRemediationOptions.builder().dryRun(true).build())
        .build();
    Template template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Architectures", List.of("arm64")));
    template.resourceCountIs("AWS::IAM::Policy", 0);
    assertNotNull(scanner.getScanFunction());
    assertNotNull(scanner.getRemediationFunction());

    app.synth();
    assertEquals(List.of(), NagReport.collect(app).getFindings());
  }

  @Test
  void securityHubImportIsOptInAndScoped() {
    App app = new App();
    Stack stack = newStack(app, "ScanHub");
    ComplianceScanner.Builder.create(stack, "Scanner").securityHub(true).ocsfIncludePassed(true).build();
    Template template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of("Variables",
        Match.objectLike(Map.of("SECURITY_HUB", "true", "OCSF_INCLUDE_PASSED", "true")))));
    template.hasResourceProperties("AWS::IAM::ManagedPolicy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
        Match.objectLike(Map.of("Sid", "ImportFindingsToSecurityHub", "Action", "securityhub:BatchImportFindings",
            "Condition", Map.of("StringEquals", Map.of("securityhub:TargetAccount", "123456789012")))))))));
    app.synth();
    assertEquals(List.of(), NagReport.collect(app).getFindings());
  }

  @Test
  void thresholdOutsideRangeNamesTheProp() {
    App app = new App();
    Stack stack = newStack(app, "Bad");
    RuntimeException error = assertThrows(RuntimeException.class,
        () -> ComplianceScanner.Builder.create(stack, "Scanner").scoreThreshold(120).build());
    assertTrue(error.getMessage().contains("scoreThreshold"), error.getMessage());
    assertTrue(error.getMessage().contains("120"), error.getMessage());
  }
}
