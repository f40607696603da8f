# The information-exchange (IX-02..IX-13) and joint-purchasing (JP-01..JP-06) rules of
# rules/information-exchange.wbr and rules/joint-purchasing.wbr in Rego, for the
# benchmark only (issue 8), evaluated by Regorus. One query evaluates a whole plan:
# `data.waarborg.verdicts` maps every activity id of `input.activities` to its verdict.
#
# `data.parameters` holds the parameter values in force on the plan's date and `data.sets`
# the named sets, both exported with the plan. Amounts are integers in ten-thousandths
# (18 months = 180000, 15% = 150000). Rego, like Cedar, has no third truth value: an
# absent fact makes a test undefined (false), so the comparison uses plans in which every
# fact these rules test is known.
#
# The combination follows docs/language.md, "Evaluation": an applying rule removes the
# rules it overrides (with `if`, only their contributions with the verdicts named); two remaining rules of one group, one permitting and one
# prohibiting, conflict and give needs assessment; the worst verdict wins; an activity no
# rule applies to needs assessment.
package waarborg

import rego.v1

p := data.parameters

s := data.sets

ix_kinds := {"information_exchange", "benchmarking", "capacity_coordination"}

any_of(values, members) if {
	some value in values
	value in members
}

only(values, members) if {
	every value in values {
		value in members
	}
}

has_safeguards(a, wanted) if {
	every safeguard in wanted {
		safeguard in a.safeguards
	}
}

# --- information exchange ------------------------------------------------------------

# The named conditions of rules/conditions.wbr that the rules below read, written out.
association_decision(f) if {
	f.association_of_competitors_involved
	f.decides_members_market_conduct
}

hardcore_competitors(f) if {
	f.parties_are_competitors
	not f.single_economic_unit
}

hardcore_competitors(f) if association_decision(f)

staff_competitors(f) if {
	f.n_care_employers >= 20000 # 2 employers, in ten-thousandths
	not f.single_economic_unit
}

staff_competitors(f) if association_decision(f)

# An exchange, or data sent to the competitors themselves (IX-02, IX-04: any activity).
ix_exchange(a) if a.kind in ix_kinds

ix_exchange(a) if a.facts.recipient == "competitors"

# Sensitive data between competitors for patients, or labour data between employers.
competitor_data(f) if {
	hardcore_competitors(f)
	any_of(f.data_kinds, s.present_and_past_csi)
}

competitor_data(f) if {
	staff_competitors(f)
	any_of(f.data_kinds, s.labour_data)
}

aggregated_historic_data(f) if {
	not f.individualised
	f.aggregation_min_parties >= p["P-IX-MIN-PARTIES"]
	f.max_single_contributor_share_pct <= p["P-IX-MAX-CONTRIBUTOR-SHARE"]
	f.data_age_months >= p["P-IX-AGE"]
}

future_intentions_shared(f) if {
	hardcore_competitors(f)
	any_of(f.data_kinds, ["future_prices", "intended_tariff_demands", "planned_indexation", "ongoing_negotiation_status", "future_capacity", "future_volumes", "strategy_plans"])
}

future_intentions_shared(f) if {
	staff_competitors(f)
	"planned_pay_increases" in f.data_kinds
}

exchange_through_hub(f) if {
	f.recipient in hub_recipients
	f.recipient_collects_from_competitors
}

current_individual_prices_shared(a) if {
	f := a.facts
	any_of(f.data_kinds, ["current_prices", "customer_contracts"])
	f.individualised
	f.data_age_months < p["P-IX-AGE"]
	prices_reach_competitor(a)
}

prices_reach_competitor(a) if {
	hardcore_competitors(a.facts)
	a.facts.recipient == "competitors"
}

prices_reach_competitor(a) if {
	exchange_through_hub(a.facts)
	not has_safeguards(a, ["information_barrier", "clean_team"])
}

