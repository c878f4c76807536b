"""AuditedVpc through the Python wheel."""
import re

import aws_cdk as cdk
import pytest
from aws_cdk import assertions
from aws_cdk import aws_ec2 as ec2

from cdk_compliance_constructs import AuditedVpc, NagReport

ENV = cdk.Environment(account="123456789012", region="us-east-1")
AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]


def new_app():
    # The Region's Availability Zones, as cdk.context.json records them.
    return cdk.App(context={"availability-zones:account=123456789012:region=us-east-1": AZS})


def test_flow_logs_endpoints_and_no_open_egress():
    app = new_app()
    stack = cdk.Stack(app, "Net", env=ENV)
    network = AuditedVpc(stack, "Network", cidr="10.30.0.0/16", az_count=3)
    group = network.add_security_group("Workload")
    # Usable wherever an IVpc is expected: a plain aws-cdk-lib construct accepts it.
    ec2.SecurityGroup(stack, "Plain", vpc=network, allow_all_outbound=False)
    assert network.vpc is network
    assert isinstance(group, ec2.SecurityGroup)
    template = assertions.Template.from_stack(stack)

    template.has_resource_properties("AWS::EC2::VPC", {"CidrBlock": "10.30.0.0/16"})
    template.has_resource_properties("AWS::EC2::FlowLog", {"ResourceType": "VPC", "TrafficType": "ALL"})
    route_tables = template.find_resources("AWS::EC2::RouteTable")
    gateways = [
        e
        for e in template.find_resources("AWS::EC2::VPCEndpoint").values()
        if e["Properties"].get("VpcEndpointType") == "Gateway"
    ]
    assert len(gateways) == 2
    for endpoint in gateways:
        assert len(endpoint["Properties"]["RouteTableIds"]) == len(route_tables)
    assert len(template.find_resources("AWS::EC2::SecurityGroup")) >= 3
    for sg in template.find_resources("AWS::EC2::SecurityGroup").values():
        for rule in sg["Properties"].get("SecurityGroupEgress", []):
            assert rule.get("CidrIp") != "0.0.0.0/0"
            assert rule.get("CidrIpv6") != "::/0"

    app.synth()
    assert [f.rule_id for f in NagReport.collect(app).findings] == []


def test_bad_cidr_names_the_prop_and_value():
    app = new_app()
    stack = cdk.Stack(app, "Bad", env=ENV)
    with pytest.raises(Exception, match=re.escape("cidr")) as error:
        AuditedVpc(stack, "Network", cidr="10.300.0.0/16")
    assert "10.300.0.0/16" in str(error.value)
