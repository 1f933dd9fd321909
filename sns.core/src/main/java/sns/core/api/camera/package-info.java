/**
 * The camera side of the core: what the camera-facing HTTP bundle asks once it has parsed a request.
 *
 * <p>sns.http knows the wire (hosts, paths, quirks, byte-exact replies); {@link sns.core.api.camera.CameraDesk}
 * knows the rules (whitelist, credentials, sessions, routes, jobs). Every call returns a
 * {@link sns.core.api.camera.Verdict} that sns.http turns into the protocol's reply. Destinations never use this
 * package.
 */
@Export
@Version("1.1.0")
package sns.core.api.camera;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
