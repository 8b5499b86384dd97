import Foundation

/// Starts programs with stdin, stdout and stderr and no other descriptor of ours.
///
/// Not through Foundation's Process for servers that fork and live on (tmux, sshd):
/// Process learns that a child ended from a socket every child inherits, so a
/// long-lived grandchild holding it makes every later `Process` wait forever.
enum CleanSpawn {
    /// Starts `argv` (found on PATH) with stdout on `output` (or /dev/null) and stderr on /dev/null.
    static func start(_ argv: [String], output: Int32? = nil) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let output {
            posix_spawn_file_actions_adddup2(&actions, output, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw HarnessError(reason: "\(argv[0]) could not start: \(spawned)") }
        return pid
    }

    /// Runs `argv` to its end and returns its exit status and what it printed; past
    /// `seconds` it is killed and an error thrown.
    static func run(_ argv: [String], within seconds: TimeInterval) throws -> (status: Int32, output: String) {
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw HarnessError(reason: "pipe: \(errno)") }
        let pid: pid_t
        do {
            pid = try start(argv, output: output[1])
        } catch {
            Glibc.close(output[0])
            Glibc.close(output[1])
            throw error
        }
        Glibc.close(output[1])
        defer { Glibc.close(output[0]) }
        var printed = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(seconds)
        _ = fcntl(output[0], F_SETFL, O_NONBLOCK)
        var status: Int32 = 0
        while true {
            let count = read(output[0], &buffer, buffer.count)
            if count > 0 { printed.append(contentsOf: buffer[..<count]); continue }
            if waitpid(pid, &status, WNOHANG) == pid { break }
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                throw HarnessError(reason: "\(argv.joined(separator: " ").prefix(80)) did not finish in \(Int(seconds)) s")
            }
            usleep(2_000)
        }
        while case let count = read(output[0], &buffer, buffer.count), count > 0 { printed.append(contentsOf: buffer[..<count]) }
        return (exitStatus(status), String(decoding: printed, as: UTF8.self))
    }

    /// Ends a started program: SIGTERM, then SIGKILL past `seconds`; reaps it.
    static func stop(_ pid: pid_t, within seconds: TimeInterval = 10) {
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return
            }
            usleep(10_000)
        }
    }

    /// True while `pid` has not ended (and not been reaped).
    static func isRunning(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// WIFEXITED/WEXITSTATUS, which Swift does not import: the exit status, or 128 + the signal.
    static func exitStatus(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
