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
        Path jar = jar("plain.jar", null);
        assertTrue(LoadFolderInspector.problem(jar).orElseThrow().contains("not an OSGi bundle"));
    }

    @Test
    void bundleHasNoProblem() throws Exception {
        assertEquals(java.util.Optional.empty(), LoadFolderInspector.problem(jar("bundle.jar", "sns.sample")));
    }

    private Path jar(String name, String symbolicName) throws Exception {
        Path jar = dir.resolve(name);
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            m.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
        }
        return jar;
    }
}
