package sns.console.internal.page;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the owner reads them: local time of the stick, to the second. */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Times() {
    }

    static String of(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant.atZone(ZoneId.systemDefault()));
    }
}
