"""BatchPipeline through the Python wheel."""
import re

import aws_cdk as cdk
import pytest
from aws_cdk import assertions

from cdk_compliance_constructs import AuditedVpc, BatchCompute, BatchPipeline, BatchScale, NagReport

ENV = cdk.Environment(account="123456789012", region="us-east-1")
AZS = ["us-east-1a", "us-east-1b", "us-east-1c"]
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/transactions-worker:1.0.0"


def new_stack(stack_id):
    # The Region's Availability Zones, as cdk.context.json records them.
    app = cdk.App(context={"availability-zones:account=123456789012:region=us-east-1": AZS})
    return app, cdk.Stack(app, stack_id, env=ENV)


def test_array_size_from_throughput():
    assert BatchScale.required_array_size(1_000_000, 50, cdk.Duration.hours(4), 2) == 3
    assert BatchScale.required_array_size(1_000_000, 50, cdk.Duration.hours(4)) == 3
    assert BatchScale.MIN_ARRAY_SIZE == 2
    assert BatchScale.MAX_ARRAY_SIZE == 10000


@pytest.mark.parametrize("compute", [BatchCompute.fargate(), BatchCompute.fargate_spot(), BatchCompute.ec2()])
def test_scheduled_traced_and_compliant(compute):
    app, stack = new_stack("Batch")
    pipeline = BatchPipeline(
        stack,
        "Nightly",
        vpc=AuditedVpc(stack, "Network"),
        image_uri=IMAGE,
        compute=compute,
        scale=BatchScale.from_throughput(records_per_run=1_000_000, records_per_second_per_worker=50),
        job_tracking=True,
    )
    assert pipeline.array_size == 3
    assert pipeline.owns_alert_topic
    template = assertions.Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::StepFunctions::StateMachine", {"TracingConfiguration": {"Enabled": True}}
    )
    template.has_resource_properties(
        "AWS::Scheduler::Schedule", {"ScheduleExpression": "cron(0 0 * * ? *)"}
    )
    template.has_resource_properties(
        "AWS::CloudWatch::Alarm", {"Namespace": "AWS/States", "MetricName": "ExecutionsTimedOut"}
    )
    template.resource_count_is("AWS::Backup::BackupSelection", 1)
    props = list(template.find_resources("AWS::Batch::JobDefinition").values())[0]["Properties"]
    assert props["ContainerProperties"]["ReadonlyRootFilesystem"] is True
    assert props["ContainerProperties"]["Image"] == IMAGE

    app.synth()
    assert [f.rule_id for f in NagReport.collect(app).findings] == []


def test_fargate_size_names_the_prop_and_value():
    _, stack = new_stack("Bad")
    with pytest.raises(Exception, match=re.escape("invalid memory: '16384 MiB with 1 vCPU'")):
        BatchPipeline(
            stack,
            "Nightly",
            vpc=AuditedVpc(stack, "Network"),
            image_uri=IMAGE,
            cpu=1,
            memory=cdk.Size.gibibytes(16),
        )


def test_array_size_outside_batch_limits():
    _, stack = new_stack("Bad")
    with pytest.raises(Exception, match=re.escape("invalid scale: 10001")):
        BatchPipeline(
            stack, "Nightly", vpc=AuditedVpc(stack, "Network"), image_uri=IMAGE, scale=BatchScale.array_size(10001)
        )
