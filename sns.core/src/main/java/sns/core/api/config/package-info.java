/**
 * Importing a reference server's {@code config.toml} into the bridge's configurations, for the Web Console's
 * upload form (the same translation the {@code --config} option and the {@code CONFIG} variable use at start).
 */
@Export
@Version("1.0.0")
package sns.core.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
