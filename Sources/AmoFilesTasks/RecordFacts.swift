import AmoFilesAPI

/// What tells one record from another of a similar name: for a lead its pipeline and
/// stage, price, responsible user and last change; for a contact its company and first
/// phone or e-mail; for a company its first phone; for a customer its responsible user.
public struct RecordDetails: Sendable, Hashable, Encodable {
    public var stage: String?
    public var price: Int?
    public var responsible: String?
    public var updatedAt: Int64?
    public var company: String?
    public var phone: String?
    public var email: String?

    public init(stage: String? = nil, price: Int? = nil, responsible: String? = nil, updatedAt: Int64? = nil, company: String? = nil, phone: String? = nil, email: String? = nil) {
        self.stage = stage
        self.price = price
        self.responsible = responsible
        self.updatedAt = updatedAt
        self.company = company
        self.phone = phone
        self.email = email
    }

    /// The details as short phrases, in the order a list shows them.
    public func parts(time: (Int64) -> String) -> [String] {
        var parts: [String] = []
        if let stage { parts.append(stage) }
        if let price { parts.append(Self.grouped(price)) }
        if let company { parts.append(company) }
        if let contact = phone ?? email { parts.append(contact) }
        if let responsible { parts.append(responsible) }
        if let updatedAt { parts.append("changed \(time(updatedAt))") }
        return parts
    }

    /// `302000` -> `302 000`.
    static func grouped(_ number: Int) -> String {
        let digits = String(abs(number))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(" ") }
            out.append(digit)
        }
        return number < 0 ? "-" + out : out
    }

    enum CodingKeys: String, CodingKey {
        case stage, price, responsible, company, phone, email, updatedAt = "updated_at"
    }
}

/// The names the details need (stages, users, companies), fetched once for a list.
public struct RecordFacts: Sendable {
    public var stages: PipelineStages
    public var users: [Int: String]
    public var companies: [Int: String]

    public init(stages: PipelineStages = PipelineStages([]), users: [Int: String] = [:], companies: [Int: String] = [:]) {
        self.stages = stages
        self.users = users
        self.companies = companies
    }

    /// Best effort: a name that cannot be had leaves its id in the details, never a failure.
    /// `stages` known already (pipelines change seldom) spares asking for them again.
    public static func load(
        for records: [CRMEntity], of type: EntityType, account: AccountClient, users: [Int: String], stages: PipelineStages? = nil
    ) async -> RecordFacts {
        var facts = RecordFacts(users: users)
        if let stages {
            facts.stages = stages
        } else if type == .leads, let pipelines = try? await account.pipelines() {
            facts.stages = PipelineStages(pipelines)
        }
        let companyIDs = Array(Set(records.flatMap(\.companyIDs))).sorted()
        if type == .contacts, !companyIDs.isEmpty, let companies = try? await account.entities(.companies, ids: companyIDs) {
            facts.companies = Dictionary(companies.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }
        return facts
    }

    public func details(_ record: CRMEntity, _ type: EntityType) -> RecordDetails {
        let responsible = record.responsibleUserID.map { users[$0] ?? "user \($0)" }
        switch type {
        case .leads:
            return RecordDetails(
                stage: stages.describe(pipelineID: record.pipelineID, statusID: record.statusID), price: record.price,
                responsible: responsible, updatedAt: record.updatedAt)
        case .contacts:
            return RecordDetails(
                company: record.companyIDs.first.map { companies[$0] ?? "company \($0)" },
                phone: record.firstText(code: "PHONE"), email: record.firstText(code: "EMAIL"))
        case .companies:
            return RecordDetails(phone: record.firstText(code: "PHONE"), email: record.firstText(code: "EMAIL"))
        case .customers:
            return RecordDetails(responsible: responsible, updatedAt: record.updatedAt)
        }
    }
}
