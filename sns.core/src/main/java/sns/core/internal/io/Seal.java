package sns.core.internal.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The last line of a record the bridge writes without forcing it in order: {@code seal=} and the CRC-32C of every
 * byte before it. After a power cut of the LTE stick a record may hold some of its new sectors and some old or
 * unwritten ones; a whole record is told apart from such a mix by its seal. Used by the outbox's manifest, a job's
 * state and a camera's session, all {@code name=value} lines.
 */
public final class Seal {

    private static final byte[] PREFIX = "seal=".getBytes(StandardCharsets.US_ASCII);

    private Seal() {
    }

    /** {@code body} (whole lines, ending in a newline) followed by its seal line. */
    public static byte[] append(byte[] body) {
        byte[] seal = ("seal=" + hex(body, body.length) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] sealed = Arrays.copyOf(body, body.length + seal.length);
        System.arraycopy(seal, 0, sealed, body.length, seal.length);
        return sealed;
    }

    /**
     * Whether the last line of {@code record} (which ends in a newline) is a seal matching every byte before it.
     * A record that is not whole (torn, mixed with an older one, cut short) has no matching seal.
     */
    public static boolean holds(byte[] record) {
        int end = record.length - 1;
        if (end < 0 || record[end] != '\n') {
            return false;
        }
        int start = end;
        while (start > 0 && record[start - 1] != '\n') {
            start--;
        }
        byte[] expected = ("seal=" + hex(record, start)).getBytes(StandardCharsets.US_ASCII);
        return Arrays.equals(record, start, end, expected, 0, expected.length);
    }

    /** Whether {@code record} holds a seal line anywhere: a record of an unsealed format holding one is a mix. */
    public static boolean anyIn(byte[] record) {
        for (int i = 0; i + PREFIX.length <= record.length; i++) {
            if ((i == 0 || record[i - 1] == '\n') && Arrays.equals(record, i, i + PREFIX.length, PREFIX, 0,
                    PREFIX.length)) {
                return true;
            }
        }
        return false;
    }

    private static String hex(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
