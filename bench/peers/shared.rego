# The information-exchange (IX-01..IX-13) and joint-purchasing (JP-01..JP-06) rules of
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
# rules it overrides; two remaining rules of one group, one permitting and one
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

contribution("IX-01", a) := "prohibited" if {
	a.kind in {"information_exchange", "benchmarking"}
	a.facts.parties_are_competitors
	any_of(a.facts.data_kinds, s.future_intentions)
}

contribution("IX-02", a) := verdict if {
	a.kind in ix_kinds
	f := a.facts
	f.parties_are_competitors
	any_of(f.data_kinds, s.present_and_past_csi)
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
	a.kind in ix_kinds
	f := a.facts
	f.parties_are_competitors
	any_of(f.data_kinds, s.present_and_past_csi)
	ix04_risk(f)
}

ix04_risk(f) if {
	f.individualised
	f.data_age_months >= p["P-IX-AGE"]
}

ix04_risk(f) if {
	not f.individualised
	ix04_thin_or_recent(f)
}

ix04_thin_or_recent(f) if f.data_age_months < p["P-IX-AGE"]

ix04_thin_or_recent(f) if f.aggregation_min_parties < p["P-IX-MIN-PARTIES"]

ix04_thin_or_recent(f) if f.max_single_contributor_share_pct > p["P-IX-MAX-CONTRIBUTOR-SHARE"]

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

contribution("IX-08", a) := "allowed" if {
	a.kind in ix_kinds
	not a.facts.parties_are_competitors
	a.facts.n_parties >= 20000 # 2 parties, in ten-thousandths
}

hub_recipients := {"consortium_office", "intermediary", "chain_partner"}

contribution("IX-09", a) := verdict if {
	a.kind in ix_kinds
	f := a.facts
	any_of(f.data_kinds, s.commercially_sensitive)
	ix09_hub(f)
	verdict := ix09_exception(a)
}

ix09_hub(f) if {
	f.recipient in hub_recipients
	f.parties_are_competitors
}

ix09_hub(f) if {
	f.recipient in hub_recipients
	f.recipient_collects_from_competitors
}

ix09_hub(f) if {
	f.recipient in {"insurer", "municipality"}
	f.recipient_passes_on_individual_data
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
} else := "needs_assessment"

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
	f.parties_are_competitors
	f.buyer_side_coordination
	not f.joint_negotiation_with_suppliers
}

contribution("JP-06", a) := verdict if {
	a.kind == "joint_purchasing"
	not a.facts.parties_are_competitors
	verdict := jp06_exception(a.facts)
}

jp06_exception(f) := "needs_assessment" if {
	f.combined_purchasing_share_pct > p["P-HGL-PURCH-SAFE"]
} else := "allowed"

# --- combination ------------------------------------------------------------------------

rule_ids := [
	"IX-01", "IX-02", "IX-03", "IX-04", "IX-05", "IX-06", "IX-07", "IX-08", "IX-09", "IX-10",
	"IX-11", "IX-13", "JP-01", "JP-02", "JP-03", "JP-04", "JP-05", "JP-06",
]

group := {
	"IX-01": "hardcore", "IX-02": "area", "IX-03": "area", "IX-04": "area", "IX-05": "area",
	"IX-06": "area", "IX-07": "area", "IX-08": "area", "IX-09": "area", "IX-10": "area",
	"IX-11": "hardcore", "IX-13": "area", "JP-01": "area", "JP-02": "area",
	"JP-03": "area", "JP-04": "hardcore", "JP-05": "hardcore", "JP-06": "area",
}

# For each rule, the rules that override it.
overridden_by := {
	"IX-02": ["IX-06"], "IX-03": ["IX-06"], "IX-04": ["IX-06"], "IX-08": ["IX-09", "IX-13"],
	"JP-01": ["JP-03"], "JP-06": ["JP-03"],
}

rank := {"allowed": 0, "allowed_with_safeguards": 1, "needs_assessment": 2, "prohibited": 3}

names := ["allowed", "allowed_with_safeguards", "needs_assessment", "prohibited"]

fired(a) := {rule: verdict | some rule in rule_ids; verdict := contribution(rule, a)}

overridden(rule, applying) if {
	some overrider in overridden_by[rule]
	applying[overrider]
}

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
	active := {rule: v | some rule, v in applying; not overridden(rule, applying)}
}

verdicts := {a.id: verdict(a) | some a in input.activities}

# For a look at disagreements: the rules that apply and are not overridden.
details := {a.id: active |
	some a in input.activities
	applying := fired(a)
	active := {rule: v | some rule, v in applying; not overridden(rule, applying)}
}
