package sns.run.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.test.common.annotation.InjectBundleContext;

/**
 * The camera wire protocol does not need the Web Console: sns.http has no wire to it (nor to sns.console), and
 * with both stopped it stays active and answers a camera.
 */
class CameraWithoutConsoleTest {

    private static final long TIMEOUT_MS = 30_000;

    @InjectBundleContext
    BundleContext context;

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    @Test
    void cameraEndpointsAnswerWithNoWebConsole() throws Exception {
        Bundle http = bundle("sns.http");
        Bundle console = bundle("org.apache.felix.webconsole");
        Bundle pages = bundle("sns.console");
        List<BundleWire> wires = http.adapt(BundleWiring.class).getRequiredWires(null);
        for (BundleWire wire : wires) {
            Bundle provider = wire.getProvider().getBundle();
            assertTrue(provider != console && provider != pages, "sns.http is wired to " + provider
                    .getSymbolicName() + " for " + wire.getCapability());
        }
        console.stop();
        pages.stop();
        try {
            assertEquals(Bundle.ACTIVE, http.getState());
            String base = endpoint();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "security/sso/initialize/time")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("<currentServerTime>"), answer.body());
            HttpResponse<String> noConsole = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "system/console/")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, noConsole.statusCode(), "the Web Console is really gone");
        } finally {
            console.start();
            pages.start();
        }
    }

    /** The Jetty endpoint (port 0 in the test runtime) from the HTTP runtime's service property. */
    private String endpoint() throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            ServiceReference<?>[] runtimes = context.getServiceReferences(
                    "org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
            if (runtimes != null) {
                Object value = runtimes[0].getProperty("osgi.http.endpoint");
                String url = value instanceof String s ? s : value instanceof String[] a && a.length > 0 ? a[0]
                        : value instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next().toString() : null;
                if (url != null) {
                    return url.endsWith("/") ? url : url + "/";
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no HTTP runtime endpoint");
    }
}
