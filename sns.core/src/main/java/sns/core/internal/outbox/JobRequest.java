package sns.core.internal.outbox;

import java.util.List;
import java.util.Objects;

import sns.core.api.camera.StagedFile;
import sns.core.internal.desk.PostDraft;

/**
 * What the camera desk asks the outbox to deliver: the post's draft (which names the destination its route chose)
 * and the media as staged files that {@link Outbox#submit} moves into the job.
 *
 * @param media the files, in camera order; each on the outbox's file system so that it can be renamed into the job
 */
public record JobRequest(PostDraft draft, List<StagedFile> media) {

    public JobRequest {
        Objects.requireNonNull(draft, "draft");
        media = List.copyOf(media);
        for (StagedFile m : media) {
            Objects.requireNonNull(m.file(), "media file");
            if (m.size() < 0) {
                throw new IllegalArgumentException("negative media size " + m.size());
            }
        }
    }

    /** The publisher's name ({@code sns.publisher}). */
    public String destination() {
        return draft.route().action();
    }

    /** The route's instance, empty for the default instance. */
    public String instance() {
        return draft.route().instance();
    }

    /** The same request with other media: the files once they are inside the job folder. */
    JobRequest withMedia(List<StagedFile> files) {
        return new JobRequest(draft, files);
    }
}
