"""Evaluates exported benchmark plans with the peers of issue 8, in batch.

    python run_peers.py [--reps N] PLAN.json [PLAN.json ...]

Each PLAN.json is written by waarborg-bench: the activities of a synthetic plan with
every fact the shared rules test known, the parameter values in force, the named sets,
and Waarborg's verdicts. For every plan this prints (as JSON on stdout) per engine the
seconds of each repeated batch evaluation, the verdicts, and how many policy errors
occurred; waarborg-bench compares the verdicts and computes the ratios.

- Cedar (cedarpy): one request per activity, all in one `is_authorized_batch` call on
  a pre-parsed policy set. `times` is the engine call alone (requests prepared as JSON
  beforehand); `total_times` adds decoding the answers and combining the policies that
  hold into a verdict (Cedar has no ordered verdicts: see shared.cedar). Cedar's own
  metrics split the call: `request_times` (building each request from its JSON context)
  and `authz_times` (the authorization proper), summed over the batch.
- Rego (Regorus): the plan is the input, and one query `data.waarborg.verdicts`
  evaluates every activity. `times` is the query; `total_times` adds setting the input.
"""

import json
import re
import sys
import time
from importlib import metadata
from pathlib import Path

import cedarpy
from cedarpy import _internal as cedar_internal
import regorus

HERE = Path(__file__).resolve().parent

RANK = {"allowed": 0, "allowed_with_safeguards": 1, "needs_assessment": 2, "prohibited": 3}
NAMES = ["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"]

# The structure of the shared rules (rules/information-exchange.wbr, rules/joint-purchasing.wbr),
# written out for the Cedar combination step, as in shared.rego.
GROUP = {
    "IX-02": "area", "IX-03": "area", "IX-04": "area", "IX-05": "area", "IX-06": "area",
    "IX-07": "area", "IX-08": "area", "IX-09": "area", "IX-10": "area", "IX-11": "hardcore",
    "IX-12": "scope", "IX-13": "area", "JP-01": "area", "JP-02": "area", "JP-03": "area",
    "JP-04": "hardcore", "JP-05": "hardcore", "JP-06": "area",
}
# Per overriding rule: the rules and groups it overrides, and (`if`) the verdicts it overrides
# them in (None: any verdict). `overrides IX-08, group area if allowed, allowed_with_safeguards`.
PERMITTING = ("allowed", "allowed_with_safeguards")
OVERRIDES = {
    "IX-02": ((), ("area",), PERMITTING),
    "IX-06": (("IX-02", "IX-03", "IX-04"), (), None),
    "IX-09": (("IX-08",), ("area",), PERMITTING),
    "IX-13": (("IX-08",), (), None),
    "JP-03": (("JP-01", "JP-06"), (), None),
}


def overridden(rule, verdict, applying):
    """Whether an applying rule removes `rule`'s contribution `verdict` (never its own)."""
    for overrider, (rules, groups, verdicts) in OVERRIDES.items():
        if overrider == rule or overrider not in applying:
            continue
        if (rule in rules or GROUP[rule] in groups) and (verdicts is None or verdict in verdicts):
            return True
    return False


def combine(reasons):
    """Cedar's satisfied policies (`RULE/verdict`) to one verdict, as Waarborg combines."""
    applying = {}
    for reason in reasons:
        rule, _, verdict = reason.partition("/")
        applying[rule] = verdict
    active = {r: v for r, v in applying.items() if not overridden(r, v, applying)}
    if not active:
        return "needs_assessment", []
    conflicting = set()
    items = list(active.items())
    for i, (a, va) in enumerate(items):
        for b, vb in items[i + 1:]:
            if GROUP[a] == GROUP[b] and ((RANK[va] <= 1 and vb == "prohibited") or (RANK[vb] <= 1 and va == "prohibited")):
                conflicting.update((a, b))
    worst = max(2 if r in conflicting else RANK[v] for r, v in active.items())
    return NAMES[worst], sorted(active)


def cedar_policies(plan):
    text = (HERE / "shared.cedar").read_text()

    def fill(match):
        key = match.group(1)
        if key.startswith("set:"):
            return json.dumps(sorted(plan["sets"][key[4:]]))
        return str(plan["parameters"][key])

    return re.sub(r"\{\{([^}]+)\}\}", fill, text)


