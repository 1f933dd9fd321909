package sns.core.api.camera;

/**
 * One entry of the routing table in effect ({@code [ACTIONS]}, the {@code routes} setting), as the console shows it.
 *
 * @param key the social site ({@code facebook}) or e-mail recipient ({@code masto@mydomain.com}), lower case
 * @param destination where it goes: the destination's name ({@code sns.publisher})
 * @param instance the destination's instance ({@code sns.instance}), empty for the default instance
 */
public record RouteView(String key, String destination, String instance) {

    /** As written in routes: {@code destination} or {@code destination.instance}. */
    public String route() {
        return instance.isEmpty() ? destination : destination + "." + instance;
    }
}
