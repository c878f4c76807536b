"""NagReport from Python: SARIF, JUnit and CSV of a Python app, acknowledged findings included."""
import json

import aws_cdk as cdk
from aws_cdk import aws_sns as sns

from cdk_compliance_constructs import CompliancePack, NagReport


def _report(tmp_path):
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "PySarif", env=cdk.Environment(account="123456789012", region="us-east-1"))
    sns.Topic(stack, "Alerts")
    acked = sns.Topic(stack, "Acked")
    cdk.Validations.of(acked.node.default_child).acknowledge(
        cdk.Acknowledgment(id="CompliancePack-SnsTopicKms", reason="Carries only public build notices; no data to protect.")
    )
    app.synth()
    return NagReport.collect(app, [CompliancePack(rules=["SnsTopicKms"])])


def test_writes_sarif_from_a_python_app(tmp_path):
    report = _report(tmp_path)
    sarif = tmp_path / "nag.sarif"
    report.write_sarif(str(sarif), template_directory=str(tmp_path / "cdk.out"))
    log = json.loads(sarif.read_text())
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["CompliancePack-SnsTopicKms"]
    open_results = [r for r in run["results"] if "suppressions" not in r]
    assert [r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] for r in open_results] == ["PySarif/Alerts/Resource"]
    location = open_results[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith("PySarif.template.json")
    assert location["region"]["startLine"] > 1
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert suppressed[0]["suppressions"][0]["justification"] == "Carries only public build notices; no data to protect."


def test_acknowledged_findings_junit_and_csv(tmp_path):
    report = _report(tmp_path)
    assert [(a.rule_id, a.resource_path, a.reason) for a in report.acknowledged] == [
        ("CompliancePack-SnsTopicKms", "PySarif/Acked/Resource", "Carries only public build notices; no data to protect.")
    ]
    assert report.findings[0].logical_id.startswith("Alerts")
    assert '<failure type="error"' in report.to_junit()
    rows = report.to_csv().strip().split("\r\n")
    assert [r.split(",")[0] for r in rows[1:]] == ["unacknowledged", "acknowledged"]
