import WaarborgEngine
import WaarborgModel
import WaarborgSyntax

/// The JSON Schema (draft 2020-12) of the check report (`check --format json`), printed by
/// `waarborg schema report`. Every object is closed (`additionalProperties: false`), so a
/// field the renderer adds without documenting it here fails CI's validation of every
/// example's report, and every property says what it means: this is the reference that
/// docs/json-output.md explains.
public enum ReportSchema {
    typealias Member = (String, JSONValue)

    static func string(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("string"))])
    }

    static func nullableString(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .array([.string("string"), .string("null")]))])
    }

    static func boolean(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("boolean"))])
    }

    static func integer(_ description: String, minimum: Int = 0) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("integer")), ("minimum", .int(minimum))])
    }

    static func strings(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("array")), ("items", .object([("type", .string("string"))]))])
    }

    static func oneOf(_ description: String, _ values: [String]) -> JSONValue {
        .object([("description", .string(description)), ("enum", .strings(values))])
    }

    static func ref(_ name: String, _ description: String) -> JSONValue {
        .object([("description", .string(description)), ("$ref", .string("#/$defs/\(name)"))])
    }

    static func nullableRef(_ name: String, _ description: String) -> JSONValue {
        .object([("description", .string(description)), ("anyOf", .array([.object([("$ref", .string("#/$defs/\(name)"))]), .object([("type", .string("null"))])]))])
    }

    static func array(_ description: String, of items: JSONValue) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("array")), ("items", items)])
    }

    /// A closed object: `optional` names the properties that may be absent.
    static func object(_ description: String, _ properties: [Member], optional: [String] = []) -> JSONValue {
        .object([
            ("description", .string(description)),
            ("type", .string("object")),
            ("properties", .object(properties)),
            ("required", .strings(properties.map(\.0).filter { !optional.contains($0) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    static var verdicts: [String] { Verdict.allCases.map(\.id) }

    static var definitions: [Member] {
        [
            ("verdict", oneOf("A verdict, from best to worst: allowed, allowed with safeguards, needs assessment, prohibited.", verdicts)),
            ("location", object("A place in a file: the file as given on the command line, 1-based line and column (Unicode scalars).", [
                ("file", string("The file (a plan, an answers file, a rule file).")),
                ("line", integer("The line, from 1.", minimum: 1)),
                ("column", integer("The column, from 1.", minimum: 1)),
            ])),
            ("source", object("A legal source a rule cites.", [
                ("id", string("The source's id in the rule set (`MW-6`, `HGL-2023`).")),
                ("pinpoint", string("Where in the source (article, paragraph, chapter), in the report's language; a verbatim quotation stays in the source's Dutch words, in quotation marks, and in English is followed by \"(quoted from the Dutch source)\".")),
                ("title", string("The source's title, in the report's language.")),
                ("url", nullableString("Where the source can be read, when the rule set knows it.")),
                ("status", oneOf("Whether the rule set's authors verified the citation against the source.", SourceDocument.Status.allCases.map(\.rawValue))),
            ])),
            ("diagnostic", object("An error, warning or note about the input.", [
                ("severity", oneOf("How serious: an error stops the check.", Severity.allCases.map(\.rawValue))),
                ("code", string("The stable code (`WB326`), documented in docs/diagnostics.md.")),
                ("message", string("What is wrong, in English.")),
                ("location", nullableRef("location", "Where, when the problem has a place.")),
                ("suggestion", nullableString("What to write instead, when there is one obvious fix.")),
                ("notes", array("Related places (the first declaration of a duplicate, where a file ended).", of: object("A note.", [
                    ("message", string("What the place has to do with the problem.")),
                    ("location", nullableRef("location", "The place.")),
                ]))),
            ])),
        ]
    }

    static var activity: JSONValue {
        object("One activity of the plan and what the rules say of it.", [
            ("id", string("The activity's id in the plan.")),
            ("fingerprint", string("Identifies the finding across edits: a hash of the plan's name, the activity's id and kind and the deciding rules (never of line numbers). Baselines compare it.")),
            ("baseline_status", oneOf("With `--baseline` only: `new` (not in the baseline) or `changed` (another verdict or other deciding rules). Unchanged activities are left out.", ["new", "changed"])),
            ("title", nullableString("The activity's title, as the plan gives it.")),
            ("clause", nullableString("The agreement clause that creates the activity (`art. 5 Benchmarking`), for plans written in an agreement draft.")),
            ("kind", string("The activity kind's id.")),
            ("verdict", ref("verdict", "The verdict on the activity.")),
            ("determination", oneOf("Why this verdict: `decided` (the rules that apply settle it), `undetermined` (it depends on facts the plan does not state: see `questions`), `conflict` (rules of one level disagree: a lawyer decides), `uncovered` (no rule applies: never read as allowed).", ["decided", "undetermined", "conflict", "uncovered"])),
            ("waived", .object([
                ("description", .string("The waivers (accepted risks) covering this finding, or null when it stands.")),
                ("anyOf", .array([.object([("type", .string("null"))]), array("The waivers.", of: object("A waiver.", [
                    ("rule", string("The rule whose finding is waived.")),
                    ("justification", string("Why the risk is accepted.")),
                    ("owner", string("Who accepted it.")),
                    ("expires", .object([("description", .string("The last day it is valid (YYYY-MM-DD).")), ("type", .string("string"))])),
                    ("location", ref("location", "Where the plan states the waiver.")),
                ]))])),
            ])),
            ("location", ref("location", "Where the plan declares the activity.")),
            ("summary", string("One or two sentences: why this verdict, in the report's language.")),
            ("fired", strings("Every rule that applies or may apply, by id.")),
            ("deciding", strings("The rules whose conclusion is the verdict (or, when undetermined, whose outcome is open).")),
            ("reasons", array("Per deciding rule: its verdict, its rationale and its sources.", of: object("A deciding rule.", [
                ("rule", string("The rule's id.")),
                ("title", string("The rule's title.")),
                ("verdict", ref("verdict", "What the rule concludes for this activity.")),
                ("exception", .object([("description", .string("The exception (1-based, in the rule's order) whose conclusion applied, or null.")), ("type", .array([.string("integer"), .string("null")]))])),
                ("text", string("The rationale of the rule or of its applied exception.")),
                ("sources", array("The sources cited.", of: .object([("$ref", .string("#/$defs/source"))]))),
            ]))),
            ("facts", array("The facts the deciding rules tested, once each, in order of first use.", of: object("A fact.", [
                ("fact", string("The fact's id.")),
                ("value", string("Its value, as a plan writes it (`yes`, `12`, `16%`, `{costs, prices}`).")),
                ("location", nullableRef("location", "Where the plan or the answers file states it; null when derived.")),
                ("derived", nullableString("How it followed from the parties, in words; null when stated.")),
                ("asserted", boolean("True for an open norm (XP-04): the consortium's assertion, not a verified fact.")),
            ]))),
            ("safeguards", strings("The safeguards the activity has, by id.")),
            ("required_safeguards", strings("The safeguards the verdict depends on: remove one and the verdict gets worse.")),
            ("recommended_safeguards", strings("Safeguards the rules recommend that the activity does not have yet.")),
            ("questions", array("The facts whose answers decide an undetermined verdict.", of: object("An open question.", [
                ("fact", string("The fact to state (in the plan or an answers file).")),
                ("question", string("The question, in the report's language.")),
                ("type", string("The fact's type as a plan writes it (`yes/no`, `number`, `one of recipients`).")),
                ("values", strings("The values it may take, for yes/no and enumerations.")),
                ("rules", strings("The rules that need the answer.")),
                ("unknown_attributes", strings("For a fact derived from the parties: what the plan leaves unknown, as `party.attribute`.")),
                ("routes", strings("When every answer leads to the same verdict: the lowering routes (rule ids) an answer opens or closes, the reason the question is asked; empty when the answers lead to different verdicts.")),
                ("answers", array("Each possible answer and the verdict it leads to.", of: object("An answer.", [
                    ("answer", string("A value, or a range of numbers (`≥ 12`, `12–23`).")),
                    ("verdict", ref("verdict", "The activity's verdict with this answer.")),
                ]))),
            ]))),
            ("remedies", array("Changes that make the verdict better, best first.", of: object("A remedy.", [
                ("add_safeguards", strings("Safeguards to add.")),
                ("change_facts", array("Facts to change.", of: object("A fact change.", [
                    ("fact", string("The fact.")),
                    ("change", oneOf("How it changes.", ["at_least", "at_most", "set", "remove", "add"])),
                    ("value", string("The value it would get, as a plan writes it.")),
                    ("members", strings("For sets: the members removed or added.")),
                    ("text", string("The change in words, in the report's language.")),
                ]))),
                ("reaches", ref("verdict", "The verdict the activity would then have.")),
                ("rules", strings("The rules that then decide.")),
                ("exceptions", strings("The exceptions that then apply (`IX-03 unless 1`).")),
            ]))),
            ("parameters", array("The parameters (thresholds) the deciding rules compared with, in the version in force.", of: object("A parameter.", [
                ("id", string("The parameter's id.")),
                ("value", nullableString("Its value in force on the assessment date, or null when none is.")),
                ("from", nullableString("The first day of that version, if it has one.")),
                ("until", nullableString("The day that version ends, if it has one.")),
                ("source", nullableRef("source", "Where the value comes from.")),
            ]))),
            ("notes", array("Note rules that apply: information next to the verdict.", of: object("A note.", [
                ("rule", string("The note rule's id.")),
                ("title", string("Its title.")),
                ("text", string("What it says.")),
                ("applies", oneOf("`yes`, or `unknown` when it depends on facts the plan does not state.", ["yes", "unknown"])),
                ("sources", array("Its sources.", of: .object([("$ref", .string("#/$defs/source"))]))),
            ]))),
            ("trace", array("With `--trace` only: every rule considered, every test and its result (the shape of `explain --format json`).", of: .object([("type", .string("object"))]))),
        ], optional: ["baseline_status", "trace"])
    }

    static var document: JSONValue {
        object("The report on one plan.", [
            ("schema_version", .object([("description", .string("The version of this schema: the major number changes when a field is removed or changes meaning.")), ("const", .string(JSONRenderer.reportSchemaVersion))])),
            ("tool", object("The program that wrote the report.", [("name", .object([("const", .string("waarborg"))])), ("version", string("Its version."))])),
            ("language", oneOf("The language of every text in the report.", Language.allCases.map(\.rawValue))),
            ("as_of", .object([("description", .string("The date the plan was assessed as of (rules and parameters in force then).")), ("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))])),
            ("ruleset", object("The rule set the plan was checked against.", [
                ("name", string("Its name.")), ("version", string("Its version.")), ("rules", integer("How many rules it has.")),
                ("digest", .object([
                    ("description", .string("The first 12 hex digits of the SHA-256 of the rule files' names (relative to the rules folder) and bytes: different rules, a different digest (docs/json-output.md).")),
                    ("type", .string("string")), ("pattern", .string("^[0-9a-f]{12}$")),
                ])),
            ])),
            ("plan", object("The plan.", [
                ("file", string("The plan's file, as given on the command line.")),
                ("name", string("The plan's name.")),
                ("date", string("The plan's date.")),
                ("region", nullableString("The region, if the plan names one.")),
                ("verdict", ref("verdict", "The plan's verdict: the worst of its activities'.")),
                ("unwaived_verdict", ref("verdict", "The worst verdict of the findings that are not waived (what `--fail-level` sees).")),
            ])),
            ("summary", object("How many activities have each verdict.", Verdict.allCases.map { ($0.id, integer("Activities with this verdict.")) })),
            ("baseline", object("With `--baseline` only: the baseline compared with.", [
                ("file", string("The baseline's file.")),
                ("unchanged", integer("How many activities were unchanged and are left out of `activities`.")),
            ])),
            ("activities", array("The activities, in the plan's order (with a baseline: the new and changed ones).", of: activity)),
            ("diagnostics", array("Warnings and notes about the input (a report is only written when there is no error).", of: .object([("$ref", .string("#/$defs/diagnostic"))]))),
        ], optional: ["baseline"])
    }

    /// The schema, pretty-printed.
    public static func json() -> String {
        JSONValue.object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string("Waarborg check report")),
            ("description", .string("`waarborg check --format json`: an array with one document per plan checked, in the order given.")),
            ("type", .string("array")),
            ("items", document),
            ("$defs", .object(definitions)),
        ]).rendered()
    }
}
