package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.common.service.ServiceAware;

import sns.core.api.BridgeHome;
import sns.core.api.camera.CameraActivity;
import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.RouteView;

/**
 * Issue 16: list settings written as owners write them, through FileInstall. A {@code .cfg} file is Java properties,
 * so {@code senders = a, b} arrives as one string: it must mean two cameras, exactly as the array of a
 * {@code .config} file does.
 */
class ListSettingsFromFilesTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectService
    BridgeHome home;

    @InjectService(cardinality = 0)
    ServiceAware<CameraDesk> desks;

    @InjectService(cardinality = 0)
    ServiceAware<CameraActivity> activities;

    private Path file;

    @AfterEach
    void cleanUp() throws Exception {
        if (file != null) {
            Files.deleteIfExists(file);
            // FileInstall deletes the configuration with its file: wait for the desk without the cameras
            Waiting.until(() -> !allows("nx300@example.com"), TIMEOUT_MS, "the settings gone with their file");
        }
    }

    @Test
    void commaSeparatedListsInACfgFile() throws Exception {
        file = write("sns.core.cfg", """
                # as an owner writes it
                senders = you@example.com, NX300@example.com ,,
                routes = facebook = drop, youtube = store.family
                """);
        Waiting.until(() -> allows("nx300@example.com") && allows("you@example.com"), TIMEOUT_MS,
                "both cameras of the .cfg allowed");
        assertFalse(allows("you@example.com, NX300@example.com"), "not one entry with a comma");
        Waiting.until(() -> routes().containsAll(List.of("facebook -> drop", "youtube -> store.family")), TIMEOUT_MS,
                "both routes of the .cfg active: " + routes());
    }

    @Test
    void arraysInAConfigFileAndCommasInsideThem() throws Exception {
        file = write("sns.core.config", """
                senders=["you@example.com","nx300@example.com, nx500@example.com"]
                routes=["facebook = drop","youtube = store.family, picasa = drop"]
                """);
        Waiting.until(() -> allows("nx300@example.com") && allows("nx500@example.com") && allows("you@example.com"),
                TIMEOUT_MS, "every camera of the .config allowed");
        Waiting.until(() -> routes().containsAll(List.of("facebook -> drop", "youtube -> store.family",
                "picasa -> drop")), TIMEOUT_MS, "every route of the .config active: " + routes());
    }

    private Path write(String name, String content) throws Exception {
        Path target = home.conf().resolve(name);
        Path partial = home.conf().resolve("." + name + ".part");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        // FileInstall must never read a half-written file
        return Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private boolean allows(String camera) {
        CameraDesk desk = desks.getService();
        return desk != null && desk.isAllowedCamera(camera);
    }

    private List<String> routes() {
        CameraActivity activity = activities.getService();
        return activity == null ? List.of() : activity.routes().stream().map(ListSettingsFromFilesTest::arrow)
                .toList();
    }

    private static String arrow(RouteView r) {
        return r.key() + " -> " + r.destination() + (r.instance().isEmpty() ? "" : "." + r.instance());
    }
}
