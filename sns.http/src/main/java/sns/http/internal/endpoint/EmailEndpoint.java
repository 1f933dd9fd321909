package sns.http.internal.endpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import sns.core.api.camera.CameraDesk;
import sns.core.api.camera.EmailRequest;
import sns.core.api.camera.StagedFile;
import sns.core.api.camera.Verdict;
import sns.core.api.helper.multipart.LenientMultipartParser;
import sns.core.api.helper.multipart.MalformedMultipartException;
import sns.core.api.helper.multipart.MultipartBoundary;
import sns.core.api.helper.multipart.MultipartLimits;
import sns.core.api.helper.multipart.ParsedMultipart;
import sns.core.api.helper.multipart.ParsedPart;
import sns.core.api.helper.multipart.PartHeaders;
import sns.core.api.helper.multipart.PartSink;
import sns.core.api.helper.multipart.PartTarget;
import sns.http.internal.reply.CameraReplies;
import sns.http.internal.reply.CameraReply;
import sns.http.internal.xml.EmailMessage;
import sns.http.internal.xml.MalformedCameraRequestException;

/**
 * {@code POST /social/columbus/email}: the camera's "send by e-mail" (docs/protocol.md §9). Photos stream from the
 * multipart body to staged files; the small {@code message} part is read in memory.
 */
final class EmailEndpoint implements Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(EmailEndpoint.class);

    private final CameraDesk desk;
    private final long limit;
    private final MultipartLimits partLimits;

    /**
     * @param limit    the largest body (the photos included)
     * @param xmlLimit the largest {@code message} part: the same limit as every other XML the cameras send
     */
    EmailEndpoint(CameraDesk desk, long limit, int xmlLimit) {
        this.desk = desk;
        this.limit = limit;
        this.partLimits = MultipartLimits.CAMERA_EMAIL.withInMemoryBytes(xmlLimit);
    }

    @Override
    public CameraReply answer(CameraRequest request) throws IOException {
        if (!request.method().equals("POST")) {
            return CameraReplies.emailGetRedirect();
        }
        RequestBody.checkDeclared(request, limit);
        Verdict room = desk.admit(request.contentLength());
        if (!room.isOk()) {
            return VerdictReplies.refusal(room);
        }
        Staging staging = new Staging();
        boolean handedOver = false;
        try {
            String boundary = MultipartBoundary.fromContentType(request.contentType());
            ParsedMultipart parsed = new LenientMultipartParser(partLimits)
                    .parse(new LimitedInputStream(request.body(), limit), boundary, staging);
            Optional<byte[]> message = parsed.first("message").flatMap(ParsedPart::bytes);
            if (message.isEmpty()) {
                return CameraReplies.noMessagePart();
            }
            EmailMessage mail = EmailMessage.parse(message.get());
            LOG.info("{}: e-mail from '{}' to {} with {} photos (DUID {})", request, mail.sender(), mail.receivers(),
                    staging.files.size(), request.query("DUID"));
            Verdict verdict = desk.email(new EmailRequest(mail.sender(), mail.receivers(), mail.title(), mail.body(),
                    staging.files, request.userAgent()));
            handedOver = verdict.isOk();
            if (!verdict.isOk()) {
                return verdict.kind() == Verdict.Kind.UNAUTHORIZED ? CameraReplies.senderNotWhitelisted()
                        : VerdictReplies.refusal(verdict);
            }
            return CameraReplies.statusSucc();
        } catch (MalformedMultipartException e) {
            LOG.info("{}: {}", request, e.getMessage());
            return e.problem() == MalformedMultipartException.Problem.PART_TOO_LARGE ? CameraReplies.requestTooLarge()
                    : CameraReplies.badRequest(e.getMessage());
        } catch (MalformedCameraRequestException e) {
            LOG.info("{}: {}", request, e.getMessage());
            return CameraReplies.badRequest(e.getMessage());
        } finally {
            if (!handedOver) {
                staging.discard();
            }
        }
    }

    /** Sends {@code binary} parts to staged files, keeps {@code message} in memory, skips the rest. */
    private final class Staging implements PartSink {
        final List<StagedFile> files = new ArrayList<>();
        final List<Path> created = new ArrayList<>();
        private Path current;

        @Override
        public PartTarget open(PartHeaders headers) throws IOException {
            if ("message".equals(headers.name())) {
                return PartTarget.memory();
            }
            if (!"binary".equals(headers.name())) {
                return PartTarget.discard();
            }
            current = desk.newStagedFile();
            created.add(current);
            Path file = current;
            OutputStream out = new CountingOutputStream(Files.newOutputStream(file), size -> files.add(
                    new StagedFile(headers.fileName() == null ? "photo.jpg" : headers.fileName(),
                            headers.contentType() == null ? "" : headers.contentType(), file, size)));
            return PartTarget.stream(out);
        }

        @Override
        public void abandoned(PartHeaders headers) {
            files.removeIf(f -> f.file().equals(current));
        }

        void discard() {
            for (Path p : created) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("Cannot delete {}: {}", p, e.toString());
                }
            }
        }
    }
}
