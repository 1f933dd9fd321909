/**
 * Helpers, not contracts: the camera's text as the bridge reads it ({@link sns.http.helper.text.CameraText})
 * and the one escaper for what the bridge writes into HTML and XML ({@link sns.http.helper.text.Markup}), shared
 * by the camera replies and the console pages of {@code sns.console}.
 */
@Export
@Version("1.0.0")
package sns.http.helper.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
