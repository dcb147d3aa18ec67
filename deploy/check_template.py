"""Checks template.yaml the way CloudFormation will see it, for every documented parameter set.

Run through deploy/check-template.sh. Steps, each a failure if it finds anything:

1. cfn-lint on template.yaml itself, informational checks included.
2. Every documented parameter combination passes the template's parameter constraints and
   Rules, and each combination that docs/deploy.md says is refused is refused.
3. AWS's SAM translator (samtranslator, what CloudFormation runs for the
   AWS::Serverless-2016-10-31 transform) transforms the template with each combination.
4. In every transformed template, with the combination's conditions decided, each Ref, GetAtt,
   Sub variable and DependsOn names a resource that exists.
5. Publishing: a change of any parameter that reaches the function's version configuration
   makes CloudFormation publish a new version; a change of any other parameter does not.
6. cfn-lint on each distinct transformed template, with the values of every combination that
   produced it (cfn-lint checks the values against what they end up in).

Needs the Python that has cfn-lint and aws-sam-translator (PYTHON in check-template.sh).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import boto3
import cfnlint.api
from cfnlint.api import ManualArgs
from cfnlint.decode import cfn_yaml
from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
from samtranslator.parser.parser import Parser
from samtranslator.translator.translator import Translator

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT = "123456789012"
REGION = "us-east-1"
# What `sam package` / `aws cloudformation package` put in place of the local jar path.
PACKAGED_CODE = "s3://thumbctl-artifacts/0123456789abcdef0123456789abcdef"

FUNCTION = "ThumbnailFunction"
# Function properties that do not belong to a published version: reserved concurrency is set on
# the function and holds for every version at once.
UNVERSIONED_FUNCTION_PROPERTIES = {"ReservedConcurrentExecutions"}

# --- The parameter sets docs/deploy.md documents. ---------------------------------------------

BASE = {"SourceBucketName": "photos"}
LAYOUTS = {
    "same-bucket": {},
    "target-bucket": {"TargetBucketName": "photos-resized"},
    "target-bucket-empty-prefix": {"TargetBucketName": "photos-resized", "ThumbnailPrefix": ""},
}
ROUTES = ["direct", "sqs", "eventbridge"]
ALARM_TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:thumbctl-alarms"

# One parameter at a time, on top of each route's default layout: every other documented value,
# and the bounds.
VARIATIONS = {
    "source-key-prefix": {"SourceKeyPrefix": "uploads/"},
    "source-key-prefix-target-bucket": {"SourceKeyPrefix": "uploads/", "TargetBucketName": "photos-resized"},
    "batch-operations-bucket": {"BatchOperationsBucket": "photos-batch-operations"},
    "reserved-concurrency": {"ReservedConcurrency": "25"},
    "java25-x86": {"Runtime": "java25", "Architecture": "x86_64"},
    "largest": {"MemorySize": "10240", "ThumbnailWidth": "10000", "ThumbnailHeight": "10000",
                "TargetBucketName": "t" * 63, "ThumbnailPrefix": "p" * 40},
    "renditions": {"Renditions": "small:128x128,medium:640x640:webp:q80,large:1600x1600:avif,square:256x256:cover"},
    "largest-renditions": {"MemorySize": "10240", "Runtime": "java25", "Architecture": "x86_64",
                           "TargetBucketName": "t" * 63, "ThumbnailPrefix": "p" * 40, "HeicDecoding": "false",
                           "Renditions": "r" * 32 + ":9999x9999:avif:q100:cover," + "b" * 32 + ":1x1:png"},
    "heic-off": {"HeicDecoding": "false"},
    "smallest": {"MemorySize": "256", "ThumbnailWidth": "1", "ThumbnailHeight": "1",
                 "QueueBatchSize": "1", "QueueMaximumConcurrency": "2", "MaximumRetryAttempts": "0",
                 "LogRetentionDays": "1"},
    "most-queue-concurrency": {"QueueMaximumConcurrency": "1000"},
    "target-bucket-is-source": {"TargetBucketName": "photos"},
}

# Parameter sets docs/deploy.md says the template refuses, with what refuses them.
REFUSED = {
    "empty prefix, thumbnails in the source bucket": ({"ThumbnailPrefix": ""}, "ThumbnailsNeverOverwriteSources"),
    "empty prefix, target bucket = source bucket": (
        {"ThumbnailPrefix": "", "TargetBucketName": "photos"}, "ThumbnailsNeverOverwriteSources"),
    "ReservedConcurrency not a number": ({"ReservedConcurrency": "ten"}, "ReservedConcurrency"),
    "ReservedConcurrency negative": ({"ReservedConcurrency": "-1"}, "ReservedConcurrency"),
    "deprecated runtime": ({"Runtime": "java17"}, "Runtime"),
    "unknown route": ({"EventRoute": "sns"}, "EventRoute"),
    "queue concurrency below Lambda's minimum": ({"QueueMaximumConcurrency": "1"}, "QueueMaximumConcurrency"),
    "batch larger than a window-less reader takes": ({"QueueBatchSize": "11"}, "QueueBatchSize"),
    "prefix too long for the version description": ({"ThumbnailPrefix": "p" * 41}, "ThumbnailPrefix"),
    "renditions too long for the version description": ({"Renditions": ",".join(["a:1x1"] * 17)}, "Renditions"),
    "malformed renditions": ({"Renditions": "medium:640xhuge:webp"}, "Renditions"),
    "HEIC switch not a boolean": ({"HeicDecoding": "no"}, "HeicDecoding"),
    "alarm topic not an SNS ARN": ({"AlarmTopicArn": "thumbctl-alarms"}, "AlarmTopicArn"),
}

# A different valid value for every parameter (step 5).
ALTERNATIVES = {
    "SourceBucketName": "pictures",
    "TargetBucketName": "photos-resized",
    "ThumbnailPrefix": "resized-",
    "SourceKeyPrefix": "uploads/",
    "ThumbnailWidth": "256",
    "ThumbnailHeight": "200",
    "EventRoute": "sqs",
    "QueueBatchSize": "5",
    "QueueMaximumConcurrency": "20",
    "CreateBuckets": "false",
    "MemorySize": "2048",
    "Architecture": "x86_64",
    "Runtime": "java25",
    "MaximumRetryAttempts": "0",
    "ReservedConcurrency": "10",
    "AlarmTopicArn": ALARM_TOPIC,
    "BatchOperationsBucket": "photos-batch-operations",
    "LogRetentionDays": "90",
    "Renditions": "small:128x128,medium:640x640:webp",
    "HeicDecoding": "false",
}


def documented_combinations() -> Iterator[tuple[str, dict[str, str]]]:
    for route, (layout, values), create, alarms, reserved in itertools.product(
            ROUTES, LAYOUTS.items(), ["true", "false"], ["", ALARM_TOPIC], ["", "0"]):
        name = f"{route}/{layout}/create-buckets={create}/alarm-topic={'yes' if alarms else 'no'}" \
               f"/reserved-concurrency={reserved or 'none'}"
        yield name, {**BASE, "EventRoute": route, **values, "CreateBuckets": create,
                     "AlarmTopicArn": alarms, "ReservedConcurrency": reserved}
    for route, (variation, values) in itertools.product(ROUTES, VARIATIONS.items()):
        yield f"{route}/{variation}", {**BASE, "EventRoute": route, **values}


# --- Reading and resolving templates. ----------------------------------------------------------

NO_VALUE = object()
PSEUDO = {"AWS::AccountId": ACCOUNT, "AWS::Region": REGION, "AWS::Partition": "aws",
          "AWS::StackName": "thumbctl", "AWS::URLSuffix": "amazonaws.com",
          "AWS::StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/thumbctl/1"}


def load(path: Path) -> dict[str, Any]:
    # Through JSON: plain dicts and lists, no YAML node types.
    return json.loads(json.dumps(cfn_yaml.load(str(path))))


def values(template: dict[str, Any], overrides: dict[str, str]) -> dict[str, str]:
    """Every parameter's value for a stack created with these overrides, pseudo parameters too."""
    result = {name: str(spec["Default"]) for name, spec in template.get("Parameters", {}).items()
              if "Default" in spec}
    result.update(overrides)
    result.update(PSEUDO)
    return result


