package sns.core.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import sns.core.internal.home.HomeLocator;

/**
 * Imports the reference server's {@code config.toml} at start, when one is named by the {@code CONFIG}
 * environment variable (as the reference server reads it) or the {@code --config FILE} option. The file is the
 * source of truth then: the configurations it names are rewritten at every start, others are left alone.
 */
@Component
public final class ReferenceConfigImporter {

    static final String ENVIRONMENT = "CONFIG";
    static final String OPTION = "--config";
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceConfigImporter.class);

    @Activate
    public ReferenceConfigImporter(BundleContext context, @Reference ConfigurationAdmin configurationAdmin) {
        Optional<String> named = HomeLocator.option(HomeLocator.commandLine(), OPTION)
                .or(() -> Optional.ofNullable(System.getenv(ENVIRONMENT)).filter(s -> !s.isBlank()));
        named.ifPresent(file -> importFile(Path.of(file).toAbsolutePath(), configurationAdmin));
    }

    static void importFile(Path file, ConfigurationAdmin configurationAdmin) {
        try {
            Map<String, Object> toml = new TomlMapper().readValue(Files.newInputStream(file),
                    new TypeReference<Map<String, Object>>() { });
            ReferenceConfigTranslator.Translation translation = ReferenceConfigTranslator.translate(toml);
            for (Map.Entry<String, Map<String, Object>> e : translation.configurations().entrySet()) {
                apply(configurationAdmin, e.getKey(), e.getValue());
            }
            translation.warnings().forEach(w -> LOG.warn("{}: {}", file, w));
            LOG.info("Imported {} ({} configurations)", file, translation.configurations().size());
        } catch (IOException | RuntimeException e) {
            // a broken file must not stop the bridge: it keeps running on the configuration it had
            LOG.error("Cannot import {}: {}", file, e.getMessage());
        }
    }

    private static void apply(ConfigurationAdmin admin, String pid, Map<String, Object> properties)
            throws IOException {
        int tilde = pid.indexOf('~');
        Configuration configuration = tilde < 0 ? admin.getConfiguration(pid, "?")
                : admin.getFactoryConfiguration(pid.substring(0, tilde), pid.substring(tilde + 1), "?");
        Dictionary<String, Object> wanted = new Hashtable<>(properties);
        if (!same(configuration.getProperties(), properties)) {
            configuration.update(wanted);
        }
    }

    private static boolean same(Dictionary<String, Object> current, Map<String, Object> wanted) {
        if (current == null) {
            return false;
        }
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            Object have = current.get(e.getKey());
            boolean equal = have instanceof Object[] a && e.getValue() instanceof Object[] b ? Arrays.equals(a, b)
                    : Objects.equals(have, e.getValue());
            if (!equal) {
                return false;
            }
        }
        return true;
    }
}
