package sns.core.internal.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import sns.core.api.BridgeHome;

/** The home folder and its fixed sub-folders, created on first use. */
public final class HomeFolders implements BridgeHome {

    /** One harmless path component: no separators, no {@code ..}, no hidden files. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

    private final Path home;
    private final Path conf;
    private final Path load;
    private final Path data;

    /** Uses {@code home} (absolute) with {@code conf/}, {@code load/} and {@code data/} below it. */
    public HomeFolders(Path home) {
        this.home = home.toAbsolutePath().normalize();
        this.conf = this.home.resolve("conf");
        this.load = this.home.resolve("load");
        this.data = this.home.resolve("data");
    }

    /** Creates the folders that do not exist yet. */
    public HomeFolders create() throws IOException {
        for (Path p : new Path[] {home, conf, load, data}) {
            Files.createDirectories(p);
        }
        return this;
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public Path conf() {
        return conf;
    }

    @Override
    public Path load() {
        return load;
    }

    @Override
    public Path data() {
        return data;
    }

    @Override
    public Path dataFolder(String name) throws IOException {
        if (name == null || !SAFE_NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("not a safe data folder name: " + name);
        }
        Path folder = data.resolve(name).normalize();
        if (!folder.getParent().equals(data)) {
            throw new IllegalArgumentException("not a safe data folder name: " + name);
        }
        return Files.createDirectories(folder);
    }

    @Override
    public String toString() {
        return home.toString();
    }
}
