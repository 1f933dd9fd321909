package sns.core.internal.desk;

import java.io.IOException;
import java.util.List;

import sns.core.api.camera.StagedFile;

/** Where the desk hands accepted posts: the outbox. */
public interface JobSink {

    /**
     * Makes a durable job of {@code draft} with {@code media}, moving the staged files into it. Returns only when
     * the job is safely on disk, so the camera may be told "succ".
     *
     * @return the job id
     * @throws IOException when the job could not be written; staged files not yet moved stay where they were
     */
    String submit(PostDraft draft, List<StagedFile> media) throws IOException;

    /**
     * Whether a camera body of {@code declaredBytes} (-1: unknown) may be received now: refused with
     * {@link sns.core.api.camera.Verdict.Kind#UNAVAILABLE} when the spool or the disk is full, so the camera is told
     * before it sends, and nothing queued is touched.
     */
    sns.core.api.camera.Verdict admit(long declaredBytes);
}
