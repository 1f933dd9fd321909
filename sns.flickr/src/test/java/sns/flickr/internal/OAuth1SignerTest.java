package sns.flickr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import sns.flickr.internal.OAuth1Signer.Param;

class OAuth1SignerTest {

    /** RFC 5849 §3.4.1.1: the example request's signature base string, byte for byte. */
    @Test
    void rfc5849BaseStringExample() {
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<Param> params = new ArrayList<>(OAuth1Signer.queryParams(uri));
        params.addAll(OAuth1Signer.formParams("c2&a3=2+q"));
        params.add(new Param("oauth_consumer_key", "9djdj82h48djs9d2"));
        params.add(new Param("oauth_token", "kkk9d7dh3k39sjv7"));
        params.add(new Param("oauth_signature_method", "HMAC-SHA1"));
        params.add(new Param("oauth_timestamp", "137131201"));
        params.add(new Param("oauth_nonce", "7d8f3e4a"));
        params.add(new Param("oauth_signature", "djosJKDKJSD8743243/jdk33klY=")); // never part of the base string
        assertEquals("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
                + "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
                OAuth1Signer.baseString("post", uri, params));
    }

    /** RFC 5849 §3.4.1.2: scheme and host lower case, default port dropped, other ports kept, no query. */
    @Test
    void rfc5849BaseStringUriExamples() {
        assertEquals("http://example.com/r%20v/X", OAuth1Signer.baseUri(URI.create("http://EXAMPLE.COM:80/r%20v/X?id=123")));
        assertEquals("https://www.example.net:8080/", OAuth1Signer.baseUri(URI.create("https://www.example.net:8080/?q=1")));
        assertEquals("https://up.flickr.com/services/upload/",
                OAuth1Signer.baseUri(URI.create("https://up.flickr.com:443/services/upload/#x")));
        assertEquals("http://127.0.0.1:8123/", OAuth1Signer.baseUri(URI.create("http://127.0.0.1:8123")));
    }

    /** RFC 5849 §1.2: the signed request for Jane's vacation photo, signature MdpQcU8iPSUjWoN/UDMsK2sui9I=. */
    @Test
    void rfc5849PhotoRequestSignature() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        List<Param> params = new ArrayList<>(OAuth1Signer.queryParams(uri));
        params.add(new Param("oauth_consumer_key", "dpf43f3p2l4k3l03"));
        params.add(new Param("oauth_token", "nnch734d00sl2jdk"));
        params.add(new Param("oauth_signature_method", "HMAC-SHA1"));
        params.add(new Param("oauth_timestamp", "137131202"));
        params.add(new Param("oauth_nonce", "chapoH"));
        String base = OAuth1Signer.baseString("GET", uri, params);
        assertEquals("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key"
                + "%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1"
                + "%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal", base);
        assertEquals("MdpQcU8iPSUjWoN/UDMsK2sui9I=", OAuth1Signer.signature(base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
    }

    /**
     * Flickr's "Signing Requests" example on https://www.flickr.com/services/api/auth.oauth.html: the request token
     * call with nonce 95613465 and timestamp 1305586162, signature 7w18YS2bONDPL/zgyzP5XTr5af4=. Flickr's page
     * prints the base string and the signature but not the consumer secret; a9567d986a7539fe is the secret that
     * flickcurl's test of the same example uses, and with it HMAC-SHA1 gives exactly Flickr's signature.
     */
    @Test
    void flickrRequestTokenExample() {
        OAuth1Signer signer = new OAuth1Signer("653e7a6ecc1d528c516cc8f92cf98611", "a9567d986a7539fe", "", "",
                () -> "95613465", () -> 1305586162L);
        URI uri = URI.create("http://www.flickr.com/services/oauth/request_token");
        Map<String, String> oauth = signer.protocolParams(Map.of("oauth_callback", "http://www.example.com"));
        List<Param> params = new ArrayList<>();
        oauth.forEach((k, v) -> params.add(new Param(k, v)));
        String base = OAuth1Signer.baseString("GET", uri, params);
        assertEquals("GET&http%3A%2F%2Fwww.flickr.com%2Fservices%2Foauth%2Frequest_token&oauth_callback%3Dhttp%253A%252F"
                + "%252Fwww.example.com%26oauth_consumer_key%3D653e7a6ecc1d528c516cc8f92cf98611%26oauth_nonce%3D95613465"
                + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1305586162%26oauth_version%3D1.0", base);
        assertEquals("7w18YS2bONDPL/zgyzP5XTr5af4=", OAuth1Signer.signature(base, "a9567d986a7539fe", ""));

        String header = signer.authorization("GET", uri, List.of(), Map.of("oauth_callback", "http://www.example.com"));
        assertEquals("OAuth oauth_consumer_key=\"653e7a6ecc1d528c516cc8f92cf98611\", oauth_nonce=\"95613465\", "
                + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1305586162\", oauth_version=\"1.0\", "
                + "oauth_callback=\"http%3A%2F%2Fwww.example.com\", oauth_signature=\"7w18YS2bONDPL%2FzgyzP5XTr5af4%3D\"",
                header);
    }

    @Test
    void percentEncodingFollowsRfc3986() {
        assertEquals("abcABC123-._~", OAuth1Signer.encode("abcABC123-._~"));
        assertEquals("%20%21%2A%27%28%29%2B%2C%2F%3A%3D%26%25", OAuth1Signer.encode(" !*'()+,/:=&%"));
        assertEquals("%C3%A9%F0%9F%93%B7", OAuth1Signer.encode("é📷"));
    }

    @Test
    void duplicateNamesAreSortedByValue() {
        assertEquals("a=1&a=2&a=x%20y&b=", OAuth1Signer.normalized(List.of(new Param("b", ""), new Param("a", "x y"),
                new Param("a", "2"), new Param("a", "1"))));
    }

    @Test
    void tokenSecretIsPartOfTheKeyAndSecretsStayOutOfToString() {
        OAuth1Signer a = new OAuth1Signer("key", "secret", "tok", "ts1", () -> "n", () -> 1L);
        OAuth1Signer b = a.withToken("tok", "ts2");
        URI uri = URI.create("https://api.flickr.com/services/rest/");
        String ha = a.authorization("POST", uri, List.of(new Param("method", "flickr.test.login")), Map.of());
        String hb = b.authorization("POST", uri, List.of(new Param("method", "flickr.test.login")), Map.of());
        assertFalse(ha.equals(hb), "a different token secret gives a different signature");
        assertTrue(ha.contains("oauth_token=\"tok\""));
        assertFalse(a.toString().contains("secret") || a.toString().contains("ts1"), a.toString());
    }
}
