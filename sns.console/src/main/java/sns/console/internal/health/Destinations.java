package sns.console.internal.health;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import sns.core.api.Publisher;
import sns.core.api.camera.RouteView;
import sns.core.api.login.DestinationLogin;

/**
 * The destinations installed right now, read live from the service registry: a bundle installed from the console
 * or dropped into {@code load/} shows up with the next page view.
 */
public final class Destinations {

    /**
     * One destination service.
     *
     * @param serviceId its {@code service.id}, the key of its health
     * @param name {@value Publisher#NAME}
     * @param instance {@value Publisher#INSTANCE}, empty for the default instance
     * @param bundle the bundle's symbolic name and version
     * @param bundleState the bundle's state ({@code active}, {@code starting}, ...)
     */
    public record Installed(long serviceId, String name, String instance, String bundle, String bundleState) {

        /** As written in routes. */
        public String route() {
            return instance.isEmpty() ? name : name + "." + instance;
        }
    }

    /**
     * A destination bundle whose login ({@link DestinationLogin}) is there but which has no publisher yet: its
     * account is not linked, so photos routed to it wait.
     *
     * @param name {@value Publisher#NAME}
     * @param bundle the bundle's symbolic name and version
     * @param bundleState the bundle's state
     */
    public record AwaitingLogin(String name, String bundle, String bundleState) {
    }

    /**
     * A destination that configured routes name but nothing serves: no publisher of its name and instance, and no
     * login of its name waiting to be used (that one shows as {@link AwaitingLogin}). Usually a misspelt route, or
     * a bundle not installed yet; photos sent there wait in the outbox.
     *
     * @param name the destination's name
     * @param instance its instance, empty for the default instance
     * @param keys the sites and recipients routed to it
     */
    public record Unserved(String name, String instance, List<String> keys) {

        public Unserved {
            keys = List.copyOf(keys);
        }

        /** As written in routes. */
        public String route() {
            return instance.isEmpty() ? name : name + "." + instance;
        }
    }

    private Destinations() {
    }

    /** The routes of {@code routes} that nothing in {@code installed} serves, by route. */
    public static List<Unserved> unserved(List<RouteView> routes, List<Installed> installed,
            List<AwaitingLogin> awaitingLogin) {
        Map<String, List<RouteView>> byRoute = new TreeMap<>();
        for (RouteView r : routes) {
            boolean served = installed.stream().anyMatch(i -> i.name().equals(r.destination())
                    && (i.instance().equals(r.instance()) || i.instance().equals(Publisher.ANY_INSTANCE)));
            boolean awaiting = awaitingLogin.stream().anyMatch(a -> a.name().equals(r.destination()));
            if (!served && !awaiting) {
                byRoute.computeIfAbsent(r.route(), k -> new ArrayList<>()).add(r);
            }
        }
        return byRoute.values().stream().map(same -> new Unserved(same.get(0).destination(), same.get(0).instance(),
                same.stream().map(RouteView::key).toList())).toList();
    }

    /** What the owner should know about an unserved route, in one sentence. */
    public static String unservedDetail(Unserved d) {
        return "routes " + String.join(", ", d.keys()) + " here, but no destination " + d.route() + " is installed:"
                + " photos sent there wait. Check its spelling in the bridge's Routes, or install the destination.";
    }

    /** The destinations that offer a login and have no publisher of their name, sorted by name. */
    public static List<AwaitingLogin> awaitingLogin(BundleContext context, List<Installed> installed) {
        Collection<ServiceReference<DestinationLogin>> references;
        try {
            references = context.getServiceReferences(DestinationLogin.class, null);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
        List<AwaitingLogin> all = new ArrayList<>();
        for (ServiceReference<DestinationLogin> r : references) {
            Bundle bundle = r.getBundle();
            String name = text(r.getProperty(Publisher.NAME));
            if (bundle == null || name.isEmpty() || installed.stream().anyMatch(i -> i.name().equals(name))) {
                continue;
            }
            all.add(new AwaitingLogin(name, bundle.getSymbolicName() + " " + bundle.getVersion(),
                    state(bundle.getState())));
        }
        all.sort(Comparator.comparing(AwaitingLogin::name));
        return all;
    }

    /** Every Publisher service, sorted by route. */
    public static List<Installed> installed(BundleContext context) {
        Collection<ServiceReference<Publisher>> references;
        try {
            references = context.getServiceReferences(Publisher.class, null);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return List.of();
        }
        List<Installed> all = new ArrayList<>();
        for (ServiceReference<Publisher> r : references) {
            Bundle bundle = r.getBundle();
            if (bundle == null) {
                continue; // unregistered meanwhile
            }
            all.add(new Installed((Long) r.getProperty(Constants.SERVICE_ID), text(r.getProperty(Publisher.NAME)),
                    text(r.getProperty(Publisher.INSTANCE)), bundle.getSymbolicName() + " " + bundle.getVersion(),
                    state(bundle.getState())));
        }
        all.sort(Comparator.comparing(Installed::route).thenComparing(Installed::serviceId));
        return all;
    }

    /** The route a Publisher service serves, for log lines. */
    static String route(ServiceReference<Publisher> r) {
        String name = text(r.getProperty(Publisher.NAME));
        String instance = text(r.getProperty(Publisher.INSTANCE));
        return instance.isEmpty() ? name : name + "." + instance;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            default -> "uninstalled";
        };
    }
}
