/// A lead pipeline with its stages, from `GET /api/v4/leads/pipelines`. Stages 142
/// (won) and 143 (lost) exist in every pipeline, so a stage is known by
/// (pipeline, status) together.
public struct Pipeline: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var sort: Int?
    public var isMain: Bool?
    public var isArchive: Bool?
    public var statuses: [PipelineStatus]

    public init(id: Int, name: String, sort: Int?, isMain: Bool?, isArchive: Bool?, statuses: [PipelineStatus]) {
        self.id = id
        self.name = name
        self.sort = sort
        self.isMain = isMain
        self.isArchive = isArchive
        self.statuses = statuses
    }

    enum CodingKeys: String, CodingKey {
        case id, name, sort, isMain = "is_main", isArchive = "is_archive", embedded = "_embedded"
    }

    private struct Embedded: Codable {
        var statuses: [PipelineStatus]?
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        sort = try c.decodeIfPresent(Int.self, forKey: .sort)
        isMain = try c.decodeIfPresent(Bool.self, forKey: .isMain)
        isArchive = try c.decodeIfPresent(Bool.self, forKey: .isArchive)
        statuses = try c.decodeIfPresent(Embedded.self, forKey: .embedded)?.statuses ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(sort, forKey: .sort)
        try c.encodeIfPresent(isMain, forKey: .isMain)
        try c.encodeIfPresent(isArchive, forKey: .isArchive)
        try c.encode(Embedded(statuses: statuses), forKey: .embedded)
    }
}

/// A stage of a pipeline.
public struct PipelineStatus: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var sort: Int?
    public var pipelineID: Int?
    public var color: String?
    public var type: Int?

    public init(id: Int, name: String, sort: Int?, pipelineID: Int?, color: String?, type: Int?) {
        self.id = id
        self.name = name
        self.sort = sort
        self.pipelineID = pipelineID
        self.color = color
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case id, name, sort, color, type, pipelineID = "pipeline_id"
    }
}

/// Stage names by (pipeline, status), for showing a lead's "pipeline › stage".
public struct PipelineStages: Sendable {
    private var names: [Int: String] = [:]
    private var stages: [Int: [Int: String]] = [:]

    /// True when no pipeline is known.
    public var isEmpty: Bool { names.isEmpty }

    public init(_ pipelines: [Pipeline]) {
        for pipeline in pipelines {
            names[pipeline.id] = pipeline.name
            stages[pipeline.id] = Dictionary(pipeline.statuses.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// "Продажи › Переговоры"; the ids when a name is not known.
    public func describe(pipelineID: Int?, statusID: Int?) -> String? {
        guard let pipelineID else { return nil }
        let pipeline = names[pipelineID] ?? "pipeline \(pipelineID)"
        guard let statusID else { return pipeline }
        return "\(pipeline) › \(stages[pipelineID]?[statusID] ?? "stage \(statusID)")"
    }
}
