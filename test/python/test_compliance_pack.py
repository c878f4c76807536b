"""CompliancePack from Python: the pack finds a deliberately bad resource, and a rule written in
Python through the ICompliancePackRule interface runs with the built-in ones."""
import aws_cdk as cdk
import cdk_nag
import jsii
from aws_cdk import aws_sns as sns

from cdk_compliance_constructs import CompliancePack, ICompliancePackRule, NagControl, NagReport


def _app_with_plain_topic():
    app = cdk.App()
    stack = cdk.Stack(app, "Py", env=cdk.Environment(account="123456789012", region="us-east-1"))
    sns.Topic(stack, "Alerts")
    app.synth()
    return app


def test_pack_finds_an_unencrypted_topic():
    report = NagReport.collect(_app_with_plain_topic(), [CompliancePack(rules=["SnsTopicKms"])])
    assert [(f.rule_id, f.resource_path) for f in report.findings] == [
        ("CompliancePack-SnsTopicKms", "Py/Alerts/Resource")
    ]


def test_validations_plugin_fails_synth():
    app = cdk.App()
    cdk.Validations.of(app).add_plugins(CompliancePack(app, rules=["SnsTopicKms"]))
    sns.Topic(cdk.Stack(app, "Py", env=cdk.Environment(account="123456789012", region="us-east-1")), "Alerts")
    try:
        app.synth()
    except Exception as error:  # jsii raises the JavaScript error
        assert "CompliancePack-SnsTopicKms" in str(error)
    else:
        raise AssertionError("synth passed a topic without KMS")


@jsii.implements(ICompliancePackRule)
class TopicNamed:
    """A rule of our own: every topic has an explicit name."""

    @property
    def name(self):
        return "TopicNamed"

    @property
    def level(self):
        return cdk_nag.NagMessageLevel.ERROR

    @property
    def info(self):
        return "The topic has no explicit name."

    @property
    def explanation(self):
        return "Alert routing matches topics by name."

    @property
    def resource_types(self):
        return ["AWS::SNS::Topic"]

    def evaluate(self, resource):
        name = cdk.Stack.of(resource).resolve(getattr(resource, "topic_name", None))
        return cdk_nag.NagRuleCompliance.COMPLIANT if name else cdk_nag.NagRuleCompliance.NON_COMPLIANT


def test_a_python_rule_runs_in_the_pack():
    pack = CompliancePack(rules=["TopicNamed"], additional_rules=[TopicNamed()])
    report = NagReport.collect(_app_with_plain_topic(), [pack])
    assert [f.rule_id for f in report.findings] == ["CompliancePack-TopicNamed"]


def test_one_acknowledgment_per_control():
    assert "CompliancePack-S3AccessLogging" in NagControl.S3_ACCESS_LOGGING.finding_ids
    assert "AwsSolutions-S1" in NagControl.S3_ACCESS_LOGGING.finding_ids


@jsii.implements(ICompliancePackRule)
class TopicNamedWithClassAttributes:
    """The same rule with its fields as plain class attributes: jsii does not see them."""

    name = "TopicNamedAttrs"
    level = cdk_nag.NagMessageLevel.ERROR
    info = "The topic has no explicit name."
    explanation = "Alert routing matches topics by name."
    resource_types = ["AWS::SNS::Topic"]

    def evaluate(self, resource):
        return cdk_nag.NagRuleCompliance.COMPLIANT


def test_a_rule_with_class_attributes_is_refused_naming_the_fields_and_property():
    try:
        CompliancePack(additional_rules=[TopicNamedWithClassAttributes()])
    except Exception as error:  # jsii raises the JavaScript error
        message = str(error)
        assert "invalid additionalRules[0]" in message
        assert "resourceTypes is missing" in message
        assert "@property" in message
    else:
        raise AssertionError("a rule without properties was accepted")
