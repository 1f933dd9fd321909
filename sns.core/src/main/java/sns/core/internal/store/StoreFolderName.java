package sns.core.internal.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The folder under {@code UPLOAD_FOLDER} where the {@code store} action puts a camera user's photos
 * (docs/protocol.md §10): {@code base64url(HMAC-SHA256(key=SECRET, msg=address)[0..15])}, 20 characters.
 *
 * <p>The name is unguessable without {@code SECRET}, so the upload folder can be served read-only over HTTP
 * without listing whose photos are where. It is the reference server's scheme, kept bit for bit so folders made by
 * an existing installation stay where they are. The address is hashed exactly as the camera typed it: the
 * reference does not normalise case either.
 */
public final class StoreFolderName {

    /** HMAC bytes kept: 15 bytes encode to exactly 20 base64 characters, with no {@code =} padding. */
    private static final int KEPT_BYTES = 15;
    /**
     * Names already computed, by secret and address: a stick serves a handful of cameras, and every delivery to
     * {@code store} needs its folder, so the HMAC (and the JCA provider lookup behind {@code Mac.getInstance}, under
     * a JDK-wide lock) is computed once per camera user, not per photo. Emptied when it grows past this many.
     */
    private static final int MAX_REMEMBERED = 256;
    private static final Map<List<String>, String> NAMES = new ConcurrentHashMap<>();

    private StoreFolderName() {
    }

    /**
     * @param secret the {@code SECRET} setting; must not be empty, or every installation would share folder names
     * @param address the login name (social upload) or sender address (e-mail)
     * @return 20 characters of {@code [A-Za-z0-9_-]}
     * @throws IllegalArgumentException if {@code secret} is empty
     */
    public static String of(String secret, String address) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("SECRET must not be empty: it keeps store folder names unguessable");
        }
        List<String> key = List.of(secret, address);
        String name = NAMES.get(key);
        if (name == null) {
            if (NAMES.size() >= MAX_REMEMBERED) {
                NAMES.clear();
            }
            name = hmac(secret, address);
            NAMES.put(key, name);
        }
        return name;
    }

    private static String hmac(String secret, String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(address.getBytes(UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, KEPT_BYTES));
        } catch (GeneralSecurityException e) {
            // Every JDK ships HmacSHA256, and a non-empty key is always valid for it.
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
