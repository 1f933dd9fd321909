package sns.core.internal.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import sns.core.api.Origin;
import sns.core.api.camera.StagedFile;

/**
 * What the camera desk asks the outbox to deliver: the destination chosen by routing and everything of the
 * {@link sns.core.api.Post} but its job id, with the media as staged files that {@link Outbox#submit} moves into
 * the job. Checked here, when the camera can still be told, so that a job that could never become a
 * {@code Post} (no sender, a destination name no publisher can have) is never accepted.
 *
 * @param destination the publisher's name ({@code sns.publisher}): {@code [a-z0-9_-]+}
 * @param instance the route's instance, empty for the default instance
 * @param media the files, in camera order; each on the outbox's file system so that it can be renamed into the job
 */
public record JobRequest(String destination, String instance, Origin origin, String site, String sender,
        List<String> recipients, String subject, String text, List<String> altTexts, String cameraModel,
        Instant receivedAt, List<StagedFile> media) {

    /** The rule of PUBLISHER.md for {@code sns.publisher}. */
    private static final Pattern DESTINATION = Pattern.compile("[a-z0-9_-]+");

    /** Applies the defaults of {@code Post} (absent texts are empty) and rejects what a {@code Post} would. */
    public JobRequest {
        if (destination == null || !DESTINATION.matcher(destination).matches()) {
            throw new IllegalArgumentException("not a destination name: " + destination);
        }
        instance = instance == null ? "" : instance;
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
        media = List.copyOf(media);
        for (StagedFile m : media) {
            Objects.requireNonNull(m.file(), "media file");
            if (m.size() < 0) {
                throw new IllegalArgumentException("negative media size " + m.size());
            }
        }
    }

    /** Starts a request for destination {@code destination} (default instance). */
    public static Builder builder(String destination, Origin origin) {
        return new Builder(destination, origin);
    }

    /** The same request with other media: the files once they are inside the job folder. */
    JobRequest withMedia(List<StagedFile> files) {
        return new JobRequest(destination, instance, origin, site, sender, recipients, subject, text, altTexts,
                cameraModel, receivedAt, files);
    }

    /** Collects the parts of a {@link JobRequest}; not thread-safe. */
    public static final class Builder {
        private final String destination;
        private final Origin origin;
        private String instance = "";
        private String site;
        private String sender;
        private List<String> recipients = List.of();
        private String subject;
        private String text;
        private List<String> altTexts = List.of();
        private String cameraModel;
        private Instant receivedAt;
        private List<StagedFile> media = List.of();

        private Builder(String destination, Origin origin) {
            this.destination = destination;
            this.origin = origin;
        }

        public Builder instance(String value) {
            this.instance = value;
            return this;
        }

        public Builder site(String value) {
            this.site = value;
            return this;
        }

        public Builder sender(String value) {
            this.sender = value;
            return this;
        }

        public Builder recipients(List<String> value) {
            this.recipients = value;
            return this;
        }

        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        public Builder text(String value) {
            this.text = value;
            return this;
        }

        public Builder altTexts(List<String> value) {
            this.altTexts = value;
            return this;
        }

        public Builder cameraModel(String value) {
            this.cameraModel = value;
            return this;
        }

        public Builder receivedAt(Instant value) {
            this.receivedAt = value;
            return this;
        }

        public Builder media(List<StagedFile> value) {
            this.media = value;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalArgumentException if the destination name or the sender is not acceptable
         */
        public JobRequest build() {
            return new JobRequest(destination, instance, origin, site, sender, recipients, subject, text, altTexts,
                    cameraModel, receivedAt, media);
        }
    }
}
