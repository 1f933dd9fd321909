package sns.core.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import sns.core.api.config.ConfigImport;
import sns.core.api.config.ImportReport;
import sns.core.api.config.InstanceSettingsStore;
import sns.core.internal.home.HomeLocator;

/**
 * Imports the reference server's {@code config.toml} at start, when one is named by the {@code CONFIG}
 * environment variable (as the reference server reads it) or the {@code --config FILE} option. The file is the
 * source of truth then: the configurations it names are rewritten at every start, others are left alone.
 */
@Component(service = ConfigImport.class, immediate = true)
public final class ReferenceConfigImporter implements ConfigImport {

    static final String ENVIRONMENT = "CONFIG";
    static final String OPTION = "--config";
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceConfigImporter.class);

    private final InstanceSettingsStore store;

    @Activate
    public ReferenceConfigImporter(@Reference InstanceSettingsStore store) {
        this.store = store;
        Optional<String> named = HomeLocator.option(HomeLocator.commandLine(), OPTION)
                .or(() -> Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(s -> !s.isBlank()));
        named.ifPresent(file -> importFile(Path.of(file).toAbsolutePath(), store));
    }

    static void importFile(Path file, InstanceSettingsStore store) {
        try (InputStream in = Files.newInputStream(file)) {
            ImportReport report = importStream(in, store);
            report.warnings().forEach(w -> LOG.warn("{}: {}", file, w));
            LOG.info("Imported {} ({} configurations)", file, report.configurations().size());
        } catch (IOException | RuntimeException e) {
            // a broken file must not stop the bridge: it keeps running on the configuration it had
            LOG.error("Cannot import {}: {}", file, e.getMessage());
        }
    }

    @Override
    public ImportReport importToml(InputStream toml) throws IOException {
        ImportReport report = importStream(toml, store);
        report.warnings().forEach(w -> LOG.warn("Uploaded config.toml: {}", w));
        LOG.info("Imported an uploaded config.toml into {}", report.configurations());
        return report;
    }

    /** Parses all of it first, so a broken file changes nothing. */
    static ImportReport importStream(InputStream in, InstanceSettingsStore store) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("config.toml is larger than " + MAX_BYTES / 1024 + " KiB");
        }
        Map<String, Object> toml;
        try {
            toml = new TomlMapper().readValue(bytes, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a valid config.toml: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (toml == null) {
            throw new IllegalArgumentException("config.toml is empty");
        }
        ReferenceConfigTranslator.Translation translation = ReferenceConfigTranslator.translate(toml);
        for (Map.Entry<String, Map<String, Object>> e : translation.configurations().entrySet()) {
            apply(store, e.getKey(), e.getValue());
        }
        return new ImportReport(List.copyOf(translation.configurations().keySet()), translation.warnings());
    }

    /**
     * Keys the file does not name keep their values: a token stored by the console's login survives an edit of the
     * file's other settings (the .deb imports /etc/sns-bridge/config.toml at every start); an unchanged
     * configuration is not written again.
     */
    private static void apply(InstanceSettingsStore store, String pid, Map<String, Object> properties)
            throws IOException {
        int tilde = pid.indexOf('~');
        store.store(tilde < 0 ? pid : pid.substring(0, tilde), tilde < 0 ? "" : pid.substring(tilde + 1), properties);
    }
}
