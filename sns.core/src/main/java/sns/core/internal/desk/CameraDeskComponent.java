package sns.core.internal.desk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.BridgeHome;
import sns.core.api.camera.Announcement;
import sns.core.api.camera.CameraActivity;
import sns.core.api.camera.CameraSeen;
import sns.core.api.camera.RouteView;
import sns.core.api.camera.SessionView;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.EmailRequest;
import sns.core.api.camera.LoginRequest;
import sns.core.api.camera.Upload;
import sns.core.api.camera.Verdict;
import sns.core.internal.settings.BridgeSettings;
import sns.core.internal.store.StoreFolders;
import sns.core.internal.home.BridgeHomeActivator;
import sns.core.internal.route.Router;
import sns.core.internal.session.SessionStore;
import sns.core.internal.whitelist.SenderWhitelist;

/** The {@link CameraDesk} service, built from the bridge settings ({@code sns.core}); renewed when they change. */
@Component(configurationPid = "sns.core", service = {CameraDesk.class, CameraActivity.class})
public final class CameraDeskComponent implements CameraDesk, CameraActivity {

    private static final Logger LOG = LoggerFactory.getLogger(CameraDeskComponent.class);
    /** How often held photo batches are checked for a camera that stopped sending. */
    private static final Duration BATCH_SWEEP = Duration.ofSeconds(30);

    private final BridgeDesk desk;
    private final SessionStore sessions;
    private final Router router;
    private final CameraLog cameras;
    private final ScheduledExecutorService batchSweep;

    @Activate
    public CameraDeskComponent(@Reference BridgeHome home, @Reference JobSink jobs, @Reference CameraLog cameras,
            @Reference AltTextDestinations altTexts, BridgeSettings settings) throws IOException {
        StoreFolders folders = StoreFolders.of(settings, home);
        Files.createDirectories(folders.base());
        Path staging = home.dataFolder(BridgeHomeActivator.INCOMING);
        this.sessions = new SessionStore(home.dataFolder("sessions"),
                Duration.ofHours(settings.sessionIdleHours()), Clock.systemUTC());
        this.router = new Router(routes(settings));
        this.cameras = cameras;
        List<String> senders = senders(settings);
        this.desk = new BridgeDesk(new SenderWhitelist(senders), router, sessions,
                folders::folderOf, folders.base(), jobs, staging,
                new AltTextBatches(home.dataFolder(BridgeHomeActivator.BATCHES), jobs, Clock.systemUTC(),
                        Duration.ofMinutes(settings.batchWaitMinutes())),
                altTexts::required, Clock.systemUTC(), cameras);
        desk.sendAbandonedBatches();
        this.batchSweep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sns-photo-batches");
            t.setDaemon(true);
            return t;
        });
        batchSweep.scheduleWithFixedDelay(desk::sendAbandonedBatches, BATCH_SWEEP.toSeconds(),
                BATCH_SWEEP.toSeconds(), TimeUnit.SECONDS);
        // one line each, at every start and change, so the owner sees what the bridge made of the settings
        if (senders.isEmpty()) {
            LOG.warn("No camera is allowed yet: add the cameras' addresses to 'Allowed cameras' (sns.core senders)");
        } else {
            LOG.info(SettingLists.camerasLine(senders));
        }
        LOG.info(SettingLists.routesLine(router.table()));
    }

    /** The allowed cameras; an entry that cannot be an address or login name is named in a warning and left out. */
    static List<String> senders(BridgeSettings settings) {
        List<String> senders = new java.util.ArrayList<>();
        for (String entry : SettingLists.entries(settings.senders())) {
            if (SenderWhitelist.isPlausibleEntry(entry)) {
                senders.add(entry);
            } else {
                LOG.warn("Allowed cameras: ignoring '{}': not an e-mail address or login name (separate several "
                        + "with commas)", entry);
            }
        }
        return senders;
    }

    @Deactivate
    void close() throws InterruptedException {
        // no interrupt: a sweep that is handing a batch to the outbox finishes it (an interrupted file channel
        // would fail the submission half-way; the batch would survive, but only to be sent on the next sweep)
        batchSweep.shutdown();
        batchSweep.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** {@code "site or address = action[.instance]"} lines into the router's table; bad lines are reported. */
    static Map<String, String> routes(BridgeSettings settings) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String line : SettingLists.entries(settings.routes())) {
            int eq = line.lastIndexOf('=');
            if (eq <= 0) {
                LOG.warn("Routes: ignoring '{}': expected 'site or recipient = destination[.instance]' (separate "
                        + "several with commas)", line);
                continue;
            }
            String key = line.substring(0, eq).trim().replaceAll("^\"|\"$", "");
            String value = line.substring(eq + 1).trim().replaceAll("^\"|\"$", "");
            table.put(key, value);
        }
        return table;
    }

    @Override
    public Verdict login(LoginRequest request) {
        return desk.login(request);
    }

    @Override
    public boolean isAllowedCamera(String address) {
        return desk.isAllowedCamera(address);
    }

    @Override
    public Verdict admit(long declaredBytes) {
        return desk.admit(declaredBytes);
    }

    @Override
    public boolean hasSession(String sessionKey) {
        return desk.hasSession(sessionKey);
    }

    @Override
    public Verdict announce(Announcement announcement) {
        return desk.announce(announcement);
    }

    @Override
    public Verdict upload(Upload upload) {
        return desk.upload(upload);
    }

    @Override
    public Verdict email(EmailRequest request) {
        return desk.email(request);
    }

    @Override
    public Path newStagedFile() throws IOException {
        return desk.newStagedFile();
    }

    @Override
    public List<CameraSeen> camerasSeen() {
        return cameras.cameras();
    }

    @Override
    public List<RouteView> routes() {
        return router.table().entrySet().stream()
                .map(e -> new RouteView(e.getKey(), e.getValue().action(), e.getValue().instance())).toList();
    }

    @Override
    public List<SessionView> sessions() {
        return sessions.live().stream()
                .map(s -> new SessionView(s.user(), s.site(), router.forSite(s.site()).toString(), s.album(),
                        s.createdAt(), s.lastUsedAt(), s.lastUsedAt().plus(sessions.idleExpiry())))
                .toList();
    }
}
