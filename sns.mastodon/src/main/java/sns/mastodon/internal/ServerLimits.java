package sns.mastodon.internal;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Mastodon-API server says it takes, from {@code configuration} of {@code GET /api/v2/instance} (Mastodon
 * 4) or {@code GET /api/v1/instance} (Pixelfed, older Mastodon): status length, media per status, photo and video
 * size, file types. Pixelfed answers a file it does not take with a redirect to its login page rather than an
 * error, so the bridge must know these before it uploads. Zero or empty means "not said".
 */
record ServerLimits(int maxCharacters, int maxMedia, long imageSizeLimit, long videoSizeLimit,
        List<String> supportedTypes) {

    static final ServerLimits UNKNOWN = new ServerLimits(0, 0, 0, 0, List.of());

    /** The limits in an instance answer; {@link #UNKNOWN} parts where it says nothing. */
    static ServerLimits of(JsonNode instance) {
        JsonNode configuration = instance.path("configuration");
        JsonNode statuses = configuration.path("statuses");
        JsonNode media = configuration.path("media_attachments");
        List<String> types = new ArrayList<>();
        media.path("supported_mime_types").forEach(t -> types.add(t.asText()));
        int characters = statuses.path("max_characters").asInt(instance.path("max_toot_chars").asInt(0));
        return new ServerLimits(characters, statuses.path("max_media_attachments").asInt(0),
                media.path("image_size_limit").asLong(0), media.path("video_size_limit").asLong(0), List.copyOf(types));
    }

    boolean saysSomething() {
        return maxCharacters > 0 || maxMedia > 0 || imageSizeLimit > 0 || !supportedTypes.isEmpty();
    }

    /** The size limit for a file of {@code type}; 0 when the server does not say. */
    long sizeLimit(String type) {
        return type.startsWith("video/") ? videoSizeLimit : imageSizeLimit;
    }

    /** Whether the server takes {@code type} (or does not say which types it takes). */
    boolean takes(String type) {
        return supportedTypes.isEmpty() || supportedTypes.contains(type);
    }
}