contribution("IX-02", a) := verdict if {
	ix_exchange(a)
	f := a.facts
	competitor_data(f)
	f.individualised
	f.data_age_months < p["P-IX-AGE"]
	verdict := ix02_exception(a)
}

ix02_exception(a) := "needs_assessment" if {
	has_safeguards(a, ["clean_team", "information_barrier", "need_to_know_access"])
	a.facts.necessary_for_joint_project
} else := "prohibited"

contribution("IX-03", a) := verdict if {
	a.kind in ix_kinds
	f := a.facts
	f.parties_are_competitors
	any_of(f.data_kinds, s.present_and_past_csi)
	not f.individualised
	f.aggregation_min_parties >= p["P-IX-MIN-PARTIES"]
	f.max_single_contributor_share_pct <= p["P-IX-MAX-CONTRIBUTOR-SHARE"]
	f.data_age_months >= p["P-IX-AGE"]
	verdict := ix03_exception(a)
}

# The named condition independent_benchmark of rules/conditions.wbr, and predates_last_contracting_round.
ix03_exception(a) := "allowed_with_safeguards" if {
	a.facts.recipient == "independent_third_party"
	has_safeguards(a, ["independent_third_party", "aggregation", "historic_data", "no_individual_data_to_members"])
	a.facts.predates_last_contracting_round
} else := "needs_assessment"

contribution("IX-04", a) := "needs_assessment" if {
	ix_exchange(a)
	competitor_data(a.facts)
	ix04_risk(a.facts)
}

ix04_risk(f) if {
	f.individualised
	f.data_age_months >= p["P-IX-AGE"]
}

ix04_risk(f) if {
	not f.individualised
	not aggregated_historic_data(f)
}

contribution("IX-05", a) := verdict if {
	a.kind in ix_kinds
	f := a.facts
	any_of(f.data_kinds, s.care_content_data)
	only(f.data_kinds, s.non_sensitive_data)
	verdict := ix05_exception(f)
}

ix05_exception(f) := "needs_assessment" if {
	f.parties_are_competitors
	"quality_indicators_outcome" in f.data_kinds
	f.indicators_reveal_commercial_data
} else := "allowed"

contribution("IX-06", a) := "needs_assessment" if {
	a.kind in {"information_exchange", "capacity_coordination"}
	f := a.facts
	f.parties_are_competitors
	f.purpose == "patient_routing"
	any_of(f.data_kinds, s.routing_data)
	only(f.data_kinds, s.routing_exchange_data)
}

contribution("IX-07", a) := verdict if {
	a.kind in {"information_exchange", "benchmarking"}
	f := a.facts
	"public_information" in f.data_kinds
	only(f.data_kinds, ["public_information"])
	verdict := ix07_exception(f)
}

ix07_exception(f) := "needs_assessment" if {
	not f.equally_available_to_customers
	f.parties_are_competitors
} else := "allowed"

contribution("IX-08", a) := verdict if {
	a.kind in ix_kinds
	f := a.facts
	not f.parties_are_competitors
	f.n_parties >= 20000 # 2 parties, in ten-thousandths
	not staff_labour_data(f)
	verdict := ix08_exception(f)
}

staff_labour_data(f) if {
	staff_competitors(f)
	any_of(f.data_kinds, s.labour_data)
}

ix08_exception(f) := "needs_assessment" if {
	any_of(f.data_kinds, s.purchase_side_data)
} else := "allowed"

hub_recipients := {"consortium_office", "intermediary", "chain_partner"}

# IX-09 applies to any activity; where a hardcore condition holds it stays out.
contribution("IX-09", a) := verdict if {
	f := a.facts
	any_of(f.data_kinds, s.commercially_sensitive)
	ix09_hub(a)
	not future_intentions_shared(f)
	not future_intentions_through_hub(f)
	not current_individual_prices_shared(a)
	verdict := ix09_exception(a)
}

