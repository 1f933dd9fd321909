package sns.webdav.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import sns.core.api.DestinationSettings;
import sns.core.api.Media;
import sns.core.api.Origin;
import sns.core.api.Post;

/**
 * One upload of a file by the WebDAV publisher, run in a JVM of its own with the stick's heap ({@code -Xmx32m}) by
 * {@link BigUploadTest}; prints {@code peakHeapBytes=<n>} (the sum of the heap pools' peaks) and
 * {@code reference=<path>}.
 *
 * <p>Arguments: Nextcloud address, file, chunk threshold in MB.
 */
public final class BigUpload {

    private BigUpload() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        WebDavPublisher publisher = new WebDavPublisher(WebDavSettings.of(new DestinationSettings("", Map.of(
                "url", args[0], "user", sns.webdav.stub.WebDavStub.USER, ".password",
                sns.webdav.stub.WebDavStub.PASSWORD, "chunkThresholdMB", args[2], "folder", "Videos"))));
        Post post = Post.builder("20261125T011500Z-0000000000000200", Origin.SOCIAL).site("facebook")
                .sender("hmx@example.org").cameraModel("HMX-QF20").receivedAt(Instant.parse("2026-11-25T01:15:00Z"))
                .media(List.of(new Media(file.getFileName().toString(), "video/mp4", Files.size(file), file)))
                .build();
        String reference = publisher.publish(post).reference();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("peakHeapBytes=" + peak);
        System.out.println("reference=" + reference);
    }
}
