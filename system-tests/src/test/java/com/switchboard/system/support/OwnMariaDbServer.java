package com.switchboard.system.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of the test's own (the installed {@code mariadbd}, a data folder under target/, a free port,
 * its socket in the data folder), for tests that kill the database: the machine's shared server on 3306 serves
 * other work and is never touched. No grant tables: any user name and password are let in, so the application's
 * settings need no account to be made. Its data folder may be a file system of its own (a tmpfs, which needs root,
 * as CI has), so that a test can fill the database's disk up.
 */
public final class OwnMariaDbServer implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final boolean mounted;
    private Process process;

    private OwnMariaDbServer(Path dataDir, int port, boolean mounted) {
        this.dataDir = dataDir;
        this.port = port;
        this.mounted = mounted;
    }

    /** A fresh data folder in {@code directory}, then the server on it. */
    public static OwnMariaDbServer start(Path directory) throws Exception {
        return start(directory, 0);
    }

    /**
     * A fresh data folder in {@code directory}, on a tmpfs of {@code megabytes} of its own where it can be mounted
     * ({@link #onFileSystemOfItsOwn}), then the server on it.
     */
    public static OwnMariaDbServer start(Path directory, int megabytes) throws Exception {
        var left = directory.resolve("data");
        if (Files.isDirectory(left)) {
            run("umount", left.toString()); // a run that was killed left it mounted
        }
        var dataDir = Directories.recreate(directory).resolve("data");
        boolean mounted = false;
        if (megabytes > 0) {
            mounted = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                    Files.createDirectories(dataDir).toString());
        }
        var install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--datadir=" + dataDir,
                "--user=" + System.getProperty("user.name"), "--skip-test-db", "--skip-name-resolve")
                .redirectErrorStream(true).redirectOutput(directory.resolve("install.log").toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new IllegalStateException("mariadb-install-db failed:\n"
                    + Files.readString(directory.resolve("install.log")));
        }
        var server = new OwnMariaDbServer(dataDir, FreePorts.next(), mounted);
        server.restart();
        return server;
    }

    /** Whether the data folder is a file system of its own, which {@link #fillUp} can fill. */
    public boolean onFileSystemOfItsOwn() {
        return mounted;
    }

    /** Fills the data folder's file system up with a file of its own, until the system says it is full. */
    public void fillUp() throws IOException {
        if (!mounted) {
            throw new IllegalStateException("the data folder shares its file system");
        }
        FullDisks.fillUp(filler());
    }

    /** Gives back the room {@link #fillUp} took. */
    public void makeRoom() throws IOException {
        Files.deleteIfExists(filler());
    }

    private Path filler() {
        return dataDir.resolve("filler");
    }

    /** Starts the server on its data folder and port (again, after {@link #kill}: InnoDB recovers its log). */
    public void restart() throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("MariaDB is still running");
        }
        var log = dataDir.resolveSibling("server.log");
        process = new ProcessBuilder(List.of("mariadbd", "--no-defaults", "--datadir=" + dataDir,
                "--user=" + System.getProperty("user.name"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dataDir.resolve("mysqld.sock"), "--pid-file=" + dataDir.resolve("mysqld.pid"),
                "--skip-grant-tables", "--skip-name-resolve", "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=48M", "--max-connections=200"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd ended:\n" + Files.readString(log));
            }
            try (var connection = admin()) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("MariaDB not answering after a minute:\n" + Files.readString(log));
    }

    /** SIGKILL, as a crash of the database server: nothing flushed beyond what InnoDB's log already holds. */
    public void kill() throws Exception {
        if (!process.destroyForcibly().waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mariadbd (pid " + process.pid() + ") still running after SIGKILL");
        }
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (var socket = new Socket("127.0.0.1", port)) {
                Thread.sleep(100);
            } catch (IOException closed) {
                return;
            }
        }
    }

    public void createDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException(name);
        }
        try (var connection = admin(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "root", "");
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "");
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (mounted) {
            run("umount", dataDir.toString());
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }
}
