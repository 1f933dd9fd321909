package sns.flickr.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a request signing with HMAC-SHA1 (RFC 5849 §3), the only method Flickr accepts. One signer holds the
 * client credentials (Flickr's API key and secret) and, once the owner has linked an account, the token
 * credentials; the temporary request token of a login is signed with a signer of its own.
 *
 * <p>Nonce and timestamp come from suppliers so that the RFC's and Flickr's published examples can be reproduced
 * byte for byte in tests. Secrets are never part of {@link #toString()} or of any message.
 */
final class OAuth1Signer {

    /** A request parameter (query, form field or {@code oauth_*}); names may repeat. */
    record Param(String name, String value) {
        Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String consumerKey;
    private final String consumerSecret;
    private final String token;
    private final String tokenSecret;
    private final Supplier<String> nonces;
    private final LongSupplier seconds;

    OAuth1Signer(String consumerKey, String consumerSecret, String token, String tokenSecret,
            Supplier<String> nonces, LongSupplier seconds) {
        this.consumerKey = Objects.requireNonNull(consumerKey, "consumerKey");
        this.consumerSecret = Objects.requireNonNull(consumerSecret, "consumerSecret");
        this.token = token == null ? "" : token;
        this.tokenSecret = tokenSecret == null ? "" : tokenSecret;
        this.nonces = nonces;
        this.seconds = seconds;
    }

    /** A signer with random nonces and the system clock. */
    static OAuth1Signer of(String consumerKey, String consumerSecret, String token, String tokenSecret) {
        return new OAuth1Signer(consumerKey, consumerSecret, token, tokenSecret, OAuth1Signer::randomNonce,
                () -> System.currentTimeMillis() / 1000);
    }

    /** The same client, with other token credentials (a request token during login, the access token after). */
    OAuth1Signer withToken(String newToken, String newTokenSecret) {
        return new OAuth1Signer(consumerKey, consumerSecret, newToken, newTokenSecret, nonces, seconds);
    }

    static String randomNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * The {@code oauth_*} protocol parameters of one request (RFC 5849 §3.1), without the signature:
     * consumer key, nonce, signature method, timestamp, token (when there is one), version, then {@code extra}
     * ({@code oauth_callback}, {@code oauth_verifier}).
     */
    Map<String, String> protocolParams(Map<String, String> extra) {
        Map<String, String> oauth = new LinkedHashMap<>();
        oauth.put("oauth_consumer_key", consumerKey);
        oauth.put("oauth_nonce", nonces.get());
        oauth.put("oauth_signature_method", "HMAC-SHA1");
        oauth.put("oauth_timestamp", Long.toString(seconds.getAsLong()));
        if (!token.isEmpty()) {
            oauth.put("oauth_token", token);
        }
        oauth.put("oauth_version", "1.0");
        oauth.putAll(extra);
        return oauth;
    }

    /**
     * The {@code Authorization} header value for a request.
     *
     * @param method the HTTP method
     * @param uri the request URI; its query parameters are signed
     * @param formParams the {@code application/x-www-form-urlencoded} body fields, or the text fields of a
     *     multipart upload that the service signs (Flickr: every field but {@code photo})
     * @param extraOauth {@code oauth_callback} or {@code oauth_verifier} where the step needs them, else empty
     */
    String authorization(String method, URI uri, List<Param> formParams, Map<String, String> extraOauth) {
        Map<String, String> oauth = protocolParams(extraOauth);
        List<Param> all = new ArrayList<>(queryParams(uri));
        all.addAll(formParams);
        oauth.forEach((k, v) -> all.add(new Param(k, v)));
        oauth.put("oauth_signature", signature(baseString(method, uri, all), consumerSecret, tokenSecret));
        return header(oauth);
    }

    /** {@code OAuth k="v", ...}, every name and value percent-encoded (RFC 5849 §3.5.1). */
    static String header(Map<String, String> oauth) {
        StringBuilder out = new StringBuilder("OAuth ");
        oauth.forEach((k, v) -> {
            if (out.length() > 6) {
                out.append(", ");
            }
            out.append(encode(k)).append("=\"").append(encode(v)).append('"');
        });
        return out.toString();
    }

    /**
     * The signature base string (RFC 5849 §3.4.1): method in upper case, the encoded base string URI, the encoded
     * normalised parameters. {@code params} must hold every query, form and {@code oauth_*} parameter (without
     * {@code oauth_signature}, which is left out if present).
     */
    static String baseString(String method, URI uri, List<Param> params) {
        return method.toUpperCase(Locale.ROOT) + '&' + encode(baseUri(uri)) + '&' + encode(normalized(params));
    }

    /**
     * The base string URI (RFC 5849 §3.4.1.2): scheme and host in lower case, the port only when it is not the
     * scheme's default, the path as sent (an empty path is {@code /}), no query and no fragment.
     */
    static String baseUri(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /**
     * The normalised parameters (RFC 5849 §3.4.1.3.2): each name and value encoded, sorted by encoded name and,
     * for equal names, by encoded value, joined as {@code name=value} with {@code &}.
     */
    static String normalized(List<Param> params) {
        List<String[]> encoded = new ArrayList<>();
        for (Param p : params) {
            if (!p.name().equals("oauth_signature")) {
                encoded.add(new String[] {encode(p.name()), encode(p.value())});
            }
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : encoded) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    /** HMAC-SHA1 of the base string with key {@code consumerSecret&tokenSecret}, Base64 (RFC 5849 §3.4.2). */
    static String signature(String baseString, String consumerSecret, String tokenSecret) {
        String key = encode(consumerSecret) + '&' + encode(tokenSecret);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /** The query parameters of {@code uri}, decoded ({@code +} is a space in a form-encoded query). */
    static List<Param> queryParams(URI uri) {
        return formParams(uri.getRawQuery());
    }

    /** The pairs of an {@code application/x-www-form-urlencoded} text, decoded; a name without {@code =} has value "". */
    static List<Param> formParams(String raw) {
        List<Param> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new Param(decode(name), decode(value)));
        }
        return out;
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /**
     * Percent-encoding of RFC 5849 §3.6 (RFC 3986 unreserved characters kept): the UTF-8 bytes of every character
     * but {@code A-Z a-z 0-9 - . _ ~} become {@code %XX} with upper-case hex digits.
     */
    static String encode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Form encoding for a request body or query: the same as {@link #encode}, which every server accepts. */
    static String form(List<Param> params) {
        StringBuilder out = new StringBuilder();
        for (Param p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(encode(p.name())).append('=').append(encode(p.value()));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "OAuth1Signer[" + consumerKey + (token.isEmpty() ? "" : ", with token") + "]";
    }
}
