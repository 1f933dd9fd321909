package sns.run.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import sns.run.osgi.sample.SamplePublisherActivator;

/** Builds the sample destination bundle (a real jar with a real manifest) from the test bundle's own classes. */
public final class SampleBundle {

    public static final String SYMBOLIC_NAME = "sns.sample.publisher";

    private SampleBundle() {
    }

    public static void write(Path jar) throws IOException {
        write(jar, SYMBOLIC_NAME);
    }

    /** The same destination ({@code sample.hot}) under another bundle name, to install it twice. */
    public static void write(Path jar, String symbolicName) throws IOException {
        write(jar, symbolicName, SamplePublisherActivator.class, Map.of());
    }

    /**
     * A destination bundle whose only class is {@code activator}, compiled against the exported
     * {@code sns.core.api} and {@code org.osgi.framework} only, with extra manifest {@code headers}.
     */
    public static void write(Path jar, String symbolicName, Class<?> activator, Map<String, String> headers)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", activator.getName());
        main.putValue("Import-Package", "org.osgi.framework, sns.core.api;version=\"[1.0,2)\"");
        headers.forEach(main::putValue);
        String entry = activator.getName().replace('.', '/') + ".class";
        Path partial = jar.resolveSibling(jar.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jos = new JarOutputStream(out, manifest);
                InputStream in = SampleBundle.class.getClassLoader().getResourceAsStream(entry)) {
            jos.putNextEntry(new JarEntry(entry));
            in.transferTo(jos);
            jos.closeEntry();
        }
        // FileInstall must never see a half-written jar
        Files.move(partial, jar, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
