package sns.core.internal.outbox;

import java.io.IOException;
import java.nio.file.Path;
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
import sns.core.internal.home.BridgeHomeActivator;
import sns.core.api.camera.Verdict;
import sns.core.api.outbox.JobPage;
import sns.core.api.outbox.JobView;
import sns.core.api.Post;
import sns.core.api.outbox.OutboxService;
import sns.core.api.outbox.SpoolUsage;
import java.util.Optional;

/**
 * The outbox in the running bridge: jobs in {@code data/outbox}, delivered to whichever Publisher services are
 * installed. A destination bundle that arrives later (hot deploy) wakes the dispatcher, and its waiting jobs go.
 */
@Component(service = {JobSink.class, OutboxService.class}, configurationPid = "sns.outbox")
public final class OutboxComponent implements JobSink, OutboxService {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxComponent.class);

    private final PublisherRegistry publishers = new PublisherRegistry();
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final ScheduledExecutorService housekeeping;
    private final SpoolGuard spool;
    private final JobViews views;

    @Activate
    public OutboxComponent(@Reference BridgeHome home, OutboxSettings settings) throws IOException {
        Clock clock = Clock.systemUTC();
        this.outbox = new Outbox(home.dataFolder("outbox"), clock);
        this.views = new JobViews(outbox, publishers);
        this.spool = new SpoolGuard(spoolFolders(home), outbox::pendingBytes,
                settings.spoolCapMegabytes() * 1024L * 1024L, clock);
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

    /**
     * What takes room until it is delivered, besides the jobs (which the outbox counts itself, see
     * {@link Outbox#pendingBytes}): the bodies being received, and the photos held for a Mastodon batch (the camera
     * was told "succ" for them, so they are as good as queued). Both stay small whatever the outbox's history.
     */
    static List<Path> spoolFolders(BridgeHome home) throws IOException {
        return List.of(home.dataFolder(BridgeHomeActivator.INCOMING), home.dataFolder(BridgeHomeActivator.BATCHES));
    }

    @Deactivate
    void stop() {
        housekeeping.shutdownNow();
        dispatcher.stop();
        try {
            // Releases the outbox's lock: a new configuration activates a new component on the same folder.
            outbox.close();
        } catch (IOException e) {
            LOG.warn("Closing the outbox failed: {}", e.toString());
        }
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
        JobId id = outbox.submit(new JobRequest(draft, media));
        dispatcher.wake();
        return id.toString();
    }

    @Override
    public Verdict admit(long declaredBytes) {
        return spool.admit(declaredBytes);
    }

    @Override
    public List<JobView> jobs() {
        return outbox.jobs().stream().map(views::of).toList();
    }

    @Override
    public JobPage page(int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.max(1, limit);
        // total first: a job submitted meanwhile shifts the page by one, never beyond the end
        int total = outbox.size();
        List<JobView> page = outbox.newestFirst(from, size).stream().map(views::of).toList();
        return new JobPage(page, from, Math.max(total, from + page.size()));
    }

    @Override
    public Optional<Post> post(String id) {
        try {
            Optional<JobId> jobId = JobId.tryParse(id);
            return jobId.isPresent() && outbox.job(jobId.get()).isPresent() ? Optional.of(outbox.post(jobId.get()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // discarded meanwhile, or a damaged manifest: the page shows the job without its details
            return Optional.empty();
        }
    }

    @Override
    public Optional<JobView> job(String id) {
        return JobId.tryParse(id).flatMap(outbox::job).map(views::of);
    }

    @Override
    public boolean retry(String id) throws IOException {
        Optional<JobId> jobId = JobId.tryParse(id);
        if (jobId.isEmpty() || outbox.job(jobId.get()).isEmpty()) {
            return false;
        }
        outbox.retry(jobId.get());
        dispatcher.wake();
        return true;
    }

    @Override
    public boolean discard(String id) throws IOException {
        Optional<JobId> jobId = JobId.tryParse(id);
        if (jobId.isEmpty()) {
            return false;
        }
        views.forget(jobId.get());
        return outbox.discard(jobId.get());
    }

    @Override
    public SpoolUsage usage() {
        return spool.usage();
    }

    private void purge(Duration keep) {
        try {
            outbox.purgeFinished(keep);
        } catch (RuntimeException | IOException e) {
            LOG.warn("Cleaning the outbox failed: {}", e.toString());
        }
    }
}
