package sns.core.internal.desk;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import sns.core.api.Origin;
import sns.core.internal.route.Route;

/**
 * Everything a job needs but its id and media: the desk's half of a {@link sns.core.api.Post}. Checked here, when
 * the camera can still be told, so that a job that could never become a {@code Post} (no sender) is never
 * accepted; absent texts are empty, as in a {@code Post}.
 */
public record PostDraft(Route route, Origin origin, String site, String sender, List<String> recipients, String subject,
        String text, List<String> altTexts, String cameraModel, Instant receivedAt) {

    /** @throws IllegalArgumentException if the sender is missing */
    public PostDraft {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(origin, "origin");
        site = site == null ? "" : site;
        if (sender == null || sender.isBlank()) {
            throw new IllegalArgumentException("sender is missing");
        }
        recipients = List.copyOf(recipients);
        subject = subject == null ? "" : subject;
        text = text == null ? "" : text;
        altTexts = List.copyOf(altTexts);
        cameraModel = cameraModel == null ? "" : cameraModel;
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