class Resolver:
    """Decides conditions and resolves Ref, Fn::If and the condition functions for one parameter
    set; other intrinsics (Sub, GetAtt, Join...) are kept, their arguments resolved."""

    def __init__(self, template: dict[str, Any], params: dict[str, str]):
        self.template = template
        self.params = params
        self.decided: dict[str, bool] = {}

    def condition(self, name: str) -> bool:
        if name not in self.decided:
            self.decided[name] = self.truth(self.template["Conditions"][name])
        return self.decided[name]

    def truth(self, expression: Any) -> bool:
        value = self.resolve(expression)
        if not isinstance(value, bool):
            raise ValueError(f"not a condition: {expression}")
        return value

    def resolve(self, node: Any) -> Any:
        if isinstance(node, list):
            return [v for v in (self.resolve(item) for item in node) if v is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, arg), = node.items()
            if key == "Ref":
                if arg == "AWS::NoValue":
                    return NO_VALUE
                return self.params.get(arg, node)
            if key == "Condition":
                return self.condition(arg)
            if key == "Fn::If":
                return self.resolve(arg[1] if self.condition(arg[0]) else arg[2])
            if key == "Fn::Equals":
                return str(self.resolve(arg[0])) == str(self.resolve(arg[1]))
            if key == "Fn::Not":
                return not self.truth(arg[0])
            if key == "Fn::And":
                return all(self.truth(a) for a in arg)
            if key == "Fn::Or":
                return any(self.truth(a) for a in arg)
        return {k: r for k, r in ((k, self.resolve(v)) for k, v in node.items()) if r is not NO_VALUE}

    def created(self) -> dict[str, dict[str, Any]]:
        return {name: self.resolve(resource) for name, resource in self.template["Resources"].items()
                if "Condition" not in resource or self.condition(resource["Condition"])}

    def sub(self, expression: Any) -> str:
        """The string CloudFormation makes of a Fn::Sub over parameters."""
        text, variables = (expression, {}) if isinstance(expression, str) else expression
        lookup = {**self.params, **{k: self.resolve(v) for k, v in variables.items()}}
        return re.sub(r"\$\{([^}!]+)}", lambda m: str(lookup[m.group(1)]), text)


