package sns.flickr.internal;

import java.util.Set;

import sns.core.api.PublishException;

/**
 * Which Flickr error codes a retry can fix. From Flickr's API documentation (upload.api.html and the error lists
 * every method shares): the codes about credentials, signatures and the file itself are permanent, the ones about
 * Flickr being busy are retryable. A code not listed is permanent: retrying an unknown refusal 24 hours long helps
 * nobody, and the job keeps Flickr's message for the owner.
 */
final class FlickrErrors {

    /**
     * 0 video uploads temporarily disabled, 3 general upload failure (the file did not arrive whole), 14 server at
     * capacity, 105 service currently unavailable, 106 write operation failed (a temporary issue).
     */
    static final Set<Integer> RETRYABLE = Set.of(0, 3, 14, 105, 106);

    /** 96 invalid signature, 97 missing signature, 98 login failed / invalid auth token, 99 insufficient permissions, 100 invalid API key. */
    static final Set<Integer> CREDENTIALS = Set.of(96, 97, 98, 99, 100);

    private FlickrErrors() {
    }

    /** The exception for error {@code code} with Flickr's {@code message}, while doing {@code what}. */
    static PublishException of(int code, String message, String what) {
        String text = "flickr: " + what + " failed: error " + code + (message.isEmpty() ? "" : " (" + message + ")");
        if (RETRYABLE.contains(code)) {
            return PublishException.retryable(text, null);
        }
        if (CREDENTIALS.contains(code)) {
            return PublishException.permanent(text + "; check the API key, secret and token of the destination "
                    + "(log in again from the console: the token needs 'write' permission)", null);
        }
        return PublishException.permanent(text, null);
    }
}
