package sns.run.osgi.sample;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

import sns.core.api.Publisher;
import sns.core.api.Receipt;

/**
 * A third-party destination as anyone would write it against {@code sns.core.api} alone: a {@link Publisher}
 * named {@code alttexts}, declaring {@code sns.altTexts} with the value of its bundle's {@code Sample-AltTexts}
 * header (none when the header is absent). Its receipt tells what it got: {@code text|alt texts|media count}.
 */
public final class AltTextPublisherActivator implements BundleActivator {

    /** The manifest header whose value becomes the {@code sns.altTexts} service property. */
    public static final String HEADER = "Sample-AltTexts";

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Publisher.NAME, "alttexts");
        String altTexts = context.getBundle().getHeaders().get(HEADER);
        if (altTexts != null) {
            properties.put(Publisher.ALT_TEXTS, altTexts);
        }
        Publisher publisher = post -> Receipt.of(post.text() + "|" + String.join("/", post.altTexts()) + "|"
                + post.media().size());
        context.registerService(Publisher.class, publisher, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
