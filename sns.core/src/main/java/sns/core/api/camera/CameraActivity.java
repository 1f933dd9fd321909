package sns.core.api.camera;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** What the cameras have been doing, for the Web Console: which cameras were seen, which logins are live. */
@ProviderType
public interface CameraActivity {

    /** The cameras seen since the bridge started, most recent first (a bounded list: the newest few dozen). */
    List<CameraSeen> camerasSeen();

    /** The camera logins that have not expired, most recently used first. */
    List<SessionView> sessions();

    /**
     * The configured routes, sorted by key; entries that are not {@code action[.instance]} are left out (their key
     * takes the default: {@code store} for a site, {@code email} for a recipient).
     */
    List<RouteView> routes();
}
