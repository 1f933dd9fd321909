package sns.console.internal.login;

import static sns.console.internal.page.Html.escape;

import java.util.List;
import java.util.Map;

import sns.core.api.login.LoginField;

/**
 * The login page's HTML: plain forms that work without JavaScript, every value escaped (instance names and server
 * messages come from outside), secrets never written into the page — a stored secret shows as "stored".
 */
final class LoginPageHtml {

    /** One destination offering a login, with its instances' current values. */
    record Destination(String name, String pid, List<LoginField> fields, Map<String, Map<String, String>> instances) {
    }

    private LoginPageHtml() {
    }

    static String overview(List<Destination> destinations, String token, String notice) {
        StringBuilder html = new StringBuilder();
        html.append("<div id=\"sns-login\">\n");
        notice(html, notice, false);
        html.append("<p>Link the account a destination posts with: fill in the fields, press Log in, allow SNS Bridge"
                + " on the page it opens, and paste the code shown there. Each instance is a route: "
                + "<code>mastodon</code>, or <code>mastodon.&lt;name&gt;</code> for a named one.</p>\n");
        if (destinations.isEmpty()) {
            html.append("<p>No installed destination needs a login. Install one (for example sns.mastodon) from the"
                    + " Bundles page or the load/ folder.</p>\n");
        }
        for (Destination d : destinations) {
            html.append("<h2>").append(escape(title(d.name()))).append("</h2>\n");
            html.append("<table class=\"nicetable\"><thead><tr><th>Instance (route)</th><th>Log in</th></tr>"
                    + "</thead><tbody>\n");
            for (Map.Entry<String, Map<String, String>> instance : d.instances().entrySet()) {
                row(html, d, instance.getKey(), instance.getValue(), token);
            }
            row(html, d, null, d.instances().getOrDefault("", Map.of()), token);
            html.append("</tbody></table>\n");
        }
        html.append("</div>\n");
        return html.toString();
    }

    private static void row(StringBuilder html, Destination d, String instance, Map<String, String> values,
            String token) {
        html.append("<tr><td>");
        if (instance == null) {
            html.append("new instance: ");
        } else {
            html.append("<code>").append(escape(route(d.name(), instance))).append("</code>");
        }
        html.append("</td><td><form method=\"post\" action=\"\">\n");
        hidden(html, "token", token);
        hidden(html, "action", "start");
        hidden(html, "destination", d.name());
        if (instance == null) {
            html.append("<label>Name <input name=\"instance\" pattern=\"[a-z0-9_\\-]{1,32}\" required"
                    + " placeholder=\"pub\"></label><br>\n");
        } else {
            hidden(html, "instance", instance);
        }
        for (LoginField f : d.fields()) {
            String current = values.getOrDefault(f.key(), "");
            html.append("<label>").append(escape(f.label())).append(' ');
            if (f.secret()) {
                html.append("<input type=\"password\" autocomplete=\"off\" name=\"").append(escape(f.key()))
                        .append("\" placeholder=\"").append(current.isEmpty() ? "" : "stored; leave empty to keep")
                        .append("\">");
            } else {
                html.append("<input name=\"").append(escape(f.key())).append("\" value=\"").append(escape(current))
                        .append("\" size=\"40\">");
            }
            html.append("</label> <small>").append(escape(f.description())).append("</small><br>\n");
        }
        if (instance != null) {
            html.append("<small>").append(linkState(values)).append("</small><br>\n");
        }
        html.append("<button type=\"submit\">Log in</button></form></td></tr>\n");
    }

    private static String linkState(Map<String, String> values) {
        boolean linked = values.keySet().stream().anyMatch(k -> k.equals(".token"));
        return linked ? "An access token is stored; logging in again replaces it."
                : "Not linked yet.";
    }

    static String awaitingCode(String destination, String instance, String authorizationUrl, String id, String token,
            String error) {
        StringBuilder html = new StringBuilder("<div id=\"sns-login\">\n");
        notice(html, error, true);
        html.append("<h2>").append(escape(title(destination))).append(": <code>")
                .append(escape(route(destination, instance))).append("</code></h2>\n");
        html.append("<ol><li>Open <a id=\"authorize\" target=\"_blank\" rel=\"noopener noreferrer\" href=\"")
                .append(escape(authorizationUrl)).append("\">the authorization page</a> (<code>")
                .append(escape(authorizationUrl)).append("</code>), log in there and allow SNS Bridge.</li>\n");
        html.append("<li>Copy the code it shows (or the app password it makes), paste it here and press Finish."
                + "</li></ol>\n");
        html.append("<form method=\"post\" action=\"\">\n");
        hidden(html, "token", token);
        hidden(html, "action", "finish");
        hidden(html, "login", id);
        // the code is a credential (an OAuth code, an app password): typed like a password, never shown on screen
        html.append("<label>Code <input type=\"password\" name=\"code\" required autocomplete=\"off\" size=\"50\">"
                + "</label>\n");
        html.append("<button type=\"submit\">Finish</button></form>\n");
        html.append("<p><a href=\"\">Cancel</a></p></div>\n");
        return html.toString();
    }

    static String done(String destination, String instance, String pid) {
        return "<div id=\"sns-login\">\n<p class=\"ui-state-highlight\" id=\"linked\">" + escape(title(destination))
                + " <code>" + escape(route(destination, instance)) + "</code> is linked: its credentials are stored in"
                + " the configuration <code>" + escape(pid) + "</code>. Photos routed to it are posted from now on."
                + "</p>\n<p><a href=\"\">Back to the logins</a></p></div>\n";
    }

    private static void notice(StringBuilder html, String text, boolean error) {
        if (text != null && !text.isEmpty()) {
            html.append("<p id=\"notice\" class=\"").append(error ? "ui-state-error" : "ui-state-highlight")
                    .append("\">").append(escape(text)).append("</p>\n");
        }
    }

    private static void hidden(StringBuilder html, String name, String value) {
        html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value))
                .append("\">\n");
    }

    static String route(String destination, String instance) {
        return instance.isEmpty() ? destination : destination + "." + instance;
    }

    private static String title(String destination) {
        return destination.isEmpty() ? destination
                : Character.toUpperCase(destination.charAt(0)) + destination.substring(1);
    }
}
