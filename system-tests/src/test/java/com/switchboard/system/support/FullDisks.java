package com.switchboard.system.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/** Fills a small file system of a test's own, as a disk fills up under a node or a database. */
public final class FullDisks {

    private FullDisks() {
    }

    /** Writes {@code file} until its file system says it is full. */
    public static void fillUp(Path file) throws IOException {
        try (var out = new RandomAccessFile(file.toFile(), "rw")) {
            var block = new byte[256 * 1024];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
                throw full;
            }
        }
    }
}
