package sns.core.internal.desk;

import java.time.Instant;
import java.util.List;

import sns.core.api.Origin;
import sns.core.internal.route.Route;

/** Everything a job needs but its id and media: the desk's half of a {@link sns.core.api.Post}. */
public record PostDraft(Route route, Origin origin, String site, String sender, List<String> recipients, String subject,
        String text, List<String> altTexts, String cameraModel, Instant receivedAt) {

    public PostDraft {
        recipients = List.copyOf(recipients);
        altTexts = List.copyOf(altTexts);
    }
}
