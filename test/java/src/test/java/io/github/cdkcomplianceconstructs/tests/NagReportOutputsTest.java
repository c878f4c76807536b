package io.github.cdkcomplianceconstructs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkcomplianceconstructs.CompliancePack;
import io.github.cdkcomplianceconstructs.CompliancePackProps;
import io.github.cdkcomplianceconstructs.NagAcknowledgedFinding;
import io.github.cdkcomplianceconstructs.NagReport;
import io.github.cdkcomplianceconstructs.NagSarifOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.sns.Topic;

class NagReportOutputsTest {
  private static final String REASON = "Carries only public build notices; no data to protect.";

  private static NagReport report(Path dir) {
    App app = new App(AppProps.builder().outdir(dir.resolve("cdk.out").toString()).build());
    Stack stack = new Stack(app, "JavaSarif", StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build())
        .build());
    new Topic(stack, "Alerts");
    Topic acked = new Topic(stack, "Acked");
    Validations.of(acked.getNode().getDefaultChild()).acknowledge(Acknowledgment.builder().id("CompliancePack-SnsTopicKms").reason(REASON).build());
    app.synth();
    return NagReport.collect(app, List.of(new CompliancePack(null, CompliancePackProps.builder().rules(List.of("SnsTopicKms")).build())));
  }

  @Test
  void writesSarifFromAJavaApp(@TempDir Path dir) throws Exception {
    NagReport report = report(dir);
    Path sarif = dir.resolve("nag.sarif");
    report.writeSarif(sarif.toString(), NagSarifOptions.builder().templateDirectory(dir.resolve("cdk.out").toString()).build());
    String text = Files.readString(sarif);
    assertTrue(text.contains("\"version\": \"2.1.0\""), text);
    assertTrue(text.contains("\"fullyQualifiedName\": \"JavaSarif/Alerts/Resource\""), text);
    assertTrue(text.contains("JavaSarif.template.json"), text);
    assertTrue(text.contains("\"justification\": \"" + REASON + "\""), text);
  }

  @Test
  void acknowledgedFindingsJunitAndCsv(@TempDir Path dir) {
    NagReport report = report(dir);
    List<String> acked = report.getAcknowledged().stream()
        .map(a -> a.getRuleId() + " " + a.getResourcePath() + " " + a.getReason())
        .collect(Collectors.toList());
    assertEquals(List.of("CompliancePack-SnsTopicKms JavaSarif/Acked/Resource " + REASON), acked);
    assertTrue(report.getFindings().get(0).getLogicalId().startsWith("Alerts"));
    assertTrue(report.toJunit().contains("<skipped message=\"acknowledged: " + REASON + "\"/>"));
    assertEquals(3, report.toCsv().trim().split("\r\n").length);
  }
}
