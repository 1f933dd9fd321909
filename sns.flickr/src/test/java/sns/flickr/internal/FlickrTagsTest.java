package sns.flickr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class FlickrTagsTest {

    @Test
    void hashtagsAreWordsAfterAHash() {
        assertEquals(List.of("Sunset", "Straße_2026", "東京"),
                FlickrTags.hashtags("#Sunset at the lake, C#minor, &#35;no, ##, #Straße_2026! #東京"));
    }

    @Test
    void fieldQuotesMultiWordTagsAndDropsRepeats() {
        assertEquals("lake \"Samsung camera\" snsbridge:job=abc", FlickrTags.field(List.of("lake", " Samsung  camera ",
                "LAKE", "", "\"", "snsbridge:job=abc")));
        assertEquals(List.of("lake", "Samsung camera", "x"), FlickrTags.parse("lake \"Samsung camera\" x"));
    }

    @Test
    void machineTagsAreLowerCase() {
        assertEquals("snsbridge:job=20261125t011500z3f9a0c17e2b4d5a6",
                FlickrTags.jobTag("20261125T011500Z-3f9a0c17e2b4d5a6"));
        assertEquals("snsbridge:part=2", FlickrTags.partTag(2));
    }
}
