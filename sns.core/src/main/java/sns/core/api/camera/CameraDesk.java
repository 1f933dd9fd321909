package sns.core.api.camera;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The core's answers to a camera, as an OSGi service used by sns.http. Each method is called once per camera
 * request, after the request was parsed, and returns what to answer; none throws for bad camera input.
 */
@ProviderType
public interface CameraDesk {

    /**
     * A social login ({@code POST /{site}/auth}, Method="login"): decrypts the credentials, checks the whitelist and
     * opens a session.
     *
     * @return {@link Verdict.Kind#OK} with the new session key, {@link Verdict.Kind#UNAUTHORIZED} ("Login failed")
     *     or {@link Verdict.Kind#BAD_REQUEST} for credentials that cannot be decrypted
     */
    Verdict login(LoginRequest request);

    /**
     * Whether {@code address} is an allowed camera user. Used for the NX300's Samsung-account login, whose answer
     * format nobody knows: allowed users get a server error (try again), others a refusal.
     */
    boolean isAllowedCamera(String address);

    /**
     * Whether {@code sessionKey} names a live session; used before a PUT body is read, so a camera with an expired
     * session is told so without uploading megabytes first.
     */
    boolean hasSession(String sessionKey);

    /**
     * Whether a request body of {@code declaredBytes} may be received now (-1: length unknown). Asked before the
     * body of a PUT or an e-mail is read: a full spool or disk is answered at once, never half-way through a video.
     *
     * @return {@link Verdict.Kind#OK}, {@link Verdict.Kind#TOO_LARGE} or {@link Verdict.Kind#UNAVAILABLE}
     */
    Verdict admit(long declaredBytes);

    /**
     * A photo or video announcement ({@code POST /{site}/photo|video}): remembers album, file name and text in the
     * session.
     *
     * @return {@link Verdict.Kind#OK} with the file name to PUT to (reduced to one safe path component), or {@link Verdict.Kind#UNAUTHORIZED}
     *     ("Session expired")
     */
    Verdict announce(Announcement announcement);

    /**
     * The file of an announced upload ({@code PUT /upload/{session}/{file}}), already streamed to
     * {@code upload.stagedFile()}. On {@link Verdict.Kind#OK} the desk has taken the file over (it is part of a job
     * or stored); on any other verdict the caller deletes it.
     */
    Verdict upload(Upload upload);

    /**
     * The camera's "send by e-mail" ({@code POST /social/columbus/email}), its photos already streamed to staged
     * files. On {@link Verdict.Kind#OK} the desk has taken the files over; otherwise the caller deletes them.
     */
    Verdict email(EmailRequest request);

    /**
     * A new, empty file inside the data folder to stream a request body into, on the same file system as the
     * outbox so that accepting it is a rename.
     *
     * @throws IOException when it cannot be created, for example because the disk is full
     */
    Path newStagedFile() throws IOException;
}
