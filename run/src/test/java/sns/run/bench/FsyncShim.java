package sns.run.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An {@code LD_PRELOAD} library, compiled with gcc when a benchmark starts, that wraps {@code fsync} and
 * {@code fdatasync} of a process (the JVM's {@code FileChannel.force} calls them through libc): it counts every call
 * in a shared 8-byte counter file and can delay each by a fixed time, to emulate the stick's eMMC or SD card (5-20 ms
 * per fsync) on a development machine whose SSD answers in microseconds. The same library goes into the bridge and
 * into its baseline, so both pay the same for every fsync they make.
 */
final class FsyncShim {

    private static final String SOURCE = """
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <fcntl.h>
            #include <stdlib.h>
            #include <sys/mman.h>
            #include <time.h>
            #include <unistd.h>

            static long *counter;
            static long delay_ns;
            static int skip;
            static int (*real_fsync)(int);
            static int (*real_fdatasync)(int);

            __attribute__((constructor)) static void init(void) {
                real_fsync = dlsym(RTLD_NEXT, "fsync");
                real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
                const char *file = getenv("SNS_FSYNC_COUNT");
                if (file) {
                    int fd = open(file, O_RDWR);
                    if (fd >= 0) {
                        void *p = mmap(0, 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
                        if (p != MAP_FAILED) counter = p;
                        close(fd);
                    }
                }
                const char *delay = getenv("SNS_FSYNC_DELAY_MS");
                if (delay) delay_ns = atol(delay) * 1000000L;
                skip = getenv("SNS_FSYNC_SKIP") != 0;
            }

            static void hit(void) {
                if (counter) __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
                if (delay_ns > 0) {
                    struct timespec t = { delay_ns / 1000000000L, delay_ns % 1000000000L };
                    nanosleep(&t, 0);
                }
            }

            int fsync(int fd) { hit(); return skip ? 0 : real_fsync(fd); }
            int fdatasync(int fd) { hit(); return skip ? 0 : real_fdatasync(fd); }
            """;

    private final Path library;
    private final Path folder;

    private FsyncShim(Path library, Path folder) {
        this.library = library;
        this.folder = folder;
    }

    /** Compiles the library into {@code folder} with gcc. */
    static FsyncShim compile(Path folder) throws IOException, InterruptedException {
        Path source = Files.writeString(folder.resolve("fsyncshim.c"), SOURCE, StandardCharsets.US_ASCII);
        Path library = folder.resolve("fsyncshim.so");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-shared", "-fPIC", "-o", library.toString(), source.toString(),
                "-ldl").redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
            throw new IOException("gcc failed (apt-get install gcc): " + out);
        }
        return new FsyncShim(library, folder);
    }

    /** A counter for one process: a file of 8 zero bytes. */
    Counter counter(String name) throws IOException {
        return new Counter(Files.write(folder.resolve(name + ".fsyncs"), new byte[8]));
    }

    /** The environment that loads the library into a process, counting into {@code counter}, delaying each fsync. */
    Map<String, String> environment(Counter counter, int delayMs) {
        Map<String, String> env = new HashMap<>();
        env.put("LD_PRELOAD", library.toString());
        env.put("SNS_FSYNC_COUNT", counter.file().toString());
        env.put("SNS_FSYNC_DELAY_MS", Integer.toString(delayMs));
        return env;
    }

    /**
     * As {@link #environment(Counter, int)}, but every fsync is counted and answered at once without syncing: a
     * diagnostic only (nothing is durable), to show what a process's durability costs it in CPU (the kernel writes
     * the data back inside the fsync call, in the caller's thread, where a process that never forces leaves it to
     * the kernel's flusher threads, outside its own CPU figures).
     */
    Map<String, String> environmentWithoutSync(Counter counter) {
        Map<String, String> env = environment(counter, 0);
        env.put("SNS_FSYNC_SKIP", "1");
        return env;
    }

    /** The fsync calls a process made so far. */
    record Counter(Path file) {
        long read() throws IOException {
            return ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.nativeOrder()).getLong();
        }
    }
}
