#!/usr/bin/env bash
# A rule change lands without a programmer (issue 16). In a copy of the project, as a lawyer
# would: add a rule file with two rules and their examples, reword another rule's rationale,
# raise P-IX-AGE from 12 to 24 months (the failing examples must name the parameter with its
# old and new value; the lawyer then makes those examples' data older), run the documented
# update command once, and then: the rule checks of .ci/run pass on the copy, and the Swift
# test suite, run on the copy, passes without any file under Tests/ changing.
#
# Usage: .ci/rule-change.sh PATH-TO-WAARBORG (after `swift build` and `swift test`).
set -euo pipefail
cd "$(dirname "$0")/.."
waarborg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy="$work/project"
mkdir -p "$copy"
tar --exclude=./.build --exclude='./.build-*' --exclude=./.git -cf - . | tar -xf - -C "$copy"
# The copy is its own repository: the last commit is the law before the change.
git -C "$copy" init -q
git -C "$copy" add -A
git -C "$copy" -c user.name=CI -c user.email=ci@example.org -c commit.gpgsign=false commit -q -m "before the rule change"
# The tests that start the executable find it in the copy's .build: the same build.
ln -s "$PWD/.build" "$copy/.build"

cd "$copy"
# The binary was built in the original checkout, whose rules/ it would use by default.
export WAARBORG_RULES="$copy/rules"

# 1. A new rule file: a fact, two rules, an example for every branch.
cat > rules/training-costs.wbr <<'WBR'
# Training costs shared between employers (a rule file added by a lawyer, CI test).

fact shared_training_costs
  type boolean
  label nl "opleidingskosten worden gedeeld" en "training costs are shared"
  question
    nl "Delen de werkgevers de kosten van de gezamenlijke opleiding naar rato van hun deelname?"
    en "Do the employers share the cost of the joint training in proportion to their participation?"

fact training_binds_staff
  type boolean
  label nl "opleiding bindt personeel" en "training binds staff"
  question
    nl "Verplicht de opleiding deelnemers om daarna bij een van de werkgevers in dienst te blijven?"
    en "Does the training oblige participants to stay with one of the employers afterwards?"

rule TC-01
  title
    nl "Gedeelde opleidingskosten"
    en "Shared training costs"
  group area
  applies to joint_training_recruitment
  when shared_training_costs
  then needs_assessment
  because
    nl "Nadere beoordeling nodig: werkgevers die opleidingskosten delen, moeten nagaan dat de verdeling geen afspraak over lonen of werving verhult."
    en "Needs assessment: employers who share training costs must check that the split does not hide an agreement on pay or hiring."
  source MW-6 "art. 6 lid 1"
  example "three care employers split the cost of a joint nursing course"
    kind = joint_training_recruitment
    shared_training_costs = yes
    expect needs_assessment by TC-01

rule TC-02
  title
    nl "Opleiding met blijfplicht"
    en "Training with an obligation to stay"
  group area
  applies to joint_training_recruitment
  when training_binds_staff
  then needs_assessment
  because
    nl "Nadere beoordeling nodig: een blijfplicht na een gezamenlijke opleiding kan werken als een niet-werven-afspraak tussen de werkgevers."
    en "Needs assessment: an obligation to stay after a joint training may work as a no-hire agreement between the employers."
  source MW-6 "art. 6 lid 1"
  example "trainees must stay two years with one of the employers"
    kind = joint_training_recruitment
    training_binds_staff = yes
    expect needs_assessment by TC-02
WBR
# Every other example assumes the new facts are no, as ruleset.wbr says for the others.
python3 - <<'PY'
import pathlib
path = pathlib.Path("rules/ruleset.wbr")
text = path.read_text(encoding="utf-8")
anchor = "    data_kinds = {}\n"
assert anchor in text
path.write_text(text.replace(anchor, anchor + "    shared_training_costs = no\n    training_binds_staff = no\n"), encoding="utf-8")
PY

