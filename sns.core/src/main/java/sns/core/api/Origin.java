package sns.core.api;

/**
 * How the camera sent a post: to a social site through the {@code /{site}/photo} flow, or as an e-mail through
 * {@code /social/columbus/email}. Destinations use it to pick rules that differ between the two (alt texts, for
 * example, are counted per e-mail but per batch for social uploads).
 */
public enum Origin {
    /** A social upload: login to a site ({@code facebook}, {@code twitter}, ...), announce, then PUT. */
    SOCIAL,
    /** The camera's "send by e-mail" function. */
    EMAIL
}
