package sns.core.internal.desk;

import java.util.ArrayList;
import java.util.List;

/**
 * The text typed on the camera, split the way the reference server's Mastodon convention defines:
 * {@code text~alt1~alt2}. The cameras have no field for alt texts, so users type them after tildes.
 *
 * @param text the post text, before the first {@code ~}
 * @param altTexts one alt text per image, trimmed; empty when there is no {@code ~}
 */
record CameraText(String text, List<String> altTexts) {

    static CameraText parse(String typed) {
        String value = typed == null ? "" : typed;
        String[] pieces = value.split("~", -1);
        List<String> alts = new ArrayList<>();
        for (int i = 1; i < pieces.length; i++) {
            alts.add(pieces[i].trim());
        }
        return new CameraText(pieces[0].trim(), List.copyOf(alts));
    }
}
