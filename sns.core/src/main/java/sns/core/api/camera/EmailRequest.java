package sns.core.api.camera;

import java.util.List;

/**
 * The camera's "send by e-mail", parsed from the multipart body of {@code POST /social/columbus/email}.
 *
 * @param sender the raw {@code sender} element ({@code Name <addr>} or an address)
 * @param recipients the {@code receiver} texts, trimmed, in the camera's order
 * @param subject the {@code title}
 * @param body the {@code body} with the camera's UI-language marker removed
 * @param attachments the {@code binary} parts, already on disk
 * @param camera what the camera said about itself (User-Agent), for the log
 */
public record EmailRequest(String sender, List<String> recipients, String subject, String body,
        List<StagedFile> attachments, String camera) {

    /** Copies the lists. */
    public EmailRequest {
        recipients = List.copyOf(recipients);
        attachments = List.copyOf(attachments);
    }
}
