import Foundation

/// A detached tmux session on its own socket, for driving the real binary the way a person
/// does: `send-keys` to type, `capture-pane -p` to read the screen.
public final class TmuxSession {
    public let socket: String
    public let name = "t"

    /// Whether tmux is installed.
    public static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") || FileManager.default.isExecutableFile(atPath: "/usr/local/bin/tmux")
    }

    /// Starts `command` (run by `sh -c`) in a `width` x `height` session.
    public init(command: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "convscope-test-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        var args = ["new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                    "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color", "-e", "SWIFT_BACKTRACE=interactive=no"]
        for (k, v) in environment { args += ["-e", "\(k)=\(v)"] }
        args.append(command)
        try tmux(args, captureOutput: false)
    }

    deinit { _ = try? tmux(["kill-server"], captureOutput: false) }

    /// Runs `tmux -L socket ARGUMENTS` and returns its standard output.
    ///
    /// Spawned with posix_spawn rather than Foundation's Process: the tmux server that
    /// `new-session` forks inherits the descriptors Process uses to watch its child, and
    /// Process then waits forever.
    @discardableResult
    public func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        try Self.spawn(["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
    }

    /// Runs a command found on PATH with stdin from /dev/null and stdout into a temporary file;
    /// returns what it printed.
    public static func spawn(_ argv: [String]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("convscope-spawn-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for a in cArgs { free(a) } }
        // The test runner's threads may block or ignore signals, and a spawned process inherits
        // that: reset the mask and the handlers so the binary sees SIGINT, SIGTERM and SIGWINCH.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }

    /// Types keys (tmux key names such as "n", "Right", "Tab", "C-c", "Space").
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// The screen as text, one line per row.
    public func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    /// Polls the screen until `predicate` holds on a settled screen (two captures 30 ms apart
    /// agree, so a half-drawn frame is never judged) or `timeout` seconds pass; returns the last
    /// screen.
    @discardableResult
    public func waitFor(timeout: Double = 20, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while Date() < deadline {
            if predicate(screen) {
                usleep(30_000)
                let again = try capture()
                if again == screen { return screen }
                screen = again
                continue
            }
            usleep(20_000)
            screen = try capture()
        }
        return screen
    }

    /// The pids of the processes the pane's shell started (the binary).
    public func paneChildren() throws -> [Int32] {
        let pid = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return try Self.spawn(["pgrep", "-P", pid]).split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// CPU time (user + system, in seconds) that process `pid` has used, from /proc/PID/stat
    /// (fields 14 and 15, in clock ticks); nil when the process is gone.
    public static func cpuSeconds(pid: Int32) -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)": state is field 3, utime 14, stime 15.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Sends a signal to the process running in the pane.
    public func signalPaneProcess(_ signal: Int32) throws {
        let pid = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The pane runs `sh -c`; signal its children (the binary).
        for child in try Self.spawn(["pgrep", "-P", pid]).split(separator: "\n") {
            if let childPid = Int32(child.trimmingCharacters(in: .whitespaces)) { kill(childPid, signal) }
        }
    }
}

extension TmuxSession {
    /// Runs the built `convscope ARGUMENTS` in a new session, then prints `EXIT=<status>` and
    /// `stty -a` so a test can check the exit code and that the terminal was restored.
    /// `prefix` goes before the binary (e.g. "TERM=dumb", "cd DIR &&": tmux sets TERM itself).
    public static func convscope(_ arguments: String, prefix: String = "", width: Int = 100, height: Int = 30) throws -> TmuxSession {
        try TmuxSession(command: "\(prefix) \(BinaryRunner.binaryPath) \(arguments); echo EXIT=$?; stty -a; sleep 30",
                        width: width, height: height)
    }

    /// True when the `stty -a` output on `screen` shows echo and canonical mode back on.
    public static func terminalRestored(in screen: String) -> Bool {
        let words = screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init)
        return words.contains("echo") && words.contains("icanon") && !words.contains("-echo") && !words.contains("-icanon")
    }
}

extension String {
    /// Lines with trailing spaces removed and trailing empty lines dropped.
    public var normalizedScreen: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var s = Substring(line)
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
