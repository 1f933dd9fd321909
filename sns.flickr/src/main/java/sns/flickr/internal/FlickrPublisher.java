package sns.flickr.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import sns.core.api.DestinationSettings;
import sns.core.api.Health;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;
import sns.core.api.Publisher;
import sns.core.api.Receipt;
import sns.flickr.internal.OAuth1Signer.Param;

/**
 * Uploads a post's photos and videos to Flickr, each with title, description, tags and the instance's privacy,
 * then puts them into the configured album.
 *
 * <p><b>Retries.</b> Flickr has no idempotency key, so a job that failed half-way (photo 1 uploaded, photo 2
 * refused with 105) must not upload photo 1 again. Every photo carries two machine tags,
 * {@code snsbridge:job=<job id>} and {@code snsbridge:part=<n>}. Before uploading, the publisher asks
 * {@code flickr.photos.search} (the account's own photos with the job's machine tag) which parts are already
 * there, and remembers the parts it uploaded itself in memory, which also covers Flickr's search index lagging
 * behind a fresh upload. Only a crash of the bridge in the seconds between an upload and Flickr indexing it can
 * still give a duplicate.
 */
public final class FlickrPublisher implements Publisher {

    /** Where a photo id leads without knowing the owner's account name. */
    static final String PHOTO_PAGE = "https://www.flickr.com/photo.gne?id=";
    private static final int REMEMBERED_JOBS = 200;

    private final FlickrSettings options;
    private final FlickrClient client;
    private final FlickrAlbums albums;
    /** Job id to the photo ids uploaded per part (1-based), for jobs not finished yet. */
    private final Map<String, Map<Integer, String>> partial = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<Integer, String>> eldest) {
                    return size() > REMEMBERED_JOBS;
                }
            });

    FlickrPublisher(FlickrSettings options, FlickrClient client) {
        this.options = options;
        this.client = client;
        this.albums = new FlickrAlbums(client);
    }

    /** For the {@link sns.core.api.PublisherFactory}: throws for an unusable instance. */
    static FlickrPublisher create(DestinationSettings settings) {
        FlickrSettings options = FlickrSettings.of(settings);
        OAuth1Signer signer = OAuth1Signer.of(options.apiKey(), options.apiSecret(), options.token(),
                options.tokenSecret());
        return new FlickrPublisher(options, new FlickrClient(options, signer,
                new RateLimiter(options.requestsPerHour(), System::nanoTime), Clock.systemUTC()));
    }

    FlickrSettings options() {
        return options;
    }

    /** {@code flickr.test.login}: whether Flickr takes the key and token; uploads nothing. */
    @Override
    public Health check() {
        try {
            FlickrAnswer answer = client.call("flickr.test.login", List.of(), "checking the login");
            return Health.ok("Flickr accepts the token of " + answer.text("username"));
        } catch (PublishException e) {
            String why = e.getMessage().replaceFirst("^flickr: ", "");
            return e.isRetryable() ? Health.warning(why) : Health.failed(why);
        }
    }

    @Override
    public Receipt publish(Post post) throws PublishException {
        List<Media> media = post.media();
        if (media.isEmpty()) {
            throw PublishException.permanent("flickr: nothing to upload (Flickr takes photos and videos, this post has "
                    + "only text)", null);
        }
        Map<Integer, String> done = new TreeMap<>(partial.getOrDefault(post.jobId(), Map.of()));
        if (done.size() < media.size()) {
            alreadyUploaded(post.jobId()).forEach(done::putIfAbsent);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            int part = i + 1;
            String id = done.get(part);
            if (id == null) {
                id = client.upload(fields(post, i), media.get(i));
                done.put(part, id);
                partial.put(post.jobId(), new TreeMap<>(done));
            }
            ids.add(id);
        }
        String detail = ids.size() == 1 ? "photo " + ids.get(0) : ids.size() + " photos: " + String.join(", ", ids);
        if (!options.album().isEmpty()) {
            albums.put(options.album(), ids);
            detail += " in album '" + options.album() + "'";
        }
        partial.remove(post.jobId());
        return new Receipt(PHOTO_PAGE + ids.get(0), detail);
    }

    /** The upload fields of medium {@code index}: everything but the file, all of it signed. */
    List<Param> fields(Post post, int index) {
        Media medium = post.media().get(index);
        List<Param> fields = new ArrayList<>();
        fields.add(new Param("title", post.subject().isBlank() ? medium.name() : post.subject().strip()));
        String description = post.text().strip();
        String alt = post.altText(index).orElse("").strip();
        if (!alt.isEmpty()) {
            description = description.isEmpty() ? alt : description + "\n\n" + alt;
        }
        fields.add(new Param("description", description));
        List<String> tags = new ArrayList<>(FlickrTags.hashtags(post.text()));
        tags.addAll(options.tags());
        tags.add(FlickrTags.jobTag(post.jobId()));
        tags.add(FlickrTags.partTag(index + 1));
        fields.add(new Param("tags", FlickrTags.field(tags)));
        if (!options.privacy().isEmpty()) {
            String[] flags = FlickrSettings.PRIVACY.get(options.privacy());
            fields.add(new Param("is_public", flags[0]));
            fields.add(new Param("is_friend", flags[1]));
            fields.add(new Param("is_family", flags[2]));
        }
        if (!options.safetyLevel().isEmpty()) {
            fields.add(new Param("safety_level", FlickrSettings.SAFETY.get(options.safetyLevel())));
        }
        if (!options.hidden().isEmpty()) {
            fields.add(new Param("hidden", options.hidden().equals("true") ? "2" : "1"));
        }
        return fields;
    }

    /** The parts of job {@code jobId} already on Flickr, found by their machine tags. */
    private Map<Integer, String> alreadyUploaded(String jobId) throws PublishException {
        String what = "looking for photos of an earlier attempt";
        FlickrAnswer answer = client.callAllowingFailure("flickr.photos.search", List.of(new Param("user_id", "me"),
                new Param("machine_tags", FlickrTags.jobTag(jobId)), new Param("extras", "machine_tags"),
                new Param("per_page", "500")), what);
        if (!answer.ok()) {
            PublishException mapped = FlickrErrors.of(answer.errorCode(), answer.errorMessage(), what);
            if (FlickrErrors.CREDENTIALS.contains(answer.errorCode())) {
                throw mapped;
            }
            // search down (error 10) or any other hiccup of the search: uploading blindly could duplicate, so wait
            throw PublishException.retryable(mapped.getMessage(), null);
        }
        Map<Integer, String> found = new TreeMap<>();
        String prefix = FlickrTags.NAMESPACE + ":part=";
        for (JsonNode photo : answer.all("photos", "photo")) {
            for (String tag : photo.path("machine_tags").asText("").split("\\s+")) {
                if (tag.startsWith(prefix)) {
                    try {
                        found.putIfAbsent(Integer.parseInt(tag.substring(prefix.length())),
                                photo.path("id").asText(""));
                    } catch (NumberFormatException notOurs) {
                        // a hand-made tag in our namespace: ignore it
                    }
                }
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "FlickrPublisher[" + options + "]";
    }
}
