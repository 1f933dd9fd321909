package sns.console.internal.page;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import sns.core.api.config.ConfigImport;
import sns.core.api.config.ImportReport;
import sns.core.api.helper.multipart.LenientMultipartParser;
import sns.core.api.helper.multipart.MalformedMultipartException;
import sns.core.api.helper.multipart.MultipartBoundary;
import sns.core.api.helper.multipart.MultipartLimits;
import sns.core.api.helper.multipart.ParsedMultipart;
import sns.core.api.helper.multipart.ParsedPart;
import sns.core.api.helper.multipart.PartTarget;

/**
 * The "import config.toml" form: a plain multipart file upload, read with the bridge's own multipart parser (the
 * console's servlet has no multipart configuration), kept in memory up to {@link ConfigImport#MAX_BYTES}.
 */
final class ConfigUploadForm {

    static final String FILE_FIELD = "configToml";
    private static final MultipartLimits LIMITS = new MultipartLimits(8, 8 * 1024, ConfigImport.MAX_BYTES);

    /** What the form sent. */
    record Upload(String csrfToken, Optional<byte[]> toml) {
    }

    private ConfigUploadForm() {
    }

    static void render(PrintWriter out, String root, CsrfGuard csrf, boolean available) {
        out.println("<h2 id=\"import\">Import a config.toml</h2>");
        if (!available) {
            out.println("<p class=\"sns-empty\">The importer is not running.</p>");
            return;
        }
        out.println("<p>Upload the <code>config.toml</code> of a reference SNS server: its senders, secret, routes "
                + "([ACTIONS]), e-mail and Mastodon settings replace the ones configured here. Keys the bridge does "
                + "not know are listed after the import.</p>");
        out.println("<form method=\"post\" action=\"" + root + "\" enctype=\"multipart/form-data\" "
                + "class=\"sns-import\">" + csrf.hiddenField()
                + "<input type=\"file\" name=\"" + FILE_FIELD + "\" accept=\".toml,text/plain\" required> "
                + "<button type=\"submit\" class=\"ui-button\">Import</button></form>");
    }

    /** Reads the form. @throws IllegalArgumentException with a message for the owner when it is unusable */
    static Upload read(InputStream body, String contentType) throws IOException {
        ParsedMultipart parsed;
        try {
            String boundary = MultipartBoundary.fromContentType(contentType);
            parsed = new LenientMultipartParser(LIMITS).parse(body, boundary,
                    headers -> headers.name().equals(FILE_FIELD) || headers.name().equals(CsrfGuard.FIELD)
                            ? PartTarget.memory() : PartTarget.discard());
        } catch (MalformedMultipartException e) {
            throw new IllegalArgumentException("the upload could not be read (" + e.getMessage() + "); a "
                    + "config.toml may have at most " + ConfigImport.MAX_BYTES / 1024 + " KiB", e);
        }
        String token = parsed.first(CsrfGuard.FIELD).flatMap(ParsedPart::bytes)
                .map(b -> new String(b, StandardCharsets.UTF_8).trim()).orElse(null);
        return new Upload(token, parsed.first(FILE_FIELD).flatMap(ParsedPart::bytes).filter(b -> b.length > 0));
    }

    /** Imports the file; the text for the owner. */
    static String importFile(ConfigImport importer, byte[] toml) throws IOException {
        ImportReport report = importer.importToml(new ByteArrayInputStream(toml));
        StringBuilder text = new StringBuilder("config.toml imported into ");
        text.append(report.configurations().isEmpty() ? "no configuration" : String.join(", ",
                report.configurations()));
        text.append('.');
        for (String warning : report.warnings()) {
            text.append(' ').append(warning).append('.');
        }
        return text.toString();
    }
}
