package sns.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import sns.core.api.Health;
import sns.core.internal.drop.DropPublisher;
import sns.core.internal.store.StorePublisher;
import sns.core.internal.store.StoreSettings;

/** The health checks of the built-in destinations, against real folders and programs. */
class BuiltinHealthTest {

    @TempDir
    Path dir;

    private StorePublisher store(Path base) {
        return new StorePublisher(new StoreSettings(base, sender -> "f"));
    }

    private ShellPublisher shell(String program, StorePublisher store) {
        return new ShellPublisher(new ShellSettings(List.of(program, "{filename}"), null,
                Duration.ofSeconds(5), dir, store));
    }

    @Test
    void storeNeedsItsFolder() throws IOException {
        assertEquals(Health.Status.FAILED, store(dir.resolve("missing")).check().status());
        Health ok = store(Files.createDirectories(dir.resolve("store"))).check();
        assertEquals(Health.Status.OK, ok.status());
        assertTrue(ok.detail().contains(dir.resolve("store").toString()), ok.detail());
    }

    @Test
    void shellNeedsAnExecutableProgramAndItsStore() throws IOException {
        assertEquals(Health.Status.OK, shell("/bin/sh", null).check().status());
        assertEquals(Health.Status.OK, shell("sh", null).check().status(), "found on the PATH");
        assertEquals(Health.Status.FAILED, shell("/nonexistent/program", null).check().status());
        Path notExecutable = Files.writeString(dir.resolve("script"), "echo hi\n");
        assertEquals(Health.Status.FAILED, shell(notExecutable.toString(), null).check().status());
        assertEquals(Health.Status.FAILED, shell("/bin/sh", store(dir.resolve("missing"))).check().status(),
                "it stores first, and the store folder is missing");
    }

    @Test
    void dropIsAlwaysHealthy() {
        assertEquals(Health.Status.OK, new DropPublisher().check().status());
    }
}
