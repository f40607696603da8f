#!/usr/bin/env python3
"""Checks SARIF files against what SARIF 2.1.0 and GitHub code scanning require beyond the
schema: level and kind consistent (SARIF 3.27.9-10: a result whose kind is not `fail` has
level `none`), a valid baselineState, relative artifact URIs, one location per result,
ruleIndex pointing at the ruleId, message links only to existing related locations, at most
20 runs per file with distinct automationDetails ids, at most 20 tags per rule.

usage: sarif-github.py FILE...   exits 1 naming every violation.
"""
import json
import re
import sys

LEVELS = {"none", "note", "warning", "error"}
KINDS = {"notApplicable", "pass", "fail", "review", "open", "informational"}
STATES = {"new", "unchanged", "updated", "absent"}


def check(path):
    problems = []
    with open(path, encoding="utf-8") as handle:
        sarif = json.load(handle)
    runs = sarif.get("runs", [])
    if len(runs) > 20:
        problems.append(f"{len(runs)} runs; GitHub accepts at most 20 per file")
    ids = [run.get("automationDetails", {}).get("id") for run in runs]
    if len(runs) > 1 and (None in ids or len(set(ids)) != len(ids)):
        problems.append("runs without distinct automationDetails.id (GitHub rejects several runs of one category)")
    for number, run in enumerate(runs):
        rules = run["tool"]["driver"].get("rules", [])
        for rule in rules:
            tags = rule.get("properties", {}).get("tags", [])
            if len(tags) > 20 or not all(isinstance(tag, str) for tag in tags):
                problems.append(f"run {number}: rule {rule['id']} has more than 20 tags or a tag that is not a string")
        for artifact in run.get("artifacts", []):
            uri = artifact["location"]["uri"]
            if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", uri) or uri.startswith("/"):
                problems.append(f"run {number}: artifact URI {uri!r} is not relative to the repository")
        for index, result in enumerate(run.get("results", [])):
            where = f"run {number} result {index} ({result.get('ruleId')})"
            kind = result.get("kind", "fail")
            level = result.get("level", "warning" if kind == "fail" else "none")
            if kind not in KINDS or level not in LEVELS:
                problems.append(f"{where}: kind {kind!r} or level {level!r} unknown")
            if kind != "fail" and level != "none":
                problems.append(f"{where}: kind {kind!r} with level {level!r}; SARIF 3.27.10 requires level none")
            if "baselineState" in result and result["baselineState"] not in STATES:
                problems.append(f"{where}: baselineState {result['baselineState']!r}")
            locations = result.get("locations", [])
            if len(locations) != 1:
                problems.append(f"{where}: {len(locations)} locations; GitHub reads exactly one")
            for location in locations + result.get("relatedLocations", []):
                uri = location["physicalLocation"]["artifactLocation"]["uri"]
                if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", uri) or uri.startswith("/"):
                    problems.append(f"{where}: URI {uri!r} is not relative to the repository")
                region = location["physicalLocation"].get("region", {})
                if "endLine" in region and (region["endLine"], region.get("endColumn", 0)) < (region["startLine"], region.get("startColumn", 0)):
                    problems.append(f"{where}: region ends before it starts")
            rule_index = result.get("ruleIndex")
            if rule_index is None or rules[rule_index]["id"] != result["ruleId"]:
                problems.append(f"{where}: ruleIndex does not point at ruleId")
            related = {location.get("id") for location in result.get("relatedLocations", [])}
            # Links `[text](id)` with unescaped brackets (SARIF 3.11.6).
            text = re.sub(r"\\.", "", result["message"]["text"])
            for target in re.findall(r"\[[^\]]*\]\((\d+)\)", text):
                if int(target) not in related:
                    problems.append(f"{where}: message links to related location {target}, which does not exist")
    return problems


def main():
    failed = False
    for path in sys.argv[1:]:
        problems = check(path)
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        failed = failed or bool(problems)
    if not failed:
        print(f"{len(sys.argv) - 1} SARIF files within SARIF's and GitHub's constraints")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
