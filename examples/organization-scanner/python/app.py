#!/usr/bin/env python3
"""Organization-scale compliance scanning, built from cdk-compliance-constructs.

Every account of the organization's workload OUs, in four Regions, scanned on Step Functions
Distributed Map from a security-tooling account that is a delegated administrator for CloudFormation
StackSets. The read-only member role reaches every account (new ones included) through a
service-managed StackSet.

Run it (from this directory, in a virtual environment with the package installed; see
../../auditing-system/python/README.md):

    python app.py

It synthesizes into ./cdk.out with every cdk-nag pack registered, prints a per-pack summary of the
findings and exits 1 if there is any finding or synthesis fails.
"""
import os
import sys

import aws_cdk as cdk
from cdklabs.cdk_validator_cfnguard import CfnGuardValidator
from constructs import Construct

from cdk_compliance_constructs import NagReport, OrganizationScanner

ENV = cdk.Environment(account="123456789012", region="us-east-1")


class OrganizationScannerStack(cdk.Stack):
    """The organization scanner, with the OUs, Regions and limits a platform team would pin."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        scanner = OrganizationScanner(
            self,
            "OrgScanner",
            organizational_unit_ids=["ou-abcd-11111111", "ou-abcd-22222222"],
            organization_id="o-a1b2c3d4e5",
            regions=["us-east-1", "us-west-2", "eu-west-1", "eu-central-1"],
            excluded_account_ids=["111111111111"],
            max_concurrency=200,
            tolerated_failure_percentage=5,
            score_threshold=85,
        )

        cdk.CfnOutput(self, "ReportBucketName", value=scanner.report_bucket.bucket_name, description="Bucket of the organization reports (under organization-scans/)")
        cdk.CfnOutput(self, "FindingsTableName", value=scanner.findings_table.table_name, description="DynamoDB table of the findings of every account")
        cdk.CfnOutput(self, "StateMachineArn", value=scanner.state_machine.state_machine_arn, description="Start a run (or redrive a failed one) here")
        cdk.CfnOutput(self, "AlertTopicArn", value=scanner.alert_topic.topic_arn, description="Topic of run summaries and alarms")
        cdk.CfnOutput(self, "DashboardName", value=scanner.dashboard.dashboard_name, description="CloudWatch dashboard of the runs")


def main() -> int:
    outdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cdk.out")
    app = cdk.App(outdir=outdir)
    stack = OrganizationScannerStack(app, "OrganizationScanner", env=ENV)

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

    print(f"Organization scanner: stack {stack.stack_name}, synthesized to {os.path.relpath(outdir)}")
    print("")
    print(report.summary())
    if synth_error is not None:
        print(f"\nSynthesis failed: {synth_error}", file=sys.stderr)
        return 1
    return 0 if len(report.findings) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
