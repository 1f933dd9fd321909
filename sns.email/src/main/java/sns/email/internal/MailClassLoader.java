package sns.email.internal;

import java.util.function.Supplier;

/**
 * Runs mail code with the thread context class loader set to the angus-mail bundle's class loader. Inside OSGi,
 * jakarta.activation finds the multipart handler only through the TCCL (angus-mail's {@code META-INF/mailcap});
 * without it a multipart message fails with "no object DCH for MIME type multipart/mixed" (docs/development.md,
 * "Stack wiring").
 * Outside OSGi (unit tests) the supplier gives {@code null} and the TCCL stays as it is.
 */
final class MailClassLoader {

    /** Work that may throw the checked exception {@code E}. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    private final Supplier<ClassLoader> loader;

    MailClassLoader(Supplier<ClassLoader> loader) {
        this.loader = loader;
    }

    /** No switch at all: plain Java, where the class path already sees the mailcap. */
    static MailClassLoader none() {
        return new MailClassLoader(() -> null);
    }

    <T, E extends Exception> T call(Work<T, E> work) throws E {
        ClassLoader mail = loader.get();
        if (mail == null) {
            return work.run();
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(mail);
        try {
            return work.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
