package sns.webdav.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.webdav.stub.WebDavStub;

/**
 * A 200 MiB camcorder video goes to WebDAV in 10 MiB chunks from a JVM with the stick's 32 MB heap, beside a 1 MiB
 * file sent whole in the same run as the baseline; both peaks are printed (figures, not assertions: the functional
 * proof is that 200 MiB pass through a 32 MB heap at all). The video is a sparse file: no disk or time spent making
 * it.
 */
class BigUploadTest {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void a200MiBVideoGoesUpInChunksThroughA32MbHeap() throws Exception {
        try (WebDavStub stub = new WebDavStub(dir.resolve("server"), true)) {
            Files.createDirectories(stub.files().resolve("Videos"));
            Path video = sparse("SAM_0200.MP4", 200 * MIB);
            Path small = sparse("SAM_0001.MP4", MIB);

            long baseline = run(stub, small, 50);
            long peak = run(stub, video, 50);

            assertEquals(200 * MIB, stub.fileTree().values().stream().filter(s -> s == 200 * MIB).findFirst()
                    .orElse(0L));
            long chunks = stub.requests().stream().filter(r -> r.method().equals("PUT")
                    && r.path().contains("/uploads/")).count();
            assertEquals(20, chunks, "200 MiB in 10 MiB chunks");
            assertEquals(List.of(), stub.pendingUploads());
            System.out.printf("[webdav benchmark] peak heap, 1 MiB whole PUT (baseline): %.1f MB; 200 MiB in 20"
                    + " chunks: %.1f MB (-Xmx32m)%n", baseline / 1e6, peak / 1e6);
        }
    }

    private Path sparse(String name, long size) throws IOException {
        Path file = Files.createDirectories(dir.resolve("outbox")).resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    /** Runs {@link BigUpload} in a 32 MB JVM; returns its peak heap. */
    private static long run(WebDavStub stub, Path file, int thresholdMB) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BigUpload.class.getName(), stub.url().toString(), file.toString(), Integer.toString(thresholdMB)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("reference=Videos/"), out);
        return Long.parseLong(out.replaceAll("(?s).*peakHeapBytes=(\\d+).*", "$1"));
    }
}