def run_cedar(plan, reps):
    policies = cedarpy.PolicySet.from_str(cedar_policies(plan)) if hasattr(cedarpy, "PolicySet") else cedar_policies(plan)
    entities = cedarpy.Entities.from_json_str("[]") if hasattr(cedarpy, "Entities") else "[]"
    internal_entities = entities._inner if hasattr(entities, "_inner") else entities
    requests = []
    for activity in plan["activities"]:
        context = dict(activity["facts"])
        context["kind"] = activity["kind"]
        context["safeguards"] = activity["safeguards"]
        requests.append({
            "principal": 'Activity::"%s"' % activity["id"],
            "action": 'Action::"evaluate"',
            "resource": 'RuleSet::"shared"',
            "context": json.dumps(context),
        })
    times, total_times, authz_times, request_times = [], [], [], []
    verdicts, fired, errors = {}, {}, 0
    for _ in range(reps):
        start = time.perf_counter()
        answers = cedar_internal.is_authorized_batch(requests, policies, internal_entities, None, False)
        engine = time.perf_counter() - start
        verdicts, fired, errors = {}, {}, 0
        authz = request = 0
        for activity, answer in zip(plan["activities"], answers):
            decoded = json.loads(answer)
            diagnostics = decoded["diagnostics"]
            metrics = decoded.get("metrics", {})
            authz += metrics.get("authz_duration_micros", 0)
            request += metrics.get("build_request_duration_micros", 0)
            errors += len(diagnostics.get("errors", []))
            # Policies are named by their @id annotation, `RULE/verdict`.
            names = diagnostics.get("id_annotations_by_reason", {})
            verdict, active = combine(names.get(reason, reason) for reason in diagnostics.get("reason", []))
            verdicts[activity["id"]] = verdict
            fired[activity["id"]] = active
        total = time.perf_counter() - start
        times.append(engine)
        total_times.append(total)
        authz_times.append(authz / 1e6)
        request_times.append(request / 1e6)
    return {
        "engine": "cedar", "version": "cedarpy " + metadata.version("cedarpy"), "times": times,
        "total_times": total_times, "authz_times": authz_times, "request_times": request_times, "verdicts": verdicts, "fired": fired, "errors": errors,
        "note": "one request per activity in one batch call; combination of satisfied policies in Python in total_times",
    }


def run_rego(plan, reps):
    engine = regorus.Engine()
    engine.add_policy("shared.rego", (HERE / "shared.rego").read_text())
    engine.add_data_json(json.dumps({"parameters": plan["parameters"], "sets": plan["sets"]}))
    input_json = json.dumps({"activities": plan["activities"]})
    times, total_times = [], []
    verdicts = {}
    for _ in range(reps):
        start = time.perf_counter()
        engine.set_input_json(input_json)
        middle = time.perf_counter()
        result = engine.eval_rule("data.waarborg.verdicts")
        end = time.perf_counter()
        verdicts = result
        times.append(end - middle)
        total_times.append(end - start)
    fired = {}
    details = engine.eval_rule("data.waarborg.details")
    for activity_id, active in details.items():
        fired[activity_id] = sorted(active)
    return {
        "engine": "rego", "version": "gordon-to-regorus " + metadata.version("gordon-to-regorus"), "times": times,
        "total_times": total_times, "verdicts": verdicts, "fired": fired, "errors": 0,
        "note": "one query evaluates every activity of the plan; setting the input in total_times",
    }


def main(arguments):
    reps = 3
    files = []
    index = 0
    while index < len(arguments):
        if arguments[index] == "--reps":
            reps = int(arguments[index + 1])
            index += 2
            continue
        files.append(arguments[index])
        index += 1
    results = []
    for path in files:
        plan = json.loads(Path(path).read_text())
        results.append({
            "file": path, "activities": len(plan["activities"]), "pairs": plan["pairs"],
            "engines": [run_cedar(plan, reps), run_rego(plan, reps)],
        })
    json.dump({"python": sys.version.split()[0], "results": results}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