# 2. Another rule's rationale reworded.
python3 - <<'PY'
import pathlib
path = pathlib.Path("rules/information-exchange.wbr")
text = path.read_text(encoding="utf-8")
old = "Prohibited: exchanging current, identifiable commercially sensitive information."
assert old in text, "the rationale to reword is gone from rules/information-exchange.wbr; pick another"
path.write_text(text.replace(old, "Prohibited: sharing current, identifiable commercially sensitive information with competitors.", 1), encoding="utf-8")
PY

# 3. P-IX-AGE raised from 12 to 24 months: examples fail, and say why.
# Every value in force since 2019 (the digest's §7.6 correction added one from 2026-12-01).
sed -i -E 's/^(  value )12( from (2019-02-27|2026-12-01) )/\124\2/' rules/parameters.wbr
grep -q "value 24 from 2019-02-27" rules/parameters.wbr
grep -q "value 24 from 2026-12-01" rules/parameters.wbr
status=0
"$waarborg" test rules --lang en > "$work/failing.txt" || status=$?
[ "$status" -eq 1 ] || { cat "$work/failing.txt"; echo "error: raising P-IX-AGE should make rule examples fail" >&2; exit 1; }
grep -q "note: parameter P-IX-AGE changed from 12 (HEAD) to 24 (rules/parameters.wbr:" "$work/failing.txt" \
  || { cat "$work/failing.txt"; echo "error: a failing example does not name P-IX-AGE with its old and new value" >&2; exit 1; }
echo "rule-change: $(grep -c 'note: parameter P-IX-AGE changed from 12 (HEAD) to 24' "$work/failing.txt") failing examples name P-IX-AGE 12 -> 24"
# The lawyer follows the message: the examples about historic data get data older than 24 months.
python3 - <<'PY'
import pathlib, re
for path in pathlib.Path("rules").glob("*.wbr"):
    text = path.read_text(encoding="utf-8")
    new = re.sub(r"(\n    data_age_months = )(\d+)\n", lambda m: m.group(1) + (str(int(m.group(2)) + 12) if 12 <= int(m.group(2)) < 24 else m.group(2)) + "\n", text)
    if new != text:
        path.write_text(new, encoding="utf-8")
PY

# 4. The documented update command, once.
"$waarborg" test rules --plans examples --docs docs/rules.md --update > "$work/update.txt" 2>&1 \
  || { cat "$work/update.txt"; echo "error: the update command failed" >&2; exit 1; }
git diff --stat -- examples docs | tail -n 1

# 5. .ci/run's rule checks, on the copy.
"$waarborg" test rules --plans examples --docs docs/rules.md > /dev/null
"$waarborg" lint rules --min-coverage 100 > "$work/lint.txt" || { cat "$work/lint.txt"; exit 1; }
"$waarborg" docs rules --output docs/rules.md --check
for plan in examples/*.wbp examples/*.md; do
  status=0
  "$waarborg" check "$plan" --plain > /dev/null || status=$?
  [ "$status" -lt 2 ] || { echo "error: waarborg check $plan failed with exit code $status" >&2; exit 1; }
done
for draft in examples/*.md; do "$waarborg" annex "$draft" --check > /dev/null; done
"$waarborg" fmt --check rules examples

# 6. The Swift test suite (`swift test`), built once from the original checkout, run on the
# copy (WAARBORG_TEST_ROOT; WAARBORG_RULE_CHANGE_FILTER=REGEX runs only some suites).
cd - > /dev/null
WAARBORG_TEST_ROOT="$copy" swift test --skip-build ${WAARBORG_RULE_CHANGE_FILTER:+--filter "$WAARBORG_RULE_CHANGE_FILTER"} > "$work/swift-test.txt" 2>&1 \
  || { grep -A6 "recorded an issue" "$work/swift-test.txt" | head -n 80; tail -n 3 "$work/swift-test.txt"; echo "error: the Swift tests fail after a rule change" >&2; exit 1; }
grep -E "^. Test run with" "$work/swift-test.txt" | tail -n 1
changed=$(git -C "$copy" status --porcelain -- Tests)
[ -z "$changed" ] || { echo "$changed"; echo "error: files under Tests/ changed with the rules" >&2; exit 1; }
echo "rule-change: a lawyer's rule change passed the rule checks and the golden tests; nothing under Tests/ changed"
