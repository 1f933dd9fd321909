package sns.core.internal.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadFolderInspectorTest {

    @TempDir
    Path dir;

    @Test
    void notAZipIsNamedAsBroken() throws Exception {
        Path jar = Files.writeString(dir.resolve("garbage.jar"), "not a zip", StandardCharsets.UTF_8);
        assertTrue(LoadFolderInspector.problem(jar).orElseThrow().contains("not a readable jar"));
    }

    @Test
    void jarWithoutBundleHeadersIsNamedAsNotABundle() throws Exception {
        Path jar = dir.resolve("plain.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
        }
        assertTrue(LoadFolderInspector.problem(jar).orElseThrow().contains("not an OSGi bundle"));
    }

    @Test
    void bundleHasNoProblem() throws Exception {
        Path jar = dir.resolve("bundle.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-SymbolicName", "sns.sample");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
        }
        assertEquals(java.util.Optional.empty(), LoadFolderInspector.problem(jar));
    }
}
