"""AccountAudit through the Python wheel: keyword arguments, enums and enum-like classes."""
import re

import aws_cdk as cdk
import pytest
from aws_cdk import assertions

from cdk_compliance_constructs import (
    AccountAudit,
    ConfigRecorderMode,
    FindingSeverity,
    GuardDutyDetectorMode,
    NagReport,
)

ENV = cdk.Environment(account="123456789012", region="us-east-1")


def test_defaults_create_trail_recorder_detector_and_alerts():
    app = cdk.App()
    stack = cdk.Stack(app, "Baseline", env=ENV)
    audit = AccountAudit(stack, "Audit", finding_severity=FindingSeverity.HIGH, alert_emails=["sec@example.com"])
    template = assertions.Template.from_stack(stack)

    template.has_resource_properties(
        "AWS::CloudTrail::Trail",
        {"IsMultiRegionTrail": True, "IncludeGlobalServiceEvents": True, "EnableLogFileValidation": True},
    )
    template.resource_count_is("AWS::Config::ConfigurationRecorder", 1)
    template.resource_count_is("AWS::GuardDuty::Detector", 1)
    template.has_resource_properties("AWS::SNS::Subscription", {"Protocol": "email", "Endpoint": "sec@example.com"})
    assert audit.detector is not None
    assert len(audit.config_rules) > 0

    app.synth()
    assert [f.rule_id for f in NagReport.collect(app).findings] == []


def test_adopting_existing_recorder_and_detector_creates_neither():
    app = cdk.App()
    stack = cdk.Stack(app, "Second", env=ENV)
    AccountAudit(
        stack,
        "Audit",
        config_recorder_mode=ConfigRecorderMode.ADOPT_EXISTING,
        guard_duty_detector_mode=GuardDutyDetectorMode.ADOPT_EXISTING,
    )
    template = assertions.Template.from_stack(stack)
    template.resource_count_is("AWS::Config::ConfigurationRecorder", 0)
    template.resource_count_is("AWS::GuardDuty::Detector", 0)
    assert len(template.find_resources("AWS::Config::ConfigRule")) > 0
    assert len(template.find_resources("AWS::Events::Rule")) > 0


def test_bad_severity_names_the_prop_and_value():
    app = cdk.App()
    stack = cdk.Stack(app, "Bad", env=ENV)
    with pytest.raises(Exception, match=re.escape("invalid findingSeverity: 11.")):
        AccountAudit(stack, "Audit", finding_severity=FindingSeverity.at_least(11))
