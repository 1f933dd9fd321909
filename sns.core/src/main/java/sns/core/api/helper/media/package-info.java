/**
 * What a photo says about itself, for destinations that file photos into folders: the capture time and camera model
 * from its EXIF block ({@link sns.core.api.helper.media.PhotoFacts}, read by {@link sns.core.api.helper.media.ExifReader}, which
 * the console also uses for thumbnails) and folder patterns such as {@code {yyyy}/{yyyy-MM-dd}}
 * filled from them ({@link sns.core.api.helper.media.FolderPattern}). The built-in {@code store} and the WebDAV
 * destination use the same classes, so a pattern means the same thing everywhere.
 */
@Export
@Version("1.0.0")
package sns.core.api.helper.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
