import WaarborgModel

/// The JSON Schema (draft 2020-12) of JSON plans, generated from the rule set's
/// vocabulary so it names exactly the facts, kinds and values the rules know.
public struct PlanSchema {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    private var vocabulary: Vocabulary { ruleSet.vocabulary }

    static let idPattern = "^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$"
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

    func schema(for type: ValueType, description: String) -> JSONValue {
        var members: [(String, JSONValue)] = [("description", .string(description))]
        switch type {
        case .scalar(let scalar):
            switch scalar.storage {
            case .boolean: members.append(("type", .string("boolean")))
            case .amount:
                let number: [(String, JSONValue)] = [("type", .string("number")), ("minimum", .int(0))]
                if let suffix = scalar.jsonSuffix {
                    members.append(("anyOf", .array([
                        .object(number),
                        .object([("type", .string("string")), ("pattern", .string("^[0-9]+(\\.[0-9]{1,4})?" + suffix + "$"))]),
                    ])))
                } else {
                    members += number
                }
            case .date: members += [("type", .string("string")), ("pattern", .string(PlanSchema.datePattern))]
            case .text: members.append(("type", .string("string")))
            }
        case .oneOf(let index):
            members.append(("enum", .strings(vocabulary.enumerations[index].members.map(\.id))))
        case .setOf(let index):
            members += [
                ("type", .string("array")), ("uniqueItems", .bool(true)),
                ("items", .object([("enum", .strings(vocabulary.enumerations[index].members.map(\.id)))])),
            ]
        }
        return .object(members)
    }

    private func ids(_ description: String) -> JSONValue {
        .object([("description", .string(description)), ("type", .string("array")), ("items", .object([("type", .string("string")), ("pattern", .string(PlanSchema.idPattern))]))])
    }

    public func json() -> String {
        let safeguards: JSONValue = .object([
            ("description", .string("Safeguards in place")), ("type", .string("array")), ("uniqueItems", .bool(true)),
            ("items", .object([("enum", .strings(vocabulary.safeguards.map(\.id)))])),
        ])
        var partyProperties: [(String, JSONValue)] = [
            ("id", .object([("type", .string("string")), ("pattern", .string(PlanSchema.idPattern))])),
            ("name", .object([("type", .string("string"))])),
            ("kind", .object([("enum", .strings(vocabulary.partyKinds.map(\.term.id)))])),
            ("legal_form", .object([
                ("description", .string("The party's legal form, its capacity in the annex: " + vocabulary.legalForms.map { "\($0.id) (\($0.label.en) / \($0.label.nl))" }.joined(separator: ", "))),
                ("enum", .strings(vocabulary.legalForms.map(\.id))),
            ])),
            ("competes_with", ids("Ids of the parties this party competes with; [] for none")),
            ("undertaking", .object([("type", .string("string")), ("description", .string("Parties with the same value form one undertaking"))])),
        ]
        for attribute in vocabulary.attributes {
            partyProperties.append((attribute.id, schema(for: attribute.type, description: "\(attribute.label.en) / \(attribute.label.nl)")))
        }
        var activityProperties: [(String, JSONValue)] = [
            ("id", .object([("type", .string("string")), ("pattern", .string(PlanSchema.idPattern))])),
            ("title", .object([("type", .string("string"))])),
            ("clause", .object([("type", .string("string")), ("description", .string("The clause of the cooperation agreement that creates the activity, such as \"art. 5 Benchmarking\"."))])),
            ("kind", .object([("enum", .strings(vocabulary.activityKinds.map(\.id)))])),
            ("parties", ids("Ids of the participating parties")),
            ("safeguards", safeguards),
            ("waivers", .object([
                ("type", .string("array")),
                ("items", .object([
                    ("type", .string("object")),
                    ("required", .strings(["rule", "justification", "owner", "expires"])),
                    ("additionalProperties", .bool(false)),
                    ("properties", .object([
                        ("rule", .object([("enum", .strings(ruleSet.rules.map(\.id)))])),
                        ("justification", .object([("type", .string("string")), ("minLength", .int(1))])),
                        ("owner", .object([("type", .string("string")), ("minLength", .int(1))])),
                        ("expires", .object([("type", .string("string")), ("pattern", .string(PlanSchema.datePattern))])),
                    ])),
                ])),
            ])),
        ]
        // An activity fact may also be stated once in the plan header, for every activity.
        var factProperties: [(String, JSONValue)] = []
        for fact in vocabulary.facts {
            let question = fact.question.map { " — \($0.en)" } ?? ""
            factProperties.append((fact.id, schema(for: fact.type, description: "\(fact.label.en)\(question)")))
        }
        activityProperties += factProperties
        return JSONValue.object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://waarborg.nl/schema/plan-1.json")),
            ("title", .string("Waarborg plan")),
            ("description", .string("A consortium plan for Waarborg, generated from the vocabulary of \(ruleSet.info.name) \(ruleSet.info.version).")),
            ("type", .string("object")),
            ("required", .strings(["plan", "parties", "activities"])),
            ("additionalProperties", .bool(false)),
            ("properties", .object([
                ("$schema", .object([("type", .string("string"))])),
                ("plan", .object([
                    ("type", .string("object")),
                    ("required", .strings(["name", "date"])),
                    ("additionalProperties", .bool(false)),
                    ("properties", .object([
                        ("name", .object([("type", .string("string"))])),
                        ("date", .object([("type", .string("string")), ("pattern", .string(PlanSchema.datePattern))])),
                        ("region", .object([("type", .string("string"))])),
                        ("safeguards", safeguards),
                    ] + factProperties)),
                ])),
                ("parties", .object([("type", .string("array")), ("items", .object([
                    ("type", .string("object")), ("required", .strings(["id", "kind"])), ("additionalProperties", .bool(false)),
                    ("properties", .object(partyProperties)),
                ]))])),
                ("activities", .object([("type", .string("array")), ("items", .object([
                    ("type", .string("object")), ("required", .strings(["id", "kind"])), ("additionalProperties", .bool(false)),
                    ("properties", .object(activityProperties)),
                ]))])),
            ])),
        ]).rendered()
    }
}
