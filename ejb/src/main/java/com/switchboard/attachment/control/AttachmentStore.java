package com.switchboard.attachment.control;

import com.switchboard.attachment.entity.Attachment;
import com.switchboard.attachment.entity.FileName;
import com.switchboard.inbox.entity.AttachmentType;
import com.switchboard.input.RequestRejectedException;
import com.switchboard.persistence.control.FreeSpace;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The attachments' bytes, in a directory outside the web application ({@code switchboard.attachments.dir}; nodes of
 * a cluster share one). An upload streams into {@code incoming/} and is checked on the way; it moves to its
 * server-chosen name only as its transaction commits, and a rolled-back transaction leaves no file behind.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AttachmentStore {

    private static final Logger LOG = Logger.getLogger(AttachmentStore.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration STORAGE_RETRY = Duration.ofMinutes(5);

    @Inject
    @ConfigProperty(name = "switchboard.attachments.dir", defaultValue = "./switchboard-data/attachments")
    String dir;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    FreeSpace freeSpace;

    /**
     * Streams one upload into a temporary file, refusing it (and keeping nothing) once it passes the size limit,
     * when it is empty, when it is a zip that would cost too much to open, or when its content is of no accepted
     * type. Never holds the file in memory. Whatever goes wrong, an Error included, the temporary file is deleted.
     */
    public ReceivedFile receive(String givenName, InputStream content) {
        if (freeSpace.read().tooLow()) {
            throw RequestRejectedException.unavailable("attachment.storage-full",
                    "The server has no room for files right now; please try again later.", STORAGE_RETRY);
        }
        var temporary = incoming().resolve(randomName() + ".part");
        boolean received = false;
        try {
            Files.createDirectories(temporary.getParent());
            var sha256 = sha256();
            long size = copyAtMost(givenName, content, temporary, sha256);
            if (size == 0) {
                throw RequestRejectedException.invalid("attachment.empty",
                        "The file '" + givenName + "' is empty.");
            }
            var mediaType = ContentDetector.detect(temporary);
            var type = AttachmentType.ofMediaType(mediaType).orElseThrow(() -> RequestRejectedException.invalid(
                    "attachment.type", "The file '" + givenName + "' is " + mediaType + ", which is not accepted: "
                            + "PDF, Office documents, text, RTF and images (JPG, PNG, GIF, BMP, WEBP, TIFF, HEIC) are."));
            var file = new ReceivedFile(temporary, FileName.forDisplay(givenName,
                    ContentDetector.extensions(mediaType)), mediaType, type, size, HEX.formatHex(sha256.digest()));
            received = true;
            return file;
        } catch (ZipLimits.Exceeded e) {
            throw RequestRejectedException.invalid("attachment.unsafe",
                    "The file '" + givenName + "' is refused: " + e.getMessage() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not receive an attachment", e);
        } finally {
            if (!received) {
                deleteQuietly(temporary);
            }
        }
    }

    /**
     * Deletes the temporary files of uploads that never finished: a node that crashed or was killed while
     * receiving leaves them in {@code incoming/}. Other nodes sharing the directory may be receiving right now, so
     * only files untouched for {@code age} go; returns how many.
     */
    public int deleteAbandonedUploads(Duration age) {
        var incoming = incoming();
        if (!Files.isDirectory(incoming)) {
            return 0;
        }
        var before = FileTime.from(Instant.now().minus(age));
        int deleted = 0;
        try (var files = Files.newDirectoryStream(incoming, "*.part")) {
            for (var file : files) {
                var attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attributes.isRegularFile() && attributes.lastModifiedTime().compareTo(before) < 0
                        && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "Could not delete all abandoned uploads in " + incoming + ": " + e);
        }
        return deleted;
    }

    /** Throws the upload away; nothing happens if it was stored (moved) already. */
    public void discard(ReceivedFile file) {
        deleteQuietly(file.temporary());
    }

    /** A new server-chosen name: random, spread over 256 sub-directories so none grows too large. */
    public String newStorageName() {
        var name = randomName();
        return name.substring(0, 2) + "/" + name;
    }

    /**
     * Moves the files to their storage names as the current transaction commits (before the database commits,
     * so a failed move rolls it back); if the transaction rolls back after all, the moved files are deleted.
     * A crash between the two leaves at worst a file without a row, never a row without its file.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void storeOnCommit(Map<ReceivedFile, String> storageNames) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                storageNames.forEach((file, name) -> move(file.temporary(), stored(name)));
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    storageNames.forEach((file, name) -> {
                        deleteQuietly(file.temporary());
                        deleteQuietly(stored(name));
                    });
                }
            }
        });
    }

    /** Deletes the files once the transaction that deleted their rows has committed. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void deleteOnCommit(List<String> storageNames) {
        if (storageNames.isEmpty()) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    storageNames.forEach(name -> deleteQuietly(stored(name)));
                }
            }
        });
    }

    public InputStream open(String storageName) {
        try {
            return Files.newInputStream(stored(storageName));
        } catch (IOException e) {
            throw new UncheckedIOException("The file of an attachment is missing: " + storageName, e);
        }
    }

    Path stored(String storageName) {
        if (!storageName.matches("[0-9a-f]{2}/[0-9a-f]{32}")) {
            throw new IllegalArgumentException("Not a storage name: " + storageName);
        }
        return root().resolve(storageName);
    }

    private Path incoming() {
        return root().resolve("incoming");
    }

    private Path root() {
        return Path.of(dir).toAbsolutePath().normalize();
    }

    private static long copyAtMost(String givenName, InputStream content, Path target, MessageDigest sha256) throws IOException {
        long size = 0;
        var buffer = new byte[64 * 1024];
        try (content; var out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            for (int read; (read = content.read(buffer)) != -1; ) {
                size += read;
                if (size > Attachment.MAX_SIZE) {
                    throw RequestRejectedException.invalid("attachment.too-large",
                            "The file '" + givenName + "' is larger than " + Attachment.MAX_SIZE / (1024 * 1024)
                                    + " MB.");
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        return size;
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store an attachment as " + to, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete " + file, e);
        }
    }

    private static String randomName() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
