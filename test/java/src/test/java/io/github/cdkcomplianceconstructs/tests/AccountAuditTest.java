package io.github.cdkcomplianceconstructs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkcomplianceconstructs.AccountAudit;
import io.github.cdkcomplianceconstructs.ConfigRecorderMode;
import io.github.cdkcomplianceconstructs.FindingSeverity;
import io.github.cdkcomplianceconstructs.GuardDutyDetectorMode;
import io.github.cdkcomplianceconstructs.NagReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

class AccountAuditTest {
  private static Stack newStack(App app, String id) {
    return new Stack(app, id, StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build())
        .build());
  }

  @Test
  void defaultsThroughTheBuilder() {
    App app = new App();
    Stack stack = newStack(app, "Baseline");
    AccountAudit audit = AccountAudit.Builder.create(stack, "Audit")
        .findingSeverity(FindingSeverity.HIGH)
        .alertEmails(List.of("sec@example.com"))
        .build();
    Template template = Template.fromStack(stack);
    template.hasResourceProperties("AWS::CloudTrail::Trail", Map.of(
        "IsMultiRegionTrail", true, "IncludeGlobalServiceEvents", true, "EnableLogFileValidation", true));
    template.resourceCountIs("AWS::Config::ConfigurationRecorder", 1);
    template.resourceCountIs("AWS::GuardDuty::Detector", 1);
    assertNotNull(audit.getDetector());
    assertFalse(audit.getConfigRules().isEmpty());

    app.synth();
    assertEquals(List.of(), NagReport.collect(app).getFindings());
  }

  @Test
  void adoptingExistingRecorderAndDetectorCreatesNeither() {
    App app = new App();
    Stack stack = newStack(app, "Second");
    AccountAudit.Builder.create(stack, "Audit")
        .configRecorderMode(ConfigRecorderMode.ADOPT_EXISTING)
        .guardDutyDetectorMode(GuardDutyDetectorMode.ADOPT_EXISTING)
        .build();
    Template template = Template.fromStack(stack);
    template.resourceCountIs("AWS::Config::ConfigurationRecorder", 0);
    template.resourceCountIs("AWS::GuardDuty::Detector", 0);
    assertFalse(template.findResources("AWS::Config::ConfigRule").isEmpty());
  }

  @Test
  void badSeverityNamesThePropAndValue() {
    App app = new App();
    Stack stack = newStack(app, "Bad");
    RuntimeException error = assertThrows(RuntimeException.class, () -> AccountAudit.Builder.create(stack, "Audit")
        .findingSeverity(FindingSeverity.atLeast(11))
        .build());
    assertTrue(error.getMessage().contains("invalid findingSeverity: 11."), error.getMessage());
  }
}
