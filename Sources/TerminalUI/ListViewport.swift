/// The window of a long list that is on screen: the first visible row follows the
/// cursor, keeping a margin, so drawing touches only `height` rows whatever the count.
public struct ListViewport: Sendable, Equatable {
    public var top = 0
    public var cursor = 0

    public init(top: Int = 0, cursor: Int = 0) {
        self.top = top
        self.cursor = cursor
    }

    /// Moves the cursor by `delta` within `count` rows and scrolls as little as needed.
    public mutating func move(by delta: Int, count: Int, height: Int) {
        guard count > 0 else { return self = ListViewport() }
        cursor = min(max(0, cursor + delta), count - 1)
        follow(count: count, height: height)
    }

    public mutating func moveTo(_ index: Int, count: Int, height: Int) {
        move(by: index - cursor, count: count, height: height)
    }

    /// Keeps the cursor visible (after a resize, or rows added or removed).
    public mutating func follow(count: Int, height: Int) {
        guard count > 0, height > 0 else { return self = ListViewport() }
        cursor = min(max(0, cursor), count - 1)
        let margin = height > 6 ? 2 : 0
        if cursor < top + margin { top = cursor - margin }
        if cursor >= top + height - margin { top = cursor - height + 1 + margin }
        top = min(max(0, top), max(0, count - height))
    }

    /// Indices on screen for a list of `count` rows in `height` lines.
    public func visible(count: Int, height: Int) -> Range<Int> {
        top..<min(count, top + max(0, height))
    }
}
