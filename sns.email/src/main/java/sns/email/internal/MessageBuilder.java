package sns.email.internal;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import sns.core.api.Media;
import sns.core.api.Post;
import sns.core.api.PublishException;

/**
 * Turns a {@link Post} into a MIME message: text body plus one attachment per medium, streamed from disk when
 * the message is written. Everything the camera typed that ends up in a header (subject, file names) loses its
 * CR/LF first, so nothing it sends can add a header; non-ASCII text is encoded (RFC 2047 subject, RFC 2231 file
 * names) by Jakarta Mail.
 */
final class MessageBuilder {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private MessageBuilder() {
    }

    /**
     * A message whose {@code Message-ID} is derived from the job id and survives {@code saveChanges()}: a retry
     * after a crash carries the same id, so the recipient's mail system can recognise the duplicate.
     */
    static final class JobMessage extends MimeMessage {
        private final String messageId;

        JobMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    /** {@code <jobId@sns-bridge>}, with anything that is not safe in a msg-id replaced. */
    static String messageId(String jobId) {
        return "<" + jobId.replaceAll("[^A-Za-z0-9._+-]", "_") + "@sns-bridge>";
    }

    /**
     * Builds the message.
     *
     * @param fromOverride the configured From, or empty to use the camera's sender
     * @throws PublishException (permanent) for a malformed sender or recipient
     */
    static MimeMessage build(Session session, Post post, List<InternetAddress> to, String fromOverride)
            throws PublishException, MessagingException {
        MimeMessage message = new JobMessage(session, messageId(post.jobId()));
        InternetAddress sender = fromOverride.isEmpty() ? Addresses.parse(post.sender(), "sender") : null;
        if (sender != null) {
            message.setFrom(sender);
        } else {
            // the smarthost only accepts its own From: the camera user still gets the answers
            message.setFrom(Addresses.parse(fromOverride, "From"));
            try {
                message.setReplyTo(new InternetAddress[] {Addresses.parse(post.sender(), "sender")});
            } catch (PublishException notAnAddress) {
                // a social login name is not an address: no Reply-To then, the mail still goes
            }
        }
        message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        message.setSubject(oneLine(post.subject()), UTF_8);
        message.setSentDate(Date.from(post.receivedAt()));

        MimeMultipart multipart = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(post.text(), UTF_8, "plain");
        multipart.addBodyPart(body);
        for (Media media : post.media()) {
            multipart.addBodyPart(attachment(media));
        }
        message.setContent(multipart);
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart attachment(Media media) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new MediaDataSource(media)));
        part.setDisposition(Part.ATTACHMENT);
        part.setFileName(oneLine(media.name()));
        // photos are binary: base64 always, rather than letting Jakarta Mail read the file to guess
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    /** CR, LF and other control characters become spaces: a header value can never be split into two. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString().trim();
    }
}
