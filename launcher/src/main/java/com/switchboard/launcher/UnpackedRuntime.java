package com.switchboard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder Payara Micro's runtime jars are unpacked into, one per running process under the data folder.
 *
 * <p>Why unpacked: run from inside its own jar, Payara Micro looks every resource up through nested-jar URLs, and
 * each miss in each of its some 300 jars throws an exception. Its managed executors look up
 * {@code ThreadContextProvider}s with a {@code ServiceLoader} on every task, and Tyrus schedules one (the idle
 * timer) for every WebSocket frame sent or received, so a frame cost a scan of the whole runtime: most of the
 * fan-out thread's time (docs/PERFORMANCE.md, "What moved the figures"). From plain jars on disk the same scan is
 * cheap.
 *
 * <p>One folder per process, held by a file lock, because Payara copies the jars in again at every start: two
 * processes sharing a data folder (several nodes on one machine share the attachments) must not overwrite each
 * other's. Folders whose lock nobody holds are left from processes that did not stop cleanly and are removed.
 */
final class UnpackedRuntime implements AutoCloseable {

    private static final String LOCK = ".lock";
    private static final Duration FRESH = Duration.ofMinutes(1);

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private UnpackedRuntime(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /** Removes the folders of processes that are gone, then creates and locks this process's own. */
    static UnpackedRuntime under(Path parent) throws IOException {
        Files.createDirectories(parent);
        try (Stream<Path> folders = Files.list(parent)) {
            folders.filter(Files::isDirectory).filter(UnpackedRuntime::abandoned).forEach(UnpackedRuntime::delete);
        }
        var folder = Files.createTempDirectory(parent, ProcessHandle.current().pid() + "-");
        var channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return new UnpackedRuntime(folder, channel, channel.lock());
    }

    Path folder() {
        return folder;
    }

    /** Unlocks and removes the folder: for after Payara Micro stopped. */
    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
        delete(folder);
    }

    private static boolean abandoned(Path folder) {
        var lockFile = folder.resolve(LOCK);
        try {
            if (!Files.exists(lockFile)) {
                // Another process may have just created it and not its lock yet.
                return Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minus(FRESH));
            }
        } catch (IOException e) {
            return false;
        }
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            var lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldHere) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("switchboard: could not remove the unpacked runtime in " + folder + ": " + e);
        }
    }
}
