#!/usr/bin/env python3
"""The nightly financial batch of seed review 004_5b6328fd8d3c63a0, rebuilt from cdk-compliance-constructs.

One million transactions processed within a four-hour window by the sample worker of
examples/batch-worker (its image pushed to ECR), on Fargate in the isolated subnets of an audited
VPC, with the account audit baseline, compliance buckets for input and results, failures and
timeouts alerted, and progress tracked in a table that AWS Backup backs up.

Run it (from this directory, in a virtual environment with the package installed; see
../../auditing-system/python/README.md):

    python app.py

It synthesizes into ./cdk.out with every cdk-nag pack registered, prints a per-pack summary of the
findings and exits 1 if there is any finding or synthesis fails.
"""
import os
import sys

import aws_cdk as cdk
from aws_cdk import aws_ecr as ecr
from aws_cdk import aws_ecs as ecs
from cdklabs.cdk_validator_cfnguard import CfnGuardValidator
from constructs import Construct

from cdk_compliance_constructs import AccountAudit, AuditedVpc, BatchPipeline, BatchScale, ComplianceBucket, NagReport

ENV = cdk.Environment(account="123456789012", region="us-east-1")
# The Availability Zones of the Region, as cdk.context.json would record them.
AVAILABILITY_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]


class BatchProcessingStack(cdk.Stack):
    """The nightly transaction batch and everything that audits it."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs) -> None:
        super().__init__(scope, construct_id, **kwargs)

        # Private subnets only, flow logs, S3 and DynamoDB gateway endpoints on every route table.
        network = AuditedVpc(
            self,
            "Network",
            cidr="10.40.0.0/16",
            # Two zones picked at deploy time (Fn::GetAZs) rather than named in the template.
            availability_zones=[cdk.Fn.select(i, cdk.Fn.get_azs()) for i in range(2)],
        )

        # CloudTrail, AWS Config with its recorder, and GuardDuty findings to an alert topic.
        audit = AccountAudit(self, "Audit")

        # KMS, TLS-only, no unencrypted puts, access logs, versioning and lifecycle come with the buckets.
        transactions = ComplianceBucket(self, "Transactions")
        results = ComplianceBucket(
            self,
            "Results",
            server_access_logs_bucket=transactions.log_bucket,
            server_access_logs_prefix="results/",
        )

        repository = ecr.Repository.from_repository_name(self, "WorkerRepository", "transactions-worker")
        pipeline = BatchPipeline(
            self,
            "Nightly",
            vpc=network,
            image=ecs.ContainerImage.from_ecr_repository(repository, "1.0.0"),
            environment={"INPUT_KEY": "incoming/transactions.csv", "OUTPUT_PREFIX": "settled"},
            input_bucket=transactions,
            output_bucket=results,
            processing_window=cdk.Duration.hours(4),
            # 50 records/s per worker is a deliberately pessimistic figure for S3 reads on the smallest
            # task size; one million records in four hours still need only 3 array children.
            scale=BatchScale.from_throughput(records_per_run=1_000_000, records_per_second_per_worker=50),
            cpu=1,
            job_tracking=True,
            alert_topic=audit.alert_topic,
        )

        cdk.CfnOutput(self, "VpcId", value=network.vpc_id, description="Audited VPC the jobs run in")
        cdk.CfnOutput(self, "TransactionsBucketName", value=transactions.bucket_name, description="Input bucket of the transactions")
        cdk.CfnOutput(self, "ResultsBucketName", value=results.bucket_name, description="Output bucket of the settled results")
        cdk.CfnOutput(self, "JobQueueArn", value=pipeline.job_queue.job_queue_arn, description="Batch job queue")
        cdk.CfnOutput(self, "StateMachineArn", value=pipeline.state_machine.state_machine_arn, description="State machine that runs and watches each nightly run")
        cdk.CfnOutput(self, "AlertTopicArn", value=audit.alert_topic.topic_arn, description="Topic of job failures, timeouts and GuardDuty findings")
        cdk.CfnOutput(self, "TrailArn", value=audit.trail_arn, description="Multi-Region CloudTrail trail")


def main() -> int:
    outdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cdk.out")
    app = cdk.App(outdir=outdir)
    app.node.set_context(f"availability-zones:account={ENV.account}:region={ENV.region}", AVAILABILITY_ZONES)
    stack = BatchProcessingStack(app, "BatchProcessing", env=ENV)

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

    print(f"Batch processing: stack {stack.stack_name}, synthesized to {os.path.relpath(outdir)}")
    print("")
    print(report.summary())
    if synth_error is not None:
        print(f"\nSynthesis failed: {synth_error}", file=sys.stderr)
        return 1
    return 0 if len(report.findings) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