def failed_rules(template: dict[str, Any], params: dict[str, str]) -> list[str]:
    resolver = Resolver(template, params)
    failed = []
    for name, rule in template.get("Rules", {}).items():
        if "RuleCondition" in rule and not resolver.truth(rule["RuleCondition"]):
            continue
        for assertion in rule["Assertions"]:
            if not resolver.truth(assertion["Assert"]):
                failed.append(f"rule {name}: {assertion.get('AssertDescription', '')}")
    return failed


def constraint_violations(template: dict[str, Any], overrides: dict[str, str]) -> list[str]:
    """What CloudFormation checks of each parameter value before it does anything."""
    problems = []
    for name, value in overrides.items():
        spec = template["Parameters"].get(name)
        if spec is None:
            problems.append(f"{name}: no such parameter")
            continue
        if "AllowedValues" in spec and value not in [str(v) for v in spec["AllowedValues"]]:
            problems.append(f"{name}={value!r}: not one of {spec['AllowedValues']}")
        if "AllowedPattern" in spec and not re.fullmatch(spec["AllowedPattern"], value):
            problems.append(f"{name}={value!r}: does not match {spec['AllowedPattern']}")
        if "MaxLength" in spec and len(value) > int(spec["MaxLength"]):
            problems.append(f"{name}: longer than {spec['MaxLength']}")
        if spec["Type"] == "Number":
            try:
                number = float(value)
            except ValueError:
                problems.append(f"{name}={value!r}: not a number")
                continue
            if "MinValue" in spec and number < float(spec["MinValue"]):
                problems.append(f"{name}={value}: below {spec['MinValue']}")
            if "MaxValue" in spec and number > float(spec["MaxValue"]):
                problems.append(f"{name}={value}: above {spec['MaxValue']}")
    return problems


def transform(template: dict[str, Any], overrides: dict[str, str], code: str = PACKAGED_CODE) -> dict[str, Any]:
    source = copy.deepcopy(template)
    source["Resources"][FUNCTION]["Properties"]["CodeUri"] = code
    translator = Translator({}, Parser(), boto_session=boto3.session.Session(region_name=REGION))
    return translator.translate(source, parameter_values={**overrides, "AWS::AccountId": ACCOUNT})


def references(node: Any) -> Iterator[str]:
    """Names that Ref, Fn::GetAtt and Fn::Sub variables in this (resolved) node point to."""
    if isinstance(node, list):
        for item in node:
            yield from references(item)
    elif isinstance(node, dict):
        if len(node) == 1:
            (key, arg), = node.items()
            if key == "Ref" and isinstance(arg, str):
                yield arg
                return
            if key == "Fn::GetAtt":
                yield arg[0] if isinstance(arg, list) else arg.split(".")[0]
                return
            if key == "Fn::Sub":
                text, variables = (arg, {}) if isinstance(arg, str) else arg
                for variable in re.findall(r"\$\{([^}!]+)}", text):
                    if variable not in variables:
                        yield variable.split(".")[0]
                yield from references(variables)
                return
        for value in node.values():
            yield from references(value)


