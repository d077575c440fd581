package com.switchboard.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The free space where the node keeps files: the attachments' directory, which the embedded defaults keep in the
 * data folder with the database and the broker's journal. Below {@code switchboard.storage.min-free-mb} the node
 * takes no more uploads and reports itself not ready, before a full disk fails database commits.
 */
@ApplicationScoped
public class FreeSpace {

    private static final Logger LOG = Logger.getLogger(FreeSpace.class.getName());

    @Inject
    @ConfigProperty(name = "switchboard.attachments.dir", defaultValue = "./switchboard-data/attachments")
    String dir;

    @Inject
    @ConfigProperty(name = "switchboard.storage.min-free-mb", defaultValue = "256")
    long minFreeMb;

    private final AtomicBoolean low = new AtomicBoolean();

    /** What is left, and whether it is too little; logged once as it becomes too little and once as it recovers. */
    public Reading read() {
        var folder = existingFolder(Path.of(dir).toAbsolutePath());
        long usable;
        try {
            usable = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the free space of " + folder, e);
        }
        var reading = new Reading(folder, usable, minFreeMb * 1024 * 1024);
        if (reading.tooLow() && !low.getAndSet(true)) {
            LOG.warning(() -> "Storage almost full: " + reading + "; uploads are refused and readiness is DOWN "
                    + "until there is more room (switchboard.storage.min-free-mb)");
        } else if (!reading.tooLow() && low.getAndSet(false)) {
            LOG.info(() -> "Storage has room again: " + reading);
        }
        return reading;
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
