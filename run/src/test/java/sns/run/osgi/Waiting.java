package sns.run.osgi;

import java.util.function.BooleanSupplier;

import org.opentest4j.AssertionFailedError;

/** Polls a condition that an asynchronous part of the runtime (FileInstall, ConfigAdmin) makes true. */
final class Waiting {

    private Waiting() {
    }

    static void until(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("timed out after " + timeoutMs + " ms waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
