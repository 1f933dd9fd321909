package sns.flickr.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import sns.core.api.PublishException;
import sns.flickr.internal.OAuth1Signer.Param;

/**
 * The albums (Flickr: photosets) of the linked account, by title: read once per instance with
 * {@code flickr.photosets.getList} and kept, so that a photo costs one call ({@code flickr.photosets.addPhoto}),
 * not two. An album that does not exist yet is created with the first photo as its cover
 * ({@code flickr.photosets.create}, which needs one); one deleted on Flickr meanwhile is looked up again.
 */
final class FlickrAlbums {

    /** flickr.photosets.addPhoto: 1 photoset not found, 3 photo already in set. */
    static final int NOT_FOUND = 1;
    static final int ALREADY_IN = 3;
    private static final int PER_PAGE = 500;

    private final FlickrClient client;
    private Map<String, String> byTitle;

    FlickrAlbums(FlickrClient client) {
        this.client = client;
    }

    /**
     * Puts {@code photoIds} into the album titled {@code title}, creating it with the first one when needed.
     * Photos already in it are fine (a retry after a partial failure).
     *
     * @return the album's id
     */
    synchronized String put(String title, List<String> photoIds) throws PublishException {
        String id = find(title);
        int next = 0;
        if (id == null) {
            id = create(title, photoIds.get(0));
            next = 1;
        }
        for (int i = next; i < photoIds.size(); i++) {
            FlickrAnswer answer = add(id, photoIds.get(i));
            if (!answer.ok() && answer.errorCode() == NOT_FOUND) {
                byTitle = null; // deleted on Flickr since the list was read
                id = find(title);
                if (id == null) {
                    id = create(title, photoIds.get(i));
                    continue;
                }
                answer = add(id, photoIds.get(i));
            }
            if (!answer.ok() && answer.errorCode() != ALREADY_IN) {
                throw FlickrErrors.of(answer.errorCode(), answer.errorMessage(), "adding a photo to album '" + title + "'");
            }
        }
        return id;
    }

    private FlickrAnswer add(String albumId, String photoId) throws PublishException {
        return client.callAllowingFailure("flickr.photosets.addPhoto",
                List.of(new Param("photoset_id", albumId), new Param("photo_id", photoId)), "adding a photo to an album");
    }

    private String create(String title, String primaryPhotoId) throws PublishException {
        FlickrAnswer answer = client.call("flickr.photosets.create",
                List.of(new Param("title", title), new Param("primary_photo_id", primaryPhotoId)),
                "creating album '" + title + "'");
        String id = answer.attribute("photoset", "id");
        if (id.isEmpty()) {
            throw PublishException.retryable("flickr: Flickr gave no id for the new album '" + title + "'", null);
        }
        byTitle.put(title, id);
        return id;
    }

    /** The id of the album titled {@code title}, reading the account's list when not known yet; null if none. */
    private String find(String title) throws PublishException {
        if (byTitle == null) {
            Map<String, String> found = new HashMap<>();
            int pages = 1;
            for (int page = 1; page <= pages; page++) {
                FlickrAnswer answer = client.call("flickr.photosets.getList", List.of(new Param("page",
                        Integer.toString(page)), new Param("per_page", Integer.toString(PER_PAGE))), "listing the albums");
                for (JsonNode set : answer.all("photosets", "photoset")) {
                    found.putIfAbsent(FlickrAnswer.textOf(set.path("title")).strip(), set.path("id").asText(""));
                }
                try {
                    pages = Math.min(100, Integer.parseInt(answer.attribute("photosets", "pages")));
                } catch (NumberFormatException e) {
                    pages = 1;
                }
            }
            byTitle = found;
        }
        return byTitle.get(title);
    }
}
