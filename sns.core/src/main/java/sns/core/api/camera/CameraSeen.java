package sns.core.api.camera;

import java.time.Instant;

/**
 * A camera the bridge heard from: what the console's "cameras seen" table shows. Every text is what the camera
 * sent, so it is untrusted and must be escaped wherever it is shown.
 *
 * @param sender the address the camera used (its whitelisted user, or the refused address)
 * @param model the camera's model (the announcement's album) or its User-Agent, empty if it sent neither
 * @param lastSeen when it last made a request
 * @param lastRequest what it did last: {@code login}, {@code upload}, {@code e-mail}, {@code refused login}, ...
 * @param allowed whether the sender is on the whitelist (a refused camera shows up too, so its owner can see
 *     which address to allow)
 */
public record CameraSeen(String sender, String model, Instant lastSeen, String lastRequest, boolean allowed) {
}
