package sns.core.internal.outbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;
import sns.core.api.Publisher;
import sns.core.api.camera.StagedFile;
import sns.core.internal.desk.JobSink;
import sns.core.internal.desk.PostDraft;

/**
 * The outbox in the running bridge: jobs in {@code data/outbox}, delivered to whichever Publisher services are
 * installed. A destination bundle that arrives later (hot deploy) wakes the dispatcher, and its waiting jobs go.
 */
@Component(service = JobSink.class, configurationPid = "sns.outbox")
public final class OutboxComponent implements JobSink {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxComponent.class);

    private final PublisherRegistry publishers = new PublisherRegistry();
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService housekeeping;

    @Activate
    public OutboxComponent(@Reference BridgeHome home, OutboxSettings settings) throws IOException {
        Clock clock = Clock.systemUTC();
        this.outbox = new Outbox(home.dataFolder("outbox"), clock);
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(settings.retryFirstSeconds()),
                Duration.ofMinutes(settings.retryMaxMinutes()), Duration.ofHours(settings.giveUpHours()),
                RetryPolicy.DEFAULT.minAttempts());
        this.dispatcher = new Dispatcher(outbox, publishers, policy, clock);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sns-outbox-housekeeping");
            t.setDaemon(true);
            return t;
        });
        Duration keep = Duration.ofDays(settings.keepDoneDays());
        housekeeping.scheduleWithFixedDelay(() -> purge(keep), 1, 60, TimeUnit.MINUTES);
        dispatcher.start();
    }

    @Deactivate
    void stop() {
        housekeeping.shutdownNow();
        dispatcher.stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addPublisher(Publisher publisher, Map<String, Object> properties) {
        publishers.add(publisher, properties);
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    void removePublisher(Publisher publisher) {
        publishers.remove(publisher);
    }

    @Override
    public String submit(PostDraft draft, List<StagedFile> media) throws IOException {
        JobRequest request = new JobRequest(draft.route().action(), draft.route().instance(), draft.origin(),
                draft.site(), draft.sender(), draft.recipients(), draft.subject(), draft.text(), draft.altTexts(),
                draft.cameraModel(), draft.receivedAt(), media);
        JobId id = outbox.submit(request);
        dispatcher.wake();
        return id.toString();
    }

    /** The outbox itself, for the console page and the tests of later issues. */
    Outbox outbox() {
        return outbox;
    }

    private void purge(Duration keep) {
        try {
            outbox.purgeFinished(keep);
        } catch (RuntimeException | IOException e) {
            LOG.warn("Cleaning the outbox failed: {}", e.toString());
        }
    }
}
