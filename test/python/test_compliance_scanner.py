"""ComplianceScanner through the Python wheel."""
import re

import aws_cdk as cdk
import pytest
from aws_cdk import assertions

from cdk_compliance_constructs import ComplianceScanner, NagReport, ScannerRemediationOptions

ENV = cdk.Environment(account="123456789012", region="us-east-1")


def test_scanner_with_remediation_in_dry_run():
    app = cdk.App()
    stack = cdk.Stack(app, "Scan", env=ENV)
    scanner = ComplianceScanner(
        stack,
        "Scanner",
        regions=["us-east-1"],
        score_threshold=85,
        remediation=ScannerRemediationOptions(dry_run=True),
    )
    template = assertions.Template.from_stack(stack)

    template.has_resource_properties(
        "AWS::Lambda::Function",
        {"Architectures": ["arm64"], "TracingConfig": {"Mode": "Active"}, "Environment": assertions.Match.any_value()},
    )
    template.has_resource_properties("AWS::DynamoDB::Table", {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}})
    # Execution roles carry customer managed policies only.
    template.resource_count_is("AWS::IAM::Policy", 0)
    for role in template.find_resources("AWS::IAM::Role").values():
        assert "Policies" not in role["Properties"]
    assert scanner.scan_function is not None
    assert scanner.remediation_function is not None

    app.synth()
    assert [f.rule_id for f in NagReport.collect(app).findings] == []


def test_threshold_outside_range_names_the_prop():
    app = cdk.App()
    stack = cdk.Stack(app, "Bad", env=ENV)
    with pytest.raises(Exception, match=re.escape("scoreThreshold")) as error:
        ComplianceScanner(stack, "Scanner", score_threshold=120)
    assert "120" in str(error.value)


def test_security_hub_import_is_opt_in_and_scoped_to_the_accounts_own_product():
    app = cdk.App()
    stack = cdk.Stack(app, "ScanHub", env=ENV)
    ComplianceScanner(stack, "Scanner", security_hub=True, ocsf_include_passed=True)
    template = assertions.Template.from_stack(stack)
    template.has_resource_properties("AWS::Lambda::Function", {
        "Environment": {"Variables": assertions.Match.object_like({"SECURITY_HUB": "true", "OCSF_INCLUDE_PASSED": "true"})},
    })
    statements = [
        s for p in template.find_resources("AWS::IAM::ManagedPolicy").values()
        for s in p["Properties"]["PolicyDocument"]["Statement"] if s.get("Sid") == "ImportFindingsToSecurityHub"
    ]
    assert len(statements) == 1
    assert statements[0]["Action"] == "securityhub:BatchImportFindings"
    assert statements[0]["Condition"] == {"StringEquals": {"securityhub:TargetAccount": "123456789012"}}
    app.synth()
    assert [f.rule_id for f in NagReport.collect(app).findings] == []