def long_descriptions(output: dict[str, Any], params: dict[str, str]) -> list[str]:
    """Lambda refuses a function or version description over 256 characters, at deploy time."""
    resolver = Resolver(output, params)
    problems = []
    for name, resource in resolver.created().items():
        if resource["Type"] not in ("AWS::Lambda::Function", "AWS::Lambda::Version"):
            continue
        description = resource["Properties"].get("Description", "")
        text = resolver.sub(description["Fn::Sub"]) if isinstance(description, dict) and "Fn::Sub" in description \
            else str(description)
        if len(text) > 256:
            problems.append(f"{name}'s description is {len(text)} characters, over Lambda's 256: {text!r}")
    return problems


def dangling(output: dict[str, Any], params: dict[str, str]) -> list[str]:
    resolver = Resolver(output, params)
    created = resolver.created()
    problems = []
    for name, resource in created.items():
        depends = resource.get("DependsOn", [])
        for target in itertools.chain(references(resource), [depends] if isinstance(depends, str) else depends):
            if target not in created and target not in params:
                problems.append(f"{name} refers to {target}, which these parameters do not create")
    for name, output_spec in output.get("Outputs", {}).items():
        if "Condition" in output_spec and not resolver.condition(output_spec["Condition"]):
            continue
        for target in references(resolver.resolve(output_spec)):
            if target not in created and target not in params:
                problems.append(f"output {name} refers to {target}, which these parameters do not create")
    return problems


# --- Step 5: a new version for every parameter that reaches it, and only for those. -----------

def version(output: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    found = [(n, r) for n, r in output["Resources"].items() if r["Type"] == "AWS::Lambda::Version"]
    if len(found) != 1:
        raise AssertionError(f"expected one AWS::Lambda::Version, found {[n for n, _ in found]}")
    return found[0]


def parameters_reaching_the_version(output: dict[str, Any]) -> set[str]:
    function = next(r for r in output["Resources"].values() if r["Type"] == "AWS::Lambda::Function")
    versioned = {k: v for k, v in function["Properties"].items() if k not in UNVERSIONED_FUNCTION_PROPERTIES}
    return {name for name in references(versioned) if name in output["Parameters"]}


def check_publishing(template: dict[str, Any], report: list[str]) -> list[str]:
    problems = []
    create_only = PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, "AWS::Lambda::Version") \
        .schema["createOnlyProperties"]
    if "/properties/Description" not in create_only:
        problems.append("AWS::Lambda::Version's Description is no longer create-only: "
                        "a new description would not publish a new version")

    def published(overrides: dict[str, str], code: str = PACKAGED_CODE) -> tuple[str, str]:
        output = transform(template, overrides, code)
        logical_id, resource = version(output)
        resolver = Resolver(output, values(template, overrides))
        description = resolver.resolve(resource["Properties"].get("Description"))
        text = resolver.sub(description["Fn::Sub"]) \
            if isinstance(description, dict) and "Fn::Sub" in description else str(description)
        if len(text) > 256:
            problems.append(f"publishing: the version description is {len(text)} characters, over Lambda's 256")
        return logical_id, text

    base = dict(BASE)
    reaching = parameters_reaching_the_version(transform(template, base))
    before = published(base)
    for name in template["Parameters"]:
        if name not in ALTERNATIVES:
            problems.append(f"publishing: no alternative value for parameter {name} in check_template.py")
            continue
        changed = {**base, name: ALTERNATIVES[name]}
        after = published(changed)
        if name in reaching:
            if after == before:
                problems.append(f"publishing: changing {name} (it reaches the function) publishes no new version")
            else:
                how = "new logical id" if after[0] != before[0] else "new version description"
                report.append(f"  {name}: reaches the function -> new version ({how}: {after[1]!r})")
        elif after != before:
            problems.append(f"publishing: changing {name}, which does not reach the function's version, "
                            f"would publish one anyway ({before} -> {after})")
        else:
            report.append(f"  {name}: does not reach the version -> same version")
    if published(base, PACKAGED_CODE + "-new")[0] == before[0]:
        problems.append("publishing: new code does not change the version's logical id")
    else:
        report.append("  new code (CodeUri): new logical id")
    return problems


