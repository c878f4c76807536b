#!/usr/bin/env python3
"""The auditing system of seed review 002_d92724b23843a58b, rebuilt from cdk-compliance-constructs.

An audited VPC, the account's audit baseline (CloudTrail, AWS Config, GuardDuty alerts) and the
compliance scanner with remediation in dry run, alerting and its dashboard. The environment suffix is
a stack prop, not a CfnParameter token in resource names (#2), and every key resource is a stack
output (#3). Execution roles carry customer managed policies only (#1).

Run it (from this directory, in a virtual environment with the package installed; see README.md):

    python app.py

It synthesizes into ./cdk.out with every cdk-nag pack registered, prints a per-pack summary of the
findings and exits 1 if there is any finding or synthesis fails.
"""
import os
import re
import sys

import aws_cdk as cdk
from cdklabs.cdk_validator_cfnguard import CfnGuardValidator
from constructs import Construct

from cdk_compliance_constructs import (
    AccountAudit,
    AuditedVpc,
    ComplianceScanner,
    FindingSeverity,
    NagReport,
    ScannerRemediationOptions,
)

ENV = cdk.Environment(account="123456789012", region="us-east-1")
# The Availability Zones of the Region, as cdk.context.json would record them.
AVAILABILITY_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]

ENVIRONMENT_SUFFIX = re.compile(r"^[a-z0-9]{1,8}$")


class AuditingSystemStack(cdk.Stack):
    """One environment of the auditing system, named by its suffix (for example `dev`)."""

    def __init__(self, scope: Construct, construct_id: str, *, environment_suffix: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)
        if not isinstance(environment_suffix, str) or not ENVIRONMENT_SUFFIX.match(environment_suffix):
            raise ValueError(
                f"{self.node.path}: invalid environmentSuffix: {environment_suffix!r}. "
                "Allowed: 1 to 8 lowercase letters and digits, for example 'dev'."
            )

        network = AuditedVpc(
            self,
            "Network",
            cidr="10.30.0.0/16",
            # Two zones picked at deploy time (Fn::GetAZs) rather than named in the template.
            availability_zones=[cdk.Fn.select(i, cdk.Fn.get_azs()) for i in range(2)],
        )

        audit = AccountAudit(
            self,
            "Audit",
            finding_severity=FindingSeverity.MEDIUM,
            alert_emails=["security-alerts@example.com"],
        )

        scanner = ComplianceScanner(
            self,
            "Scanner",
            alert_topic=audit.alert_topic,
            remediation=ScannerRemediationOptions(dry_run=True),
            name_prefix=f"audit-{environment_suffix}",
        )

        outputs = {
            "VpcId": (network.vpc_id, "Audited VPC"),
            "FlowLogGroupName": (network.flow_log_group.log_group_name, "Log group of the VPC flow logs"),
            "TrailArn": (audit.trail_arn, "Multi-Region CloudTrail trail"),
            "AuditBucketName": (audit.bucket.bucket_name, "Bucket of the CloudTrail logs and AWS Config snapshots"),
            "AlertTopicArn": (audit.alert_topic.topic_arn, "Topic of GuardDuty findings, scan alerts and alarms"),
            "ScanFunctionName": (scanner.scan_function.function_name, "Scanner function (invoke it for an on-demand scan)"),
            "RemediationFunctionName": (scanner.remediation_function.function_name, "Remediation function (dry run)"),
            "FindingsTableName": (scanner.findings_table.table_name, "DynamoDB table of the scan findings"),
            "ReportBucketName": (scanner.report_bucket.bucket_name, "Bucket of the scan reports and remediation records"),
            "DashboardName": (scanner.dashboard.dashboard_name, "CloudWatch dashboard of scores and findings"),
        }
        for name, (value, description) in outputs.items():
            cdk.CfnOutput(self, name, value=value, description=description)


def main() -> int:
    outdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cdk.out")
    app = cdk.App(outdir=outdir)
    app.node.set_context(f"availability-zones:account={ENV.account}:region={ENV.region}", AVAILABILITY_ZONES)
    stack = AuditingSystemStack(app, "AuditingSystem-dev", environment_suffix="dev", env=ENV)

    # Every pack, and AWS Control Tower's proactive controls (cfn-guard; the library's deliberate
    # trade-offs are suppressed on their resources, with reasons), as validation plugins: a finding
    # fails `cdk synth`. Leave out the third argument to run the packs only.
    packs = NagReport.all_packs()
    NagReport.enforce(app, packs, [CfnGuardValidator()])

    synth_error = None
    try:
        app.synth()
    except Exception as error:  # the packs' findings and any construct error surface here
        synth_error = error
    report = NagReport.collect(app, packs)

    print(f"Auditing system: stack {stack.stack_name}, synthesized to {os.path.relpath(outdir)}")
    print("")
    print(report.summary())
    if synth_error is not None:
        print(f"\nSynthesis failed: {synth_error}", file=sys.stderr)
        return 1
    return 0 if len(report.findings) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
