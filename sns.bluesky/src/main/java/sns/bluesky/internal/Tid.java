package sns.bluesky.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The record key of a post: a TID (AT Protocol "timestamp identifier", 13 characters of base32-sortable: a zero
 * bit, 53 bits of microseconds since 1970, 10 bits of clock id), derived from the outbox job id instead of the
 * clock. A retry of the same job after a crash - between an upload and the post, or after the post but before the
 * outbox heard of it - sends the same key, so the repository keeps one post, never two.
 *
 * <p>The seconds are the job's own (its id starts with the UTC time it was accepted, {@code 20261124T225959Z-...});
 * the microseconds within that second and the clock id come from a hash of the whole id, so two jobs of the same
 * second get different keys. Part {@code n} of a thread adds {@code n} microseconds.
 */
final class Tid {

    static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    static final Pattern SYNTAX = Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");
    private static final Pattern JOB_TIME = Pattern.compile("([0-9]{8}T[0-9]{6}Z)-.*");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private Tid() {
    }

    /**
     * The key of part {@code part} (0 for the first post of a thread) of job {@code jobId}.
     *
     * @param accepted when the job was accepted, used only when the job id carries no time
     */
    static String of(String jobId, int part, Instant accepted) {
        byte[] hash = sha256(jobId);
        long seconds = seconds(jobId, accepted);
        // room for the parts of a thread: a job never has close to 1000 of them
        long micros = seconds * 1_000_000L + Math.floorMod(readLong(hash, 0), 999_000L) + part;
        long clockId = readLong(hash, 8) & 0x3FF;
        return encode((micros << 10) | clockId);
    }

    static String encode(long value) {
        char[] out = new char[13];
        long v = value & Long.MAX_VALUE;
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (v & 31));
            v >>>= 5;
        }
        return new String(out);
    }

    private static long seconds(String jobId, Instant accepted) {
        var m = JOB_TIME.matcher(jobId);
        if (m.matches()) {
            try {
                return LocalDateTime.parse(m.group(1), TIME).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException notATime) {
                // fall through to the acceptance time
            }
        }
        return accepted.getEpochSecond();
    }

    private static long readLong(byte[] b, int from) {
        long v = 0;
        for (int i = from; i < from + 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v & Long.MAX_VALUE;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
