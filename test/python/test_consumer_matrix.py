"""Consumer configurations through the Python wheel: apps split across stacks, environment-agnostic,
adopting what the account has, with imported resources. Each synthesizes, every pack runs, and no
unacknowledged finding sits on a resource the library created."""
import aws_cdk as cdk
import pytest
from aws_cdk import aws_ec2 as ec2
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_sns as sns

from cdk_compliance_constructs import (
    AccountAudit,
    AuditedVpc,
    BatchPipeline,
    ComplianceBucket,
    ComplianceScanner,
    ComplianceTopic,
    ConfigRecorderMode,
    GuardDutyDetectorMode,
    NagReport,
)

US = cdk.Environment(account="123456789012", region="us-east-1")
IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/worker:1"
CONTEXT = {"availability-zones:account=123456789012:region=us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c"]}


def split_across_stacks(app):
    data = cdk.Stack(app, "Data", env=US)
    input_bucket = ComplianceBucket(data, "Input")
    output_bucket = ComplianceBucket(data, "Output")
    reports = ComplianceBucket(data, "Reports")
    alerts = ComplianceTopic(data, "Alerts", email_subscriptions=["secops@example.com"])
    network = cdk.Stack(app, "Network", env=US)
    vpc = AuditedVpc(network, "Vpc")
    AccountAudit(cdk.Stack(app, "Audit", env=US), "Audit", alert_topic=alerts)
    BatchPipeline(
        cdk.Stack(app, "Compute", env=US), "Pipeline", vpc=vpc, image_uri=IMAGE,
        input_bucket=input_bucket, output_bucket=output_bucket, alert_topic=alerts, job_tracking=True,
    )
    ComplianceScanner(cdk.Stack(app, "Scanning", env=US), "Scanner", report_bucket=reports.bucket, alert_topic=alerts)
    return ["Data/", "Network/", "Audit/", "Compute/", "Scanning/"]


def environment_agnostic(app):
    stack = cdk.Stack(app, "Agnostic")
    vpc = AuditedVpc(stack, "Vpc")
    BatchPipeline(stack, "Pipeline", vpc=vpc, image_uri=IMAGE, input_bucket=ComplianceBucket(stack, "Bucket"))
    ComplianceScanner(stack, "Scanner")
    return ["Agnostic/"]


def adopting(app):
    stack = cdk.Stack(app, "Adopt", env=US)
    AccountAudit(
        stack, "Audit",
        config_recorder_mode=ConfigRecorderMode.ADOPT_EXISTING,
        guard_duty_detector_mode=GuardDutyDetectorMode.ADOPT_EXISTING,
    )
    return ["Adopt/Audit/"]


def imported(app):
    stack = cdk.Stack(app, "Imports", env=US)
    key = kms.Key.from_key_arn(stack, "Key", "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555")
    topic = sns.Topic.from_topic_arn(stack, "Topic", "arn:aws:sns:us-east-1:123456789012:secops")
    vpc = ec2.Vpc.from_vpc_attributes(
        stack, "Vpc", vpc_id="vpc-0123456789abcdef0", availability_zones=["us-east-1a", "us-east-1b"],
        private_subnet_ids=["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"], vpc_cidr_block="10.0.0.0/16",
    )
    ComplianceBucket(stack, "Audit", encryption_key=key)
    BatchPipeline(
        stack, "Pipeline", vpc=vpc, image_uri=IMAGE,
        input_bucket=s3.Bucket.from_bucket_name(stack, "Input", "existing-input-bucket"), alert_topic=topic,
    )
    ComplianceScanner(stack, "Scanner", alert_topic=topic, encryption_key=key)
    return ["Imports/Audit/", "Imports/Pipeline/", "Imports/Scanner/"]


@pytest.mark.parametrize("build", [split_across_stacks, environment_agnostic, adopting, imported], ids=lambda b: b.__name__)
def test_no_finding_on_library_resources(build):
    app = cdk.App(context=CONTEXT)
    owned = build(app)
    app.synth()
    findings = [
        f"{f.rule_id} {f.resource_path}"
        for f in NagReport.collect(app).findings
        if any(f.resource_path.startswith(prefix) for prefix in owned)
    ]
    assert findings == []
