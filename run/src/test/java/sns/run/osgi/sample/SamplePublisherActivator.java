package sns.run.osgi.sample;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import sns.core.api.Publisher;
import sns.core.api.Receipt;

/**
 * The activator of a destination bundle that the tests build at run time and drop into {@code load/}: it
 * registers a {@link Publisher} named {@code sample}, instance {@code hot}, that echoes the job id.
 */
public final class SamplePublisherActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Publisher.NAME, "sample");
        properties.put(Publisher.INSTANCE, "hot");
        Publisher publisher = post -> Receipt.of("sample:" + post.jobId());
        context.registerService(Publisher.class, publisher, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
