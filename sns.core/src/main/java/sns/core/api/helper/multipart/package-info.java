/**
 * Helpers, not contracts: the lenient multipart/form-data parser that reads what the cameras send ({@code sns.http}, and
 * the console's config.toml upload in {@code sns.console}), streaming file parts to disk.
 */
@Export
@Version("1.0.0")
package sns.core.api.helper.multipart;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
