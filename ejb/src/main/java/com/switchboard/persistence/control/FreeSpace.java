package com.switchboard.persistence.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The free space where the node keeps files: the attachments' directory and, on the embedded defaults, the
 * database's and the broker's folders (the data folder, which holds the attachments too unless they are put
 * elsewhere). Below {@code switchboard.storage.min-free-mb} in any of them the node takes no more uploads and
 * reports itself not ready, before a full disk fails database commits: H2 closes its database for the rest of the
 * process when it cannot write.
 */
@ApplicationScoped
public class FreeSpace {

    private static final Logger LOG = Logger.getLogger(FreeSpace.class.getName());
    private static final String H2_FILE = "jdbc:h2:file:";

    @Inject
    @ConfigProperty(name = "switchboard.attachments.dir", defaultValue = "./switchboard-data/attachments")
    String dir;

    @Inject
    @ConfigProperty(name = "switchboard.storage.min-free-mb", defaultValue = "256")
    long minFreeMb;

    @Inject
    @ConfigProperty(name = "switchboard.db.url")
    Optional<String> databaseUrl;

    /** Set by the launcher for the embedded broker only. */
    @Inject
    @ConfigProperty(name = "switchboard.broker.dir")
    Optional<String> brokerDir;

    private final AtomicBoolean low = new AtomicBoolean();

    /**
     * What is left in the first folder with too little room (else in the attachments' folder), and whether it is too
     * little; logged once as it becomes too little and once as it recovers.
     */
    public Reading read() {
        Reading reading = null;
        for (var folder : folders()) {
            var next = readingOf(existingFolder(folder.toAbsolutePath()));
            if (reading == null || next.tooLow() && !reading.tooLow()) {
                reading = next;
            }
        }
        var result = reading;
        if (result.tooLow() && !low.getAndSet(true)) {
            LOG.warning(() -> "Storage almost full: " + result + "; uploads are refused and readiness is DOWN "
                    + "until there is more room (switchboard.storage.min-free-mb)");
        } else if (!result.tooLow() && low.getAndSet(false)) {
            LOG.info(() -> "Storage has room again: " + result);
        }
        return result;
    }

    private List<Path> folders() {
        var folders = new ArrayList<Path>();
        folders.add(Path.of(dir));
        databaseUrl.filter(url -> url.startsWith(H2_FILE)).ifPresent(url -> {
            var file = url.substring(H2_FILE.length());
            var path = Path.of(file.contains(";") ? file.substring(0, file.indexOf(';')) : file);
            folders.add(path.toAbsolutePath().getParent());
        });
        brokerDir.ifPresent(folder -> folders.add(Path.of(folder)));
        return folders;
    }

    private Reading readingOf(Path folder) {
        long usable;
        try {
            usable = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the free space of " + folder, e);
        }
        return new Reading(folder, usable, minFreeMb * 1024 * 1024);
    }

    /** The configured folder, or its nearest ancestor that exists yet. */
    private static Path existingFolder(Path folder) {
        var existing = folder;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? folder.getRoot() : existing;
    }

    public record Reading(Path folder, long usableBytes, long minimumBytes) {

        public boolean tooLow() {
            return usableBytes < minimumBytes;
        }

        @Override
        public String toString() {
            return (usableBytes / (1024 * 1024)) + " MB free in " + folder + ", at least "
                    + (minimumBytes / (1024 * 1024)) + " MB wanted";
        }
    }
}
