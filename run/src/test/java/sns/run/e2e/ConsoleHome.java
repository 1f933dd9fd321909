package sns.run.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import sns.run.process.BridgeProcess;

/**
 * A home for the console tests: the fixture camera allowed, its site routed to the built-in {@code shell}
 * destination, which runs a script that fails for good ("quota exceeded", exit 1) while a flag file exists and
 * otherwise notes the job id as delivered.
 */
final class ConsoleHome {

    final Path home;
    final Path flag;
    final Path delivered;

    /** @param moreRoutes further {@code site = destination} lines for the routes setting */
    ConsoleHome(Path home, String route, String... moreRoutes) throws IOException {
        this.home = home;
        this.flag = home.resolve("destination-refuses");
        this.delivered = home.resolve("delivered.txt");
        Path conf = Files.createDirectories(home.resolve("conf"));
        Files.writeString(conf.resolve("sns.core.config"), "senders=[\"Camera@samsungcamera.com\"]\n"
                + "routes=[\"facebook = " + route + "\"" + Stream.of(moreRoutes).map(r -> ",\"" + r + "\"")
                .collect(Collectors.joining()) + "]\n", StandardCharsets.UTF_8);
        String script = "if [ -e '" + flag + "' ]; then echo 'quota exceeded' >&2; exit 1; fi; "
                + "echo \\\"$1\\\" >> '" + delivered + "'";
        Files.writeString(conf.resolve("sns.shell.config"), "command=[\"/bin/sh\",\"-c\",\"" + script
                + "\",\"sh\",\"{jobid}\"]\nstoreFirst=B\"false\"\n", StandardCharsets.UTF_8);
        // the retries of a failed job should not get in the way of the tests' own
        Files.writeString(conf.resolve("sns.outbox.config"), "retryFirstSeconds=I\"600\"\n",
                StandardCharsets.UTF_8);
    }

    void refuse(boolean refuse) throws IOException {
        if (refuse) {
            Files.writeString(flag, "refuse\n");
        } else {
            Files.deleteIfExists(flag);
        }
    }

    BridgeProcess start() throws IOException, InterruptedException {
        BridgeProcess bridge = BridgeProcess.start(BridgeProcess.exportedJar(), home, List.of(), Map.of(),
                List.of("--home", home.toString()));
        bridge.awaitCameraEndpoints(java.time.Duration.ofSeconds(60));
        // the internet check goes to the bridge itself: a real DNS lookup and TCP connection, no outside network
        Files.writeString(home.resolve("conf").resolve("sns.health.config"), "uplinkHost=\"localhost\"\n"
                + "uplinkPort=I\"" + bridge.port() + "\"\nintervalSeconds=I\"10\"\n", StandardCharsets.UTF_8);
        return bridge;
    }
}
