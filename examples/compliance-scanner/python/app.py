#!/usr/bin/env python3
"""The compliance scanner of seed review 000_8539daffd67ca827, rebuilt from cdk-compliance-constructs.

A scheduled, least-privilege scan of the live account (paginated, retried, bounded and timed out by
the engine) with findings in DynamoDB, reports in a compliance bucket, alerts on SNS, alarms and a
dashboard.

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

from cdk_compliance_constructs import ComplianceBucket, ComplianceScanner, NagReport

ENV = cdk.Environment(account="123456789012", region="us-east-1")
# The Availability Zones of the Region, as cdk.context.json would record them.
AVAILABILITY_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]


class ComplianceScannerStack(cdk.Stack):
    """The scanner with a compliance bucket of its own for the scan reports."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        # Block Public Access, KMS, TLS-only, versioning, access logs and lifecycle come with the bucket.
        reports = ComplianceBucket(self, "Reports")

        scanner = ComplianceScanner(
            self,
            "Scanner",
            report_bucket=reports,
            regions=["us-east-1", "eu-west-1"],
            score_threshold=85,
        )

        cdk.CfnOutput(self, "ReportBucketName", value=reports.bucket_name, description="Bucket of the scan reports (under compliance-scans/)")
        cdk.CfnOutput(self, "FindingsTableName", value=scanner.findings_table.table_name, description="DynamoDB table of the findings")
        cdk.CfnOutput(self, "ScanFunctionName", value=scanner.scan_function.function_name, description="Scanner function (invoke it for an on-demand scan)")
        cdk.CfnOutput(self, "AlertTopicArn", value=scanner.alert_topic.topic_arn, description="Topic of scan alerts and alarms")
        cdk.CfnOutput(self, "DashboardName", value=scanner.dashboard.dashboard_name, description="CloudWatch dashboard of scores and findings")


def main() -> int:
    outdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cdk.out")
    app = cdk.App(outdir=outdir)
    app.node.set_context(f"availability-zones:account={ENV.account}:region={ENV.region}", AVAILABILITY_ZONES)
    stack = ComplianceScannerStack(app, "ComplianceScanner", env=ENV)

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

    print(f"Compliance scanner: stack {stack.stack_name}, synthesized to {os.path.relpath(outdir)}")
    print("")
    print(report.summary())
    if synth_error is not None:
        print(f"\nSynthesis failed: {synth_error}", file=sys.stderr)
        return 1
    return 0 if len(report.findings) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
