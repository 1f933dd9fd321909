/**
 * The bridge's configurations as seen from outside a destination bundle: importing a reference server's
 * {@code config.toml} ({@link sns.core.api.config.ConfigImport}, for the Web Console's upload form; the
 * {@code --config} option and the {@code CONFIG} variable use the same translation at start) and storing the
 * settings of destination instances, secrets found from the destinations' Metatype
 * ({@link sns.core.api.config.InstanceSettingsStore}, for the import and the console's login).
 */
@Export
@Version("1.0.0")
package sns.core.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