future_intentions_through_hub(f) if {
	exchange_through_hub(f)
	any_of(f.data_kinds, s.future_intentions)
}

ix09_hub(a) if {
	a.facts.recipient in hub_recipients
	ix09_from_competitors(a.facts)
	ix09_exchange_or_open(a)
}

ix09_hub(a) if {
	a.facts.recipient in {"insurer", "municipality"}
	a.facts.recipient_passes_on_individual_data
}

ix09_from_competitors(f) if f.parties_are_competitors

ix09_from_competitors(f) if f.recipient_collects_from_competitors

ix09_exchange_or_open(a) if a.kind in ix_kinds

ix09_exchange_or_open(a) if {
	a.facts.individualised
	not "information_barrier" in a.safeguards
}

ix09_exception(a) := "allowed_with_safeguards" if {
	a.facts.recipient in hub_recipients
	has_safeguards(a, ["information_barrier", "clean_team", "confidentiality_undertaking", "aggregated_reporting_only"])
	not a.facts.individualised
} else := "prohibited"

contribution("IX-10", a) := "needs_assessment" if {
	a.kind == "consortium_governance"
	f := a.facts
	f.parties_are_competitors
	any_of(f.data_kinds, s.present_and_past_csi)
	f.unsolicited_disclosure
}

contribution("IX-11", a) := "prohibited" if {
	a.kind in {"information_exchange", "benchmarking", "consortium_governance"}
	a.facts.association_involved
	any_of(a.facts.data_kinds, s.tariff_advice_data)
}

# IX-12 is a note rule (`then note`): it informs and decides nothing, so it contributes no verdict.

contribution("IX-13", a) := "needs_assessment" if {
	a.kind == "information_exchange"
	a.facts.recipient == "public"
	any_of(a.facts.data_kinds, s.signalling_data)
}

# --- joint purchasing -------------------------------------------------------------------

contribution("JP-01", a) := verdict if {
	a.kind == "joint_purchasing"
	f := a.facts
	f.parties_are_competitors
	f.joint_negotiation_with_suppliers
	f.combined_market_share_pct <= p["P-HGL-PURCH-SAFE"]
	f.combined_purchasing_share_pct <= p["P-HGL-PURCH-SAFE"]
	verdict := jp01_exception(a)
}

jp01_exception(a) := "allowed_with_safeguards" if {
	"information_barrier" in a.safeguards
	no_labour_terms(a.facts)
	not purchase_data_to_competitors(a.facts)
} else := "needs_assessment"

no_labour_terms(f) if not f.purchase_is_labour

no_labour_terms(f) if {
	not f.zzp_terms_agreed
	not f.no_hire_clause
}

purchase_data_to_competitors(f) if {
	any_of(f.data_kinds, s.purchase_side_data)
	f.recipient == "competitors"
}

contribution("JP-02", a) := "needs_assessment" if {
	a.kind == "joint_purchasing"
	f := a.facts
	f.parties_are_competitors
	f.joint_negotiation_with_suppliers
	jp02_above(f)
}

jp02_above(f) if f.combined_market_share_pct > p["P-HGL-PURCH-SAFE"]

jp02_above(f) if f.combined_purchasing_share_pct > p["P-HGL-PURCH-SAFE"]

contribution("JP-03", a) := "needs_assessment" if {
	a.kind in {"joint_purchasing", "exclusivity_obligation"}
	not "freedom_to_purchase_individually" in a.safeguards
	a.facts.exclusive_purchasing_obligation
}

contribution("JP-04", a) := "prohibited" if {
	a.kind == "joint_purchasing"
	a.facts.parties_are_competitors
	any_of(a.facts.data_kinds, s.selling_side_csi)
}

contribution("JP-05", a) := "prohibited" if {
	a.kind == "joint_purchasing"
	f := a.facts
	not f.single_economic_unit
	f.buyer_side_coordination
	not f.joint_negotiation_with_suppliers
}

