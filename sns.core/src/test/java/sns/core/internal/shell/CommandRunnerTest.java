package sns.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.PublishException;

/** Real processes; the commands are Debian's {@code /bin/sh}, {@code /bin/cat}, {@code /bin/sleep} and friends. */
class CommandRunnerTest {

    @TempDir
    Path work;

    private CommandRunner runner(Duration timeout) {
        return new CommandRunner(timeout, work);
    }

    @Test
    void inputReachesTheCommandAndOutputComesBack() throws Exception {
        String out = runner(Duration.ofSeconds(10)).run(List.of("/bin/cat"), "grüße\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("grüße", out);
    }

    @Test
    void withoutInputTheCommandSeesEndOfFile() throws Exception {
        assertEquals("", runner(Duration.ofSeconds(10)).run(List.of("/bin/cat"), null));
    }

    @Test
    void inputTheCommandDoesNotReadDoesNotHang() throws Exception {
        byte[] lots = new byte[4 * 1024 * 1024];
        assertEquals("", runner(Duration.ofSeconds(10)).run(List.of("/bin/sh", "-c", "exit 0"), lots));
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        assertEquals(work.toRealPath().toString(), runner(Duration.ofSeconds(10)).run(List.of("/bin/pwd"), null));
    }

    @Test
    void environmentIsOnlyPathAndLocale() throws Exception {
        String env = runner(Duration.ofSeconds(10)).run(List.of("/usr/bin/env"), null);
        List<String> names = Arrays.stream(env.split("\n")).map(line -> line.substring(0, line.indexOf('='))).toList();
        assertTrue(names.contains("PATH"), env);
        assertTrue(CommandRunner.PASSED_ENVIRONMENT.containsAll(names), env);
    }

    @Test
    void timeoutKillsTheCommandAndIsRetryable() {
        long start = System.nanoTime();
        PublishException e = assertThrows(PublishException.class,
                () -> runner(Duration.ofMillis(500)).run(List.of("/bin/sleep", "30"), null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(e.isRetryable());
        assertEquals("/bin/sleep timed out after 500 ms", e.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    }

    @Test
    void timeoutAlsoKillsWhatTheCommandStarted() throws Exception {
        Path pidFile = work.resolve("pid");
        long start = System.nanoTime();
        PublishException e = assertThrows(PublishException.class, () -> runner(Duration.ofMillis(500))
                .run(List.of("/bin/sh", "-c", "/bin/sleep 30 & echo $! > \"$1\"; wait", "sh", pidFile.toString()),
                        null));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(e.isRetryable());
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "took " + took);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertFalse(stillAliveAfterAWhile(pid), "sleep " + pid + " still runs");
    }

    /**
     * Polls, because signals are asynchronous. A killed grandchild is re-parented to PID 1 and may stay a zombie
     * for a while (Java counts zombies as alive), so this reads the state from {@code /proc} (Linux only).
     */
    private static boolean stillAliveAfterAWhile(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        for (int i = 0; i < 40; i++) {
            try {
                String s = Files.readString(stat);
                if (s.charAt(s.lastIndexOf(')') + 2) == 'Z') {
                    return false;
                }
            } catch (NoSuchFileException gone) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Test
    void nonZeroExitIsPermanentWithCodeAndOutputButNoArguments() {
        PublishException e = assertThrows(PublishException.class, () -> runner(Duration.ofSeconds(10))
                .run(List.of("/bin/sh", "-c", "echo upload refused >&2; exit 3", "sh", "secret-body-text"), null));

        assertFalse(e.isRetryable());
        assertEquals("/bin/sh failed with exit code 3, output: upload refused", e.getMessage());
    }

    @Test
    void tempfailExitIsRetryable() {
        PublishException e = assertThrows(PublishException.class,
                () -> runner(Duration.ofSeconds(10)).run(List.of("/bin/sh", "-c", "exit 75"), null));
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("exit code 75"), e.getMessage());
    }

    @Test
    void missingProgramIsPermanent() {
        PublishException e = assertThrows(PublishException.class,
                () -> runner(Duration.ofSeconds(10)).run(List.of(work.resolve("no-such-program").toString()), null));
        assertFalse(e.isRetryable());
        assertTrue(e.getMessage().startsWith("could not run " + work.resolve("no-such-program")), e.getMessage());
    }

    @Test
    void programThatIsNotExecutableIsPermanent() throws Exception {
        Path script = Files.writeString(work.resolve("not-executable"), "#!/bin/sh\nexit 0\n");
        PublishException e = assertThrows(PublishException.class,
                () -> runner(Duration.ofSeconds(10)).run(List.of(script.toString()), null));
        assertFalse(e.isRetryable());
    }

    @Test
    void longOutputIsCutToItsTail() {
        PublishException e = assertThrows(PublishException.class, () -> runner(Duration.ofSeconds(10)).run(List.of(
                "/bin/sh", "-c", "i=0; while [ $i -lt 5000 ]; do echo line $i; i=$((i+1)); done; exit 1"), null));

        assertTrue(e.getMessage().length() < CommandRunner.TAIL_BYTES + 100, "length " + e.getMessage().length());
        assertTrue(e.getMessage().endsWith("line 4999"), e.getMessage());
        assertTrue(e.getMessage().contains("output ends: …"), e.getMessage());
    }
}
