package sns.core.internal.desk;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import sns.core.api.Publisher;
import sns.core.api.PublisherFactory;

/**
 * The destinations that declare {@value Publisher#ALT_TEXTS}={@value Publisher#ALT_TEXTS_REQUIRED} on a
 * {@link Publisher} or {@link PublisherFactory} service, by name: the desk asks before every announcement, upload
 * and e-mail, so a bundle dropped into {@code load/} gets the alt-text rules from its next camera request on.
 * Only the service properties are read: no destination is started for this.
 */
@Component(service = AltTextDestinations.class)
public final class AltTextDestinations {

    /** Destination names by service id, for the services that require alt texts. */
    private final Map<Long, String> requiring = new ConcurrentHashMap<>();

    /** Whether destination {@code name} (a route's action) needs one alt text per photo. */
    public boolean required(String name) {
        return requiring.containsValue(name);
    }

    @Reference(service = Publisher.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, updated = "seen", unbind = "unseen")
    void seen(ServiceReference<?> service) {
        Long id = (Long) service.getProperty(Constants.SERVICE_ID);
        Object name = service.getProperty(Publisher.NAME);
        if (name != null && Publisher.ALT_TEXTS_REQUIRED.equals(service.getProperty(Publisher.ALT_TEXTS))) {
            requiring.put(id, name.toString());
        } else {
            requiring.remove(id);
        }
    }

    void unseen(ServiceReference<?> service) {
        requiring.remove((Long) service.getProperty(Constants.SERVICE_ID));
    }

    @Reference(service = PublisherFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, updated = "seenFactory", unbind = "unseenFactory")
    void seenFactory(ServiceReference<?> service) {
        seen(service);
    }

    void unseenFactory(ServiceReference<?> service) {
        unseen(service);
    }
}
