package io.github.cdkcomplianceconstructs.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdkcomplianceconstructs.AuditedVpc;
import io.github.cdkcomplianceconstructs.NagReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.IVpc;

class AuditedVpcTest {
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
  @SuppressWarnings("unchecked")
  void flowLogsAndGatewayEndpointsOnEveryRouteTable() {
    App app = newApp();
    Stack stack = newStack(app, "Net");
    AuditedVpc network = AuditedVpc.Builder.create(stack, "Network").cidr("10.40.0.0/16").azCount(2).build();
    IVpc asIVpc = network;
    assertEquals(2, asIVpc.getAvailabilityZones().size());
    network.addSecurityGroup("Workload");
    Template template = Template.fromStack(stack);

    template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("ResourceType", "VPC", "TrafficType", "ALL"));
    int routeTables = template.findResources("AWS::EC2::RouteTable").size();
    Map<String, Map<String, Object>> endpoints = (Map<String, Map<String, Object>>) (Object) template.findResources("AWS::EC2::VPCEndpoint");
    long gateways = endpoints.values().stream()
        .map(e -> (Map<String, Object>) e.get("Properties"))
        .filter(p -> "Gateway".equals(p.get("VpcEndpointType")))
        .peek(p -> assertEquals(routeTables, ((List<Object>) p.get("RouteTableIds")).size()))
        .count();
    assertEquals(2, gateways);
    assertFalse(template.toJSON().toString().contains("0.0.0.0/0"));

    app.synth();
    assertEquals(List.of(), NagReport.collect(app).getFindings());
  }

  @Test
  void badCidrNamesThePropAndValue() {
    App app = newApp();
    Stack stack = newStack(app, "Bad");
    RuntimeException error = assertThrows(RuntimeException.class,
        () -> AuditedVpc.Builder.create(stack, "Network").cidr("10.300.0.0/16").build());
    assertTrue(error.getMessage().contains("10.300.0.0/16"), error.getMessage());
    assertTrue(error.getMessage().contains("cidr"), error.getMessage());
  }
}
