package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import sns.core.api.Origin;
import sns.core.api.Publisher;
import sns.core.api.camera.StagedFile;
import sns.core.internal.desk.PostDraft;
import sns.core.internal.route.Route;

/** Real parts the outbox tests share: a clock the test moves, staged files, a publisher registry. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-24T22:59:59.250Z");
    /** Long enough for a slow CI machine; tests only wait this long when they are about to fail. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Fixtures() {
    }

    /** Publishers by route, as the OSGi wiring will offer them; records every question. */
    static final class Registry implements PublisherLookup {
        final Map<String, Publisher> publishers = new ConcurrentHashMap<>();
        final List<String> asked = new CopyOnWriteArrayList<>();

        final Map<Publisher, Integer> declaredAtOnce = new ConcurrentHashMap<>();

        Registry with(String route, Publisher publisher) {
            publishers.put(route, publisher);
            return this;
        }

        /** {@code publisher} with its {@code sns.deliveriesAtOnce} property as the OSGi wiring would read it. */
        Registry with(String route, Publisher publisher, Object deliveriesAtOnce) {
            declaredAtOnce.put(publisher, PublisherRegistry.deliveriesAtOnce(deliveriesAtOnce));
            return with(route, publisher);
        }

        @Override
        public int deliveriesAtOnce(Publisher publisher) {
            return declaredAtOnce.getOrDefault(publisher, 1);
        }

        @Override
        public Optional<Publisher> find(String name, String instance) {
            String route = instance.isEmpty() ? name : name + "." + instance;
            asked.add(route);
            return Optional.ofNullable(publishers.get(route));
        }
    }

    /** A file as the camera desk stages it: somewhere in the data folder, outside the outbox. */
    static StagedFile stage(Path staging, String name, String content) throws IOException {
        Files.createDirectories(staging);
        Path file = Files.createTempFile(staging, "upload-", ".part");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return new StagedFile(name, "image/jpeg", file, Files.size(file));
    }

    /** A social post to {@code route} ({@code name} or {@code name.instance}) with the given media. */
    static JobRequest request(String route, StagedFile... media) {
        return new JobRequest(new PostDraft(Route.parse(route), Origin.SOCIAL, "facebook", "nx300@example.org",
                List.of(), "Holiday", "Sunset", List.of(), "NX300", T0), List.of(media));
    }

    /** Waits until {@code condition} holds; fails (with {@code what}) after {@link #PATIENCE}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(() -> what, condition);
    }

    static void await(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what.get());
            }
            Thread.sleep(2);
        }
    }

    /** Waits until job {@code id} is in {@code state}; returns it. */
    static Job awaitState(Outbox outbox, JobId id, JobState state) throws InterruptedException {
        await(() -> id + " " + state + " (is " + outbox.job(id).map(Job::toString).orElse("gone") + ")",
                () -> outbox.job(id).map(j -> j.state() == state && !outbox.isClaimed(id)).orElse(false));
        return outbox.job(id).orElseThrow();
    }
}
