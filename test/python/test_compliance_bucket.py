"""The Python surface of cdk-compliance-constructs, exercised through the wheel jsii-pacmak built."""
import re

import aws_cdk as cdk
import pytest
from aws_cdk import assertions
from aws_cdk import aws_s3 as s3

from cdk_compliance_constructs import (
    ComplianceBucket,
    ComplianceBucketReplication,
    NagReport,
    ObjectLockMode,
)

ENV = cdk.Environment(account="123456789012", region="us-east-1")


def new_stack():
    app = cdk.App()
    return app, cdk.Stack(app, "PyStack", env=ENV)


def data_bucket(template):
    buckets = template.find_resources("AWS::S3::Bucket")
    kms = [
        b
        for b in buckets.values()
        if b["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"][0][
            "ServerSideEncryptionByDefault"
        ]["SSEAlgorithm"]
        == "aws:kms"
    ]
    assert len(kms) == 1
    return kms[0]


def test_defaults_through_keyword_arguments():
    app, stack = new_stack()
    bucket = ComplianceBucket(stack, "Audit", server_access_logs_prefix="audit-logs/")
    template = assertions.Template.from_stack(stack)

    template.resource_count_is("AWS::S3::Bucket", 2)
    template.all_resources_properties(
        "AWS::S3::Bucket",
        {
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
            "VersioningConfiguration": {"Status": "Enabled"},
        },
    )
    props = data_bucket(template)["Properties"]
    assert props["LoggingConfiguration"]["LogFilePrefix"] == "audit-logs/"
    assert props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["BucketKeyEnabled"] is True
    template.has_resource_properties("AWS::KMS::Key", {"EnableKeyRotation": True})
    # The construct is an IBucket: grants and the escape hatches work from Python.
    assert isinstance(bucket.bucket, s3.Bucket)
    assert bucket.key is not None
    assert bucket.bucket_arn is not None


def test_object_lock_and_replication_options():
    app, stack = new_stack()
    replica = s3.Bucket.from_bucket_attributes(
        stack, "Replica", bucket_arn="arn:aws:s3:::audit-replica", region="eu-west-1"
    )
    ComplianceBucket(
        stack,
        "Locked",
        object_lock_mode=ObjectLockMode.COMPLIANCE,
        object_lock_retention=cdk.Duration.days(2555),
        replication=ComplianceBucketReplication(destination_bucket=replica),
    )
    props = data_bucket(assertions.Template.from_stack(stack))["Properties"]
    assert props["ObjectLockConfiguration"]["Rule"]["DefaultRetention"] == {"Mode": "COMPLIANCE", "Days": 2555}
    assert props["ReplicationConfiguration"]["Rules"][0]["Destination"]["Bucket"] == "arn:aws:s3:::audit-replica"


def test_zero_unacknowledged_findings_in_every_pack():
    app, stack = new_stack()
    ComplianceBucket(stack, "Audit")
    app.synth()
    report = NagReport.collect(app)
    assert report.pack_names == ["AwsSolutions", "HIPAA.Security", "NIST.800.53.R5", "PCI.DSS.321", "Serverless"]
    assert [f.rule_id for f in report.findings] == []


def test_packs_see_a_plain_bucket():
    app, stack = new_stack()
    s3.Bucket(stack, "Plain")
    app.synth()
    rules = {f.rule_id for f in NagReport.collect(app).findings}
    assert "AwsSolutions-S1" in rules


def test_bad_input_names_the_prop_and_value():
    app, stack = new_stack()
    with pytest.raises(Exception, match=re.escape("invalid objectLockRetention: 30 days")):
        ComplianceBucket(stack, "Audit", object_lock_retention=cdk.Duration.days(30))


def test_packs_as_validation_plugins_as_the_readme_shows():
    app, stack = new_stack()
    ComplianceBucket(stack, "Audit")
    cdk.Validations.of(app).add_plugins(*NagReport.standard_packs())
    app.synth()

    bad_app, bad_stack = new_stack()
    s3.Bucket(bad_stack, "Plain")
    cdk.Validations.of(bad_app).add_plugins(*NagReport.standard_packs())
    with pytest.raises(Exception, match="AwsSolutions-S1"):
        bad_app.synth()