# --- Step 6: cfn-lint on the transformed templates. ---------------------------------------------

def lint_transformed(groups: dict[str, tuple[dict[str, Any], list[dict[str, str]]]],
                     template: dict[str, Any], keep: Path | None) -> list[str]:
    problems = []
    for index, (digest, (output, parameter_sets)) in enumerate(sorted(groups.items())):
        text = json.dumps(output, indent=1, sort_keys=True)
        if keep:
            (keep / f"transformed-{index + 1}.json").write_text(text)
        # SAM writes some parameters' values into what it generates (EventInvokeConfig's retry
        # count, the alias name) and leaves the parameter unused: expected, nothing else is.
        inlined = {p for p in template["Parameters"]
                   if p not in set(references(output["Resources"])) | set(references(output.get("Outputs", {})))
                   and p not in set(references(output.get("Conditions", {})))
                   and p not in set(references(output.get("Rules", {})))}
        sets = [{k: v for k, v in s.items() if not k.startswith("AWS::")} for s in parameter_sets]
        matches = cfnlint.api.lint(text, config=ManualArgs(parameters=sets, regions=[REGION], include_checks=["I"]))
        for match in matches:
            message = str(match)
            unused = re.search(r"Parameter (\w+) not used", message)
            if match.rule.id == "W2001" and unused and unused.group(1) in inlined:
                continue
            problems.append(f"cfn-lint on transformed template {index + 1} "
                            f"({len(parameter_sets)} parameter sets): {message}")
    return problems


def lint_source(path: Path) -> list[str]:
    cfn_lint = shutil.which("cfn-lint") or str(Path(sys.executable).parent / "cfn-lint")
    run = subprocess.run([cfn_lint, str(path), "--include-checks", "I"], capture_output=True, text=True)
    if run.returncode != 0:
        return [f"cfn-lint {path.name} (exit {run.returncode}):\n{run.stdout}{run.stderr}"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", type=Path, default=ROOT / "template.yaml")
    parser.add_argument("--keep", type=Path, help="write the transformed templates to this directory")
    args = parser.parse_args()
    template = load(args.template)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)

    print(f"1. cfn-lint {args.template.name} --include-checks I")
    problems = lint_source(args.template)

    combinations = list(documented_combinations())
    print(f"2. parameter constraints and rules: {len(combinations)} documented combinations, "
          f"{len(REFUSED)} refused ones")
    for name, overrides in combinations:
        for problem in constraint_violations(template, overrides) + failed_rules(template, values(template, overrides)):
            problems.append(f"{name}: refused by the template: {problem}")
    for name, (overrides, refused_by) in REFUSED.items():
        reasons = constraint_violations(template, {**BASE, **overrides}) \
            + failed_rules(template, values(template, {**BASE, **overrides}))
        if not any(refused_by in reason for reason in reasons):
            problems.append(f"refused combination '{name}' is accepted (expected {refused_by} to refuse it)")

    print(f"3. SAM transform (samtranslator) of each combination; 4. references per combination")
    groups: dict[str, tuple[dict[str, Any], list[dict[str, str]]]] = {}
    for name, overrides in combinations:
        try:
            output = transform(template, overrides)
        except Exception as error:  # the translator's own exceptions carry the explanation
            problems.append(f"{name}: SAM transform failed: {error}")
            continue
        problems += [f"{name}: {p}" for p in dangling(output, values(template, overrides))]
        problems += [f"{name}: {p}" for p in long_descriptions(output, values(template, overrides))]
        digest = hashlib.sha256(json.dumps(output, sort_keys=True).encode()).hexdigest()
        groups.setdefault(digest, (output, []))[1].append(overrides)

    print("5. publishing a new version")
    report: list[str] = []
    problems += check_publishing(template, report)
    print("\n".join(report))

    if problems:
        print("6. cfn-lint on the transformed templates: skipped, earlier steps failed")
    else:
        print(f"6. cfn-lint on the {len(groups)} distinct transformed templates, "
              f"each with the parameter sets that produced it")
        problems += lint_transformed(groups, template, args.keep)

    for problem in problems:
        print(f"FAILED {problem}")
    if problems:
        print(f"{len(problems)} problems")
        return 1
    print(f"OK: {len(combinations)} combinations transformed and linted, "
          f"{len(REFUSED)} refused as documented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
