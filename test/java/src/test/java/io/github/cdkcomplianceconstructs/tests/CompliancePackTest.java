package io.github.cdkcomplianceconstructs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkcomplianceconstructs.CompliancePack;
import io.github.cdkcomplianceconstructs.CompliancePackProps;
import io.github.cdkcomplianceconstructs.NagFinding;
import io.github.cdkcomplianceconstructs.NagReport;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.sns.Topic;
import io.github.cdklabs.cdknag.NagPack;

class CompliancePackTest {
  private static Stack newStack(App app) {
    return new Stack(app, "JavaPack", StackProps.builder()
        .env(Environment.builder().account("123456789012").region("us-east-1").build())
        .build());
  }

  @Test
  void findsAnUnencryptedTopic() {
    App app = new App();
    new Topic(newStack(app), "Alerts");
    app.synth();
    List<NagPack> packs = List.of(new CompliancePack(null, CompliancePackProps.builder().rules(List.of("SnsTopicKms")).build()));
    List<String> found = NagReport.collect(app, packs).getFindings().stream()
        .map(f -> f.getRuleId() + " " + f.getResourcePath())
        .collect(Collectors.toList());
    assertEquals(List.of("CompliancePack-SnsTopicKms JavaPack/Alerts/Resource"), found);
  }

  @Test
  void asAValidationPluginItFailsSynth() {
    App app = new App();
    Validations.of(app).addPlugins(new CompliancePack(app));
    new Topic(newStack(app), "Alerts");
    RuntimeException error = assertThrows(RuntimeException.class, app::synth);
    assertTrue(error.getMessage().contains("Validation failed"), error.getMessage());
  }

  @Test
  void theFullPackReportsThePlainTopic() {
    App app = new App();
    new Topic(newStack(app), "Alerts");
    app.synth();
    List<String> ids = NagReport.collect(app).getFindings().stream().map(NagFinding::getRuleId).collect(Collectors.toList());
    assertTrue(ids.contains("CompliancePack-SnsTopicKms"), ids.toString());
  }
}