contribution("JP-06", a) := verdict if {
	a.kind == "joint_purchasing"
	f := a.facts
	not f.parties_are_competitors
	no_buyer_coordination(f)
	not f.supplier_boycott
	no_labour_terms(f)
	verdict := jp06_exception(f)
}

no_buyer_coordination(f) if not f.buyer_side_coordination

no_buyer_coordination(f) if f.joint_negotiation_with_suppliers

jp06_exception(f) := "needs_assessment" if {
	f.combined_purchasing_share_pct > p["P-HGL-PURCH-SAFE"]
} else := "allowed"

# --- combination ------------------------------------------------------------------------

rule_ids := [
	"IX-02", "IX-03", "IX-04", "IX-05", "IX-06", "IX-07", "IX-08", "IX-09", "IX-10",
	"IX-11", "IX-13", "JP-01", "JP-02", "JP-03", "JP-04", "JP-05", "JP-06",
]

group := {
	"IX-02": "area", "IX-03": "area", "IX-04": "area", "IX-05": "area",
	"IX-06": "area", "IX-07": "area", "IX-08": "area", "IX-09": "area", "IX-10": "area",
	"IX-11": "hardcore", "IX-13": "area", "JP-01": "area", "JP-02": "area",
	"JP-03": "area", "JP-04": "hardcore", "JP-05": "hardcore", "JP-06": "area",
}

# Per overriding rule: the rules and groups it overrides and, where it has `if`, the verdicts
# it overrides them in (`overrides IX-08, group area if allowed, allowed_with_safeguards`).
overrides := {
	"IX-02": {"rules": [], "groups": ["area"], "if": ["allowed", "allowed_with_safeguards"]},
	"IX-06": {"rules": ["IX-02", "IX-03", "IX-04"], "groups": [], "if": null},
	"IX-09": {"rules": ["IX-08"], "groups": ["area"], "if": ["allowed", "allowed_with_safeguards"]},
	"IX-13": {"rules": ["IX-08"], "groups": [], "if": null},
	"JP-03": {"rules": ["JP-01", "JP-06"], "groups": [], "if": null},
}

rank := {"allowed": 0, "allowed_with_safeguards": 1, "needs_assessment": 2, "prohibited": 3}

names := ["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"]

fired(a) := {rule: verdict | some rule in rule_ids; verdict := contribution(rule, a)}

# An applying rule removes `rule`'s contribution `verdict` (never its own).
overridden(rule, verdict, applying) if {
	some overrider, o in overrides
	overrider != rule
	applying[overrider]
	targets(o, rule)
	in_verdicts(o, verdict)
}

targets(o, rule) if rule in o.rules

targets(o, rule) if group[rule] in o.groups

in_verdicts(o, _) if o["if"] == null

in_verdicts(o, verdict) if verdict in o["if"]

clash(v, w) if {
	rank[v] <= 1
	w == "prohibited"
}

combine(active) := "needs_assessment" if count(active) == 0

combine(active) := names[max(ranks)] if {
	count(active) > 0
	conflicting := {rule |
		some rule, v in active
		some other, w in active
		group[rule] == group[other]
		clashes(v, w)
	}
	ranks := {r |
		some rule, v in active
		r := effective(rule, v, conflicting)
	}
}

clashes(v, w) if clash(v, w)

clashes(v, w) if clash(w, v)

effective(rule, v, conflicting) := 2 if rule in conflicting

effective(rule, v, conflicting) := rank[v] if not rule in conflicting

verdict(a) := combine(active) if {
	applying := fired(a)
	active := {rule: v | some rule, v in applying; not overridden(rule, v, applying)}
}

verdicts := {a.id: verdict(a) | some a in input.activities}

# For a look at disagreements: the rules that apply and are not overridden.
details := {a.id: active |
	some a in input.activities
	applying := fired(a)
	active := {rule: v | some rule, v in applying; not overridden(rule, v, applying)}
}
