/**
 * What the outbox holds and does, for the Web Console page and for tests: every job with its state, and the
 * operations a camera owner needs (retry a failed job, discard one).
 */
@Export
@Version("1.0.0")
package sns.core.api.outbox;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
