package sns.run.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a server process's CPU goes: user and system time of its threads from {@code /proc/PID/task/}, grouped by
 * thread name without numbers (every Jetty worker is one "qtp-"), so a benchmark can say whether the time is spent in
 * request threads, the JIT compiler or the garbage collector, and in user or kernel mode.
 */
final class ThreadCpu {

    private final Map<String, long[]> ticks;

    private ThreadCpu(Map<String, long[]> ticks) {
        this.ticks = ticks;
    }

    /** The threads' times now; empty where /proc cannot be read. */
    static ThreadCpu of(long pid) {
        Map<String, long[]> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
                    String[] fields = stat.substring(close + 2).split(" ");
                    // after "(comm)": state is field 3 of stat(5), utime 14 and stime 15
                    long[] t = ticks.computeIfAbsent(name, n -> new long[2]);
                    t[0] += Long.parseLong(fields[11]);
                    t[1] += Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException threadGone) {
                    // a thread that ended while we read
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(ticks);
    }

    /**
     * "qtp-# 61% (user 40%, sys 21%), C1 CompilerThre# 12% …": the share of each thread group in the CPU used since
     * {@code before}, largest first, groups under 2% left out.
     */
    String sharesSince(ThreadCpu before) {
        List<Map.Entry<String, long[]>> used = new ArrayList<>();
        long total = 0;
        long user = 0;
        for (Map.Entry<String, long[]> e : ticks.entrySet()) {
            long[] was = before.ticks.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - was[0], e.getValue()[1] - was[1]};
            if (d[0] + d[1] > 0) {
                used.add(Map.entry(e.getKey(), d));
                total += d[0] + d[1];
                user += d[0];
            }
        }
        if (total == 0) {
            return "no CPU time read";
        }
        used.sort((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
        StringBuilder out = new StringBuilder(String.format("user %.0f%%, sys %.0f%%; by thread:", 100.0 * user / total,
                100.0 * (total - user) / total));
        for (Map.Entry<String, long[]> e : used) {
            long[] d = e.getValue();
            double share = 100.0 * (d[0] + d[1]) / total;
            if (share >= 2) {
                out.append(String.format(" %s %.0f%% (sys %.0f%%),", e.getKey(), share, 100.0 * d[1] / total));
            }
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
