package sns.core.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A destination for camera posts, registered as an OSGi service.
 *
 * <p>Register it with {@value #NAME} set to the destination's name (the word users write in routes, for example
 * {@code mastodon}) and, for every instance but the default one, {@value #INSTANCE} set to the instance name
 * (route {@code mastodon.pub} reaches the service with {@code sns.publisher=mastodon} and
 * {@code sns.instance=pub}). The bridge's outbox calls {@link #publish(Post)} from its own threads, one post of a
 * route at a time unless the publisher declares {@value #DELIVERIES_AT_ONCE}, and may call it again for the same
 * job after a failure or a crash: the {@linkplain Post#jobId() job id} is the idempotency key that lets a
 * destination avoid a second post.
 */
@ConsumerType
public interface Publisher {

    /** Service property: the destination's name, as written in routes ({@code email}, {@code mastodon}). */
    String NAME = "sns.publisher";

    /**
     * Service property: the instance name; absent (or empty) for the default instance, {@value #ANY_INSTANCE} for
     * a publisher that serves every instance of its name and reads it from {@link Post#instance()} (the built-in
     * {@code store}, whose instance is a folder name).
     */
    String INSTANCE = "sns.instance";

    /**
     * The {@value #INSTANCE} value of a publisher that serves every instance, the default one included, that no
     * service of its own serves.
     */
    String ANY_INSTANCE = "*";

    /**
     * Service property (of a publisher or of its {@link PublisherFactory}): what the destination needs of the
     * camera's alt texts. {@value #ALT_TEXTS_REQUIRED} makes the bridge apply every alt-text rule: a social photo
     * announced without an alt text left is refused (HTTP 400) before its upload, social photos are held until
     * the last alt text typed ({@code text~alt1~alt2}) has its photo and then become ONE post, and an e-mail
     * whose alt texts do not match its photos is refused. Absent: posts are handed over as they come.
     */
    String ALT_TEXTS = "sns.altTexts";

    /** The {@value #ALT_TEXTS} value of a destination that needs one alt text per photo. */
    String ALT_TEXTS_REQUIRED = "required";

    /**
     * Service property (of a publisher or of its {@link PublisherFactory}): how many jobs of one route the outbox may
     * hand this publisher at the same time, an Integer (or its decimal String); more than
     * {@value #MAX_DELIVERIES_AT_ONCE} counts as that many. Absent (or not a positive number): 1, one job after the
     * other in the order the camera sent them. A destination that declares more is called from several threads at
     * once; jobs still start oldest first but may end in any order, so two posts that must not overtake each other
     * (two photos of the same name into one folder) are the destination's to keep in order. Worth it where one post
     * spends most of its time waiting on something that serves several at once: a folder on flash whose forces the
     * destination shares between concurrent posts, a server that takes parallel uploads.
     */
    String DELIVERIES_AT_ONCE = "sns.deliveriesAtOnce";

    /**
     * The most {@value #DELIVERIES_AT_ONCE} the outbox grants one route: more threads would only wait on the same
     * flash or uplink.
     */
    int MAX_DELIVERIES_AT_ONCE = 8;

    /**
     * Publishes one post. Blocking; the bridge calls it outside any camera request.
     *
     * @param post the post with its media already on disk; the files stay readable until this call returns
     * @return what the destination made of it (a URL, a message id, a file path)
     * @throws PublishException when it did not work; {@link PublishException#isRetryable()} tells the outbox
     *     whether trying again later can help
     */
    Receipt publish(Post post) throws PublishException;

    /**
     * Whether the destination can deliver now: its server reachable, its credentials accepted. The bridge calls it
     * from a background thread (never from a camera request or a console page) every few minutes and shows the
     * answer on the Web Console's health status; it should finish within a few seconds and must not post anything.
     * Destinations that cannot tell keep this default.
     *
     * @return the health; {@link Health.Status#UNKNOWN} by default
     */
    default Health check() {
        return Health.unknown("this destination has no health check");
    }
}
