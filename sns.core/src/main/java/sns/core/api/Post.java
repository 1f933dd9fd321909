package sns.core.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing a camera asked to publish, as handed to a {@link Publisher}: immutable, with its media on disk.
 *
 * <p>{@link #jobId()} is stable across retries and restarts of the bridge: a destination that supports
 * idempotency (Mastodon's {@code Idempotency-Key}) passes it on, so a retry after a crash does not post twice.
 * Texts are what the camera sent, decoded to Unicode; destinations apply their own length and format rules.
 */
public final class Post {

    private final String jobId;
    private final Origin origin;
    private final String site;
    private final String instance;
    private final String sender;
    private final List<String> recipients;
    private final String subject;
    private final String text;
    private final List<String> altTexts;
    private final String cameraModel;
    private final List<Media> media;
    private final Instant receivedAt;

    private Post(Builder b) {
        this.jobId = require(b.jobId, "jobId");
        this.origin = Objects.requireNonNull(b.origin, "origin");
        this.site = b.site == null ? "" : b.site;
        this.instance = b.instance == null ? "" : b.instance;
        this.sender = require(b.sender, "sender");
        this.recipients = List.copyOf(b.recipients);
        this.subject = b.subject == null ? "" : b.subject;
        this.text = b.text == null ? "" : b.text;
        this.altTexts = List.copyOf(b.altTexts);
        this.cameraModel = b.cameraModel == null ? "" : b.cameraModel;
        this.media = List.copyOf(b.media);
        this.receivedAt = Objects.requireNonNull(b.receivedAt, "receivedAt");
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    /** Starts a post for job {@code jobId}. */
    public static Builder builder(String jobId, Origin origin) {
        return new Builder(jobId, origin);
    }

    /** The outbox job's id: stable across retries and restarts, usable as an idempotency key. */
    public String jobId() {
        return jobId;
    }

    /** Whether the camera sent this as a social upload or an e-mail. */
    public Origin origin() {
        return origin;
    }

    /** The social site the camera logged in to ({@code facebook}, ...); empty for e-mail. */
    public String site() {
        return site;
    }

    /**
     * The instance of the route that chose this destination ({@code mailfolder} for route {@code store.mailfolder});
     * empty for the default instance. A publisher registered for any instance ({@value Publisher#INSTANCE}
     * {@code =*}) reads it here.
     */
    public String instance() {
        return instance;
    }

    /** The camera user: the whitelisted login or e-mail sender. */
    public String sender() {
        return sender;
    }

    /** The e-mail recipients the camera entered; empty for social uploads. */
    public List<String> recipients() {
        return recipients;
    }

    /** The e-mail subject or social title; may be empty. */
    public String subject() {
        return subject;
    }

    /** The post text without the alt texts; may be empty. */
    public String text() {
        return text;
    }

    /** One alt text per image, in media order, when the camera supplied them; else empty. */
    public List<String> altTexts() {
        return altTexts;
    }

    /** The camera model as it announced itself ({@code NX300}); empty when unknown. */
    public String cameraModel() {
        return cameraModel;
    }

    /** The photos and videos, in the order the camera sent them. */
    public List<Media> media() {
        return media;
    }

    /** When the bridge accepted the post from the camera. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The alt text of medium {@code index}, if there is one. */
    public Optional<String> altText(int index) {
        return index >= 0 && index < altTexts.size() ? Optional.of(altTexts.get(index)) : Optional.empty();
    }

    @Override
    public String toString() {
        return "Post[" + jobId + ", " + origin + (site.isEmpty() ? "" : " " + site) + ", from " + sender
                + ", " + media.size() + " media]";
    }

    /** Collects the parts of a {@link Post}; not thread-safe. */
    public static final class Builder {
        private final String jobId;
        private final Origin origin;
        private String site;
        private String instance;
        private String sender;
        private List<String> recipients = List.of();
        private String subject;
        private String text;
        private List<String> altTexts = List.of();
        private String cameraModel;
        private List<Media> media = List.of();
        private Instant receivedAt = Instant.now();

        private Builder(String jobId, Origin origin) {
            this.jobId = jobId;
            this.origin = origin;
        }

        /** Sets the social site. */
        public Builder site(String value) {
            this.site = value;
            return this;
        }

        /** Sets the route's instance. */
        public Builder instance(String value) {
            this.instance = value;
            return this;
        }

        /** Sets the camera user. */
        public Builder sender(String value) {
            this.sender = value;
            return this;
        }

        /** Sets the e-mail recipients. */
        public Builder recipients(List<String> value) {
            this.recipients = value;
            return this;
        }

        /** Sets the subject. */
        public Builder subject(String value) {
            this.subject = value;
            return this;
        }

        /** Sets the post text. */
        public Builder text(String value) {
            this.text = value;
            return this;
        }

        /** Sets the alt texts, one per image. */
        public Builder altTexts(List<String> value) {
            this.altTexts = value;
            return this;
        }

        /** Sets the camera model. */
        public Builder cameraModel(String value) {
            this.cameraModel = value;
            return this;
        }

        /** Sets the media. */
        public Builder media(List<Media> value) {
            this.media = value;
            return this;
        }

        /** Sets when the camera's request was accepted. */
        public Builder receivedAt(Instant value) {
            this.receivedAt = value;
            return this;
        }

        /**
         * Builds the post.
         *
         * @throws IllegalArgumentException if the job id or sender is missing
         */
        public Post build() {
            return new Post(this);
        }
    }
}
