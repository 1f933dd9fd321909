package sns.core.api.camera;

/**
 * One entry of the routing table in effect ({@code [ACTIONS]}, the {@code routes} setting), as the console shows it.
 *
 * @param key the social site ({@code facebook}) or e-mail recipient ({@code masto@mydomain.com}), lower case
 * @param route where it goes: {@code action} or {@code action.instance}
 * @since 1.2
 */
public record RouteView(String key, String route) {
}
